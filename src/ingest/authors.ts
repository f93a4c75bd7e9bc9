/**
 * Author names from the forms feeds give them: `jane@example.com (Jane Doe)`
 * (RSS 2.0's `<author>`), `Jane Doe <jane@example.com>`, Atom's and JSON
 * Feed's separate name, or a plain name. A name is published; an e-mail
 * address never is: an author given only as an address is left out and the
 * omission recorded, and placeholders such as Blogger's "Unknown" name no one.
 * Pure.
 */
import { plainText } from './_text.ts';
import type { Alteration } from './alterations.ts';

const ADDRESS = /^(?:mailto:)?[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+$/i;
/** Names blogging platforms write when the author gave none. */
const PLACEHOLDERS = new Set(['unknown', 'anonymous', 'noreply', 'no-reply', 'admin@example.com']);

/** `j…@example.com`: enough to find the entry in the feed, not enough to publish the address in a report. */
function maskedAddress(value: string): string {
  const match = /([^\s@<>()]+)@([^\s@<>()]+)/.exec(value);
  return match ? `${match[1]?.slice(0, 1)}…@${match[2]}` : 'an e-mail address';
}

/** Whether a value is an e-mail address and nothing else. */
export function isBareAddress(value: string): boolean {
  return ADDRESS.test(value.trim());
}

/** The name in one author value, or undefined when it holds only an address (or nothing). */
export function authorName(value: string | undefined): string | undefined {
  const text = value === undefined ? '' : plainText(value);
  if (!text) return undefined;
  const inParens = /^(?:mailto:)?\S+@\S+\s*\(([^)]*)\)$/.exec(text)?.[1];
  if (inParens !== undefined) return plainText(inParens) || undefined;
  const beforeAngle = /^(.+?)\s*<[^>]*@[^>]*>$/.exec(text)?.[1];
  const name = (beforeAngle ?? text).replace(/^["']|["']$/g, '').trim();
  if (!name || isBareAddress(name)) return undefined;
  return name;
}

/**
 * The distinct names among author values, in order; each value that held only an address is
 * recorded in `alterations` as `address-hidden`.
 */
export function authorNames(values: readonly (string | undefined)[], alterations: Alteration[]): string[] {
  const names: string[] = [];
  for (const value of values) {
    const name = authorName(value);
    if (name === undefined) {
      const text = value?.trim();
      if (text && /@/.test(text)) alterations.push({ kind: 'address-hidden', detail: maskedAddress(text) });
      continue;
    }
    if (PLACEHOLDERS.has(name.toLowerCase()) || names.includes(name)) continue;
    names.push(name);
  }
  return names;
}
