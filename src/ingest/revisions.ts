/**
 * What an edit keeps: when the publisher changes an archived item, the file
 * as it was archived becomes the item's next revision, and the new version
 * lists when each earlier one was first seen. Revisions are never rewritten:
 * the n-th keeps the bytes the archive held for that version. Pure.
 */
import { parseItemFile } from '#src/archive/frontmatter.ts';
import { archiveDate } from '#src/archive/schema.ts';

/** The archived file an update replaces, as the revision it becomes. */
export interface EarlierVersion {
  /** Its number among the item's versions, from 1 (the first archived). */
  number: number;
  /** The file's bytes as archived, kept as they are. */
  text: string;
  /** The `revisions` the new version records: the earlier ones' and this one's date, oldest first. */
  revisions: string[];
}

function isoOf(value: unknown): string | undefined {
  return archiveDate(value)?.toISOString();
}

/**
 * The revision an archived file becomes when its item is updated. Its date is
 * when the archive first saw that version (`updated`, else `firstSeen`), else
 * `fallbackIso` for a file whose dates cannot be read.
 */
export function earlierVersion(text: string, fallbackIso: string): EarlierVersion {
  let frontmatter: Record<string, unknown> = {};
  try {
    const parsed = parseItemFile(text).frontmatter;
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      frontmatter = parsed as Record<string, unknown>;
    }
  } catch {
    // An unreadable file is still kept as it was; it only contributes no dates.
  }
  const earlier = Array.isArray(frontmatter.revisions)
    ? frontmatter.revisions.map(isoOf).filter((date) => date !== undefined)
    : [];
  const since = isoOf(frontmatter.updated) ?? isoOf(frontmatter.firstSeen) ?? fallbackIso;
  return { number: earlier.length + 1, text, revisions: [...earlier, since] };
}

/**
 * The fields of an archived file that the archive, not the feed, wrote: its
 * revisions and a retraction. A rewrite that is not an edit (a new hash form)
 * keeps them; an edit starts a new version, which lists its revisions anew and
 * is back in its feed, so not retracted.
 */
export function archiveOwnedFields(text: string): Record<string, unknown> {
  let frontmatter: Record<string, unknown>;
  try {
    const parsed = parseItemFile(text).frontmatter;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    frontmatter = parsed as Record<string, unknown>;
  } catch {
    return {};
  }
  const owned: Record<string, unknown> = {};
  if (Array.isArray(frontmatter.revisions)) {
    const dates = frontmatter.revisions.map(isoOf).filter((date) => date !== undefined);
    if (dates.length > 0) owned.revisions = dates;
  }
  const retracted = isoOf(frontmatter.retracted);
  if (retracted) {
    owned.retracted = retracted;
    if (frontmatter.retractedStatus === 404 || frontmatter.retractedStatus === 410) {
      owned.retractedStatus = frontmatter.retractedStatus;
    }
  }
  return owned;
}
