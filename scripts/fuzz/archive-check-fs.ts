/**
 * Reads back what the snapshot archived for one feed, as the site will: every
 * item file split and validated with the archive's schema, and the feed's
 * state file validated with its own. Used by the fuzz workers and the fuzz
 * regression tests.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseItemFile } from '#src/archive/frontmatter.ts';
import { FeedStateSchema, ItemSchema } from '#src/archive/schema.ts';
import { type FeedReport, invalidItemReason } from '#src/ingest/report.ts';
import type { FeedResult } from './protocol.ts';

export interface ArchiveCheck {
  /** Item files written for the feed, by name. */
  files: string[];
  /** Files that do not read back, each with the reason. */
  invalid: string[];
  /** Why the state file does not read back, when it does not. */
  stateProblem?: string;
}

async function listItems(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => name.endsWith('.md')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

function itemProblem(text: string): string | undefined {
  let frontmatter: unknown;
  try {
    frontmatter = parseItemFile(text).frontmatter;
  } catch (error) {
    return `its frontmatter is not YAML: ${(error as Error).message.split('\n')[0]}`;
  }
  if (frontmatter === undefined) return 'it has no frontmatter';
  const parsed = ItemSchema.safeParse(frontmatter);
  return parsed.success ? undefined : invalidItemReason(parsed.error.issues);
}

async function stateProblem(stateDir: string, feedId: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(join(stateDir, `${feedId}.json`), 'utf8');
  } catch {
    return 'the state file is missing';
  }
  try {
    const parsed = FeedStateSchema.safeParse(JSON.parse(text));
    return parsed.success ? undefined : `the state file is invalid: ${invalidItemReason(parsed.error.issues)}`;
  } catch (error) {
    return `the state file is not JSON: ${(error as Error).message}`;
  }
}

/** Check one feed's items and state under an archive. */
export async function checkFeedArchive(itemsDir: string, stateDir: string, feedId: string): Promise<ArchiveCheck> {
  const folder = join(itemsDir, feedId);
  const files = await listItems(folder);
  const invalid: string[] = [];
  for (const file of files) {
    const problem = itemProblem(await readFile(join(folder, file), 'utf8'));
    if (problem !== undefined) invalid.push(`${file}: ${problem}`);
  }
  const state = await stateProblem(stateDir, feedId);
  return { files, invalid, ...(state === undefined ? {} : { stateProblem: state }) };
}

/** A feed's reported outcome with what its archive holds, as the verdict judges it. */
export async function feedResult(reported: FeedReport, itemsDir: string, stateDir: string): Promise<FeedResult> {
  const check = await checkFeedArchive(itemsDir, stateDir, reported.id);
  return {
    id: reported.id,
    status: reported.status,
    ...(reported.code === undefined ? {} : { code: reported.code }),
    ...(reported.error === undefined ? {} : { error: reported.error }),
    counts: reported.counts,
    warnings: reported.warnings.map((warning) => warning.reason),
    files: check.files.length,
    invalid: check.invalid,
    ...(check.stateProblem === undefined ? {} : { stateProblem: check.stateProblem }),
  };
}
