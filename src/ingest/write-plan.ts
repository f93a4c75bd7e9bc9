/**
 * From a converted entry to the bytes of its file: the frontmatter completed
 * with the identity and hash, put in schema order, validated with the archive's
 * schema, and given its file name (kept for a known item, chosen once for a new
 * one). Pure: the caller writes.
 */
import { parseItemFile, renderItemFile } from '#src/archive/frontmatter.ts';
import { freshStem } from '#src/archive/item-names.ts';
import { ItemSchema } from '#src/archive/schema.ts';
import type { PlannedEntry } from './dedupe.ts';
import { itemFileStem } from './identity.ts';
import { invalidItemReason } from './report.ts';
import type { ConvertedItem } from './types.ts';

/** Frontmatter keys in ItemSchema order (then any others), undefined values left out: stable bytes. */
export function inSchemaOrder(frontmatter: Record<string, unknown>): Record<string, unknown> {
  const ordered: Record<string, unknown> = {};
  for (const key of [...Object.keys(ItemSchema.shape), ...Object.keys(frontmatter)]) {
    const value = frontmatter[key];
    if (value !== undefined && !(key in ordered)) ordered[key] = value;
  }
  return ordered;
}

export interface PlannedFile {
  /** The file's stem in the feed's folder. */
  stem: string;
  /** The whole file: frontmatter and body. */
  text: string;
}

/**
 * The file of one converted item, or why it is left out (it fails ItemSchema).
 * `existing` is the archived item it updates; a new item's stem is added to `usedStems`.
 * An update is dated now; a rehash keeps the item's `updated`, if any, for nothing was seen to change.
 * `archived` holds the fields the archive wrote that the new file keeps (revisions, a retraction).
 */
export function planItemFile(
  planned: PlannedEntry,
  converted: ConvertedItem,
  existing: { stem: string; updated?: string } | undefined,
  usedStems: Set<string>,
  nowIso: string,
  archived: Record<string, unknown> = {},
): PlannedFile | { reason: string } {
  const frontmatter = inSchemaOrder({
    ...converted.frontmatter,
    ...archived,
    id: planned.key,
    hash: planned.hash,
    ...(planned.action === 'update' ? { updated: nowIso } : {}),
    ...(planned.action === 'rehash' && existing?.updated ? { updated: existing.updated } : {}),
  });
  const valid = ItemSchema.safeParse(frontmatter);
  if (!valid.success) return { reason: invalidItemReason(valid.error.issues) };
  const proposed = itemFileStem(planned.entry, valid.data.published.toISOString(), planned.key);
  const stem = existing?.stem ?? freshStem(proposed, planned.key, planned.hash, usedStems);
  usedStems.add(stem);
  return { stem, text: renderItemFile({ frontmatter, body: converted.body }) };
}

/**
 * An archived file with fields of its frontmatter set or removed, the rest
 * (body included) as it was; undefined when its frontmatter cannot be read.
 */
export function patchFrontmatter(
  text: string,
  set: Record<string, unknown>,
  remove: readonly string[] = [],
): string | undefined {
  let parsed: ReturnType<typeof parseItemFile>;
  try {
    parsed = parseItemFile(text);
  } catch {
    return undefined;
  }
  const { frontmatter, body } = parsed;
  if (typeof frontmatter !== 'object' || frontmatter === null || Array.isArray(frontmatter)) return undefined;
  const patched: Record<string, unknown> = { ...(frontmatter as Record<string, unknown>), ...set };
  for (const key of remove) delete patched[key];
  return renderItemFile({ frontmatter: inSchemaOrder(patched), body });
}
