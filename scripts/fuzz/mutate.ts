/**
 * Byte-level mutations of a feed document: truncation, bit flips, invalid
 * byte sequences, spliced structure, deleted and duplicated runs. Positions
 * are taken modulo the length, so any mutation applies to any document. Pure.
 */
import type { Mutation } from './model.ts';

function position(at: number, length: number): number {
  return length === 0 ? 0 : at % (length + 1);
}

function applyOne(bytes: Uint8Array, mutation: Mutation): Uint8Array {
  const at = position(mutation.at, bytes.length);
  const head = bytes.subarray(0, at);
  switch (mutation.op) {
    case 'truncate':
      return bytes.slice(0, at);
    case 'flip': {
      if (bytes.length === 0) return bytes;
      const copy = bytes.slice();
      const index = Math.min(at, copy.length - 1);
      copy[index] = (copy[index] ?? 0) ^ mutation.mask;
      return copy;
    }
    case 'insert':
      return Buffer.concat([head, Buffer.from(mutation.bytes), bytes.subarray(at)]);
    case 'insert-text':
      return Buffer.concat([head, Buffer.from(mutation.text, 'utf8'), bytes.subarray(at)]);
    case 'delete':
      return Buffer.concat([head, bytes.subarray(at + mutation.length)]);
    case 'duplicate':
      return Buffer.concat([bytes.subarray(0, at + mutation.length), bytes.subarray(at)]);
  }
}

/** Apply the mutations in order. */
export function mutateBytes(bytes: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let current = bytes;
  for (const mutation of mutations) current = applyOne(current, mutation);
  return new Uint8Array(current);
}
