/**
 * Rendered feed text to bytes in a chosen encoding, including the wrong ones
 * feeds really use: UTF-16 with and without a byte-order mark, Latin-1
 * declared as UTF-8, UTF-8 declared as Latin-1, UTF-16 declared as UTF-8,
 * legacy charsets and a label no decoder knows. Pure.
 */
import iconv from 'iconv-lite';
import type { Encoding } from './model.ts';

interface Plan {
  /** iconv-lite encoding of the bytes. */
  bytes: string;
  /** The label the XML declaration gives, or none. */
  declared?: string;
  bom?: number[];
}

const PLANS: Record<Encoding, Plan> = {
  'utf-8': { bytes: 'utf-8', declared: 'utf-8' },
  'utf-8-bom': { bytes: 'utf-8', declared: 'UTF-8', bom: [0xef, 0xbb, 0xbf] },
  'utf-16le-bom': { bytes: 'utf-16le', declared: 'UTF-16', bom: [0xff, 0xfe] },
  'utf-16be-bom': { bytes: 'utf-16be', declared: 'UTF-16', bom: [0xfe, 0xff] },
  'utf-16le': { bytes: 'utf-16le', declared: 'UTF-16' },
  'utf-16be': { bytes: 'utf-16be' },
  'utf-16le-declared-utf-8': { bytes: 'utf-16le', declared: 'UTF-8' },
  'latin1-declared-utf-8': { bytes: 'latin1', declared: 'UTF-8' },
  'utf-8-declared-latin1': { bytes: 'utf-8', declared: 'ISO-8859-1' },
  'windows-1251': { bytes: 'windows-1251', declared: 'windows-1251' },
  gb18030: { bytes: 'gb18030', declared: 'GB2312' },
  'unknown-label': { bytes: 'utf-8', declared: 'x-klingon-8' },
};

/** The encoding label a document in this encoding declares (undefined: no label). */
export function declaredLabel(encoding: Encoding): string | undefined {
  return PLANS[encoding].declared;
}

/** The text as bytes, with the byte-order mark the encoding calls for. */
export function encodeText(text: string, encoding: Encoding): Uint8Array {
  const plan = PLANS[encoding];
  const body = iconv.encode(text, plan.bytes);
  return plan.bom ? Buffer.concat([Buffer.from(plan.bom), body]) : new Uint8Array(body);
}
