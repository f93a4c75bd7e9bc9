/**
 * The fuzz run's site builds: archived feeds copied into a build archive, built
 * with the full build (Astro, Pagefind, the audit) through the shared
 * site-build helper, and audited again. A failed build is traced to the feeds
 * it names; those are set aside and the rest built again (a few times at
 * most), so one bad item does not hide what the others would show.
 */
import { cp, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { buildSiteInChild } from '#scripts/shared/site-build-fs.ts';
import { parseItemFile } from '#src/archive/frontmatter.ts';
import { ItemSchema } from '#src/archive/schema.ts';
import { type AuditFinding, formatFindings } from '#src/audit/audit.ts';
import { auditDist } from '#src/audit/audit-fs.ts';
import { attributeOutput, type BuildFailureClass, type BuiltItem, buildFailureClass } from './build-attribution.ts';

/** An archived feed to build: where the snapshot left its items and state. */
export interface BuildFeed {
  id: string;
  itemsDir: string;
  stateDir: string;
}

export interface BuildAttempt {
  feeds: number;
  items: number;
  ok: boolean;
  /** The end of the build's output, when it failed. */
  error?: string;
  failureClass?: BuildFailureClass;
  /** Feeds the failure points at, set aside for the next attempt. */
  culprits: string[];
  /** Of those, feeds not named by the failure but set aside because they hold its known cause. */
}

export interface BuildResult {
  name: string;
  attempts: BuildAttempt[];
  /** The built site, when an attempt succeeded. */
  outDir?: string;
  /** Items in the archive of the successful attempt, and article pages built for them. */
  items: number;
  pages: number;
  /** Article pages, as paths under the site ("items/fz-000001/2026-03-02-title/"). */
  articlePaths: string[];
  findings: AuditFinding[];
  /** Feeds the audit findings point at. */
  auditCulprits: string[];
}

export interface BuildOptions {
  workDir: string;
  name: string;
  feeds: readonly BuildFeed[];
  /** Attempts in all, the first included. */
  maxAttempts: number;
}

async function readItems(itemsDir: string, feedId: string): Promise<BuiltItem[]> {
  const folder = join(itemsDir, feedId);
  const items: BuiltItem[] = [];
  for (const file of (await readdir(folder)).filter((name) => name.endsWith('.md'))) {
    const parsed = ItemSchema.safeParse(parseItemFile(await readFile(join(folder, file), 'utf8')).frontmatter);
    if (parsed.success) {
      items.push({ feedId, authors: parsed.data.authors, tags: parsed.data.tags, published: parsed.data.published });
    }
  }
  return items;
}

async function assemble(root: string, feeds: readonly BuildFeed[]): Promise<BuiltItem[]> {
  await rm(root, { recursive: true, force: true });
  await mkdir(join(root, 'items'), { recursive: true });
  await mkdir(join(root, 'state'), { recursive: true });
  const items: BuiltItem[] = [];
  for (const feed of feeds) {
    await cp(join(feed.itemsDir, feed.id), join(root, 'items', feed.id), { recursive: true });
    await cp(join(feed.stateDir, `${feed.id}.json`), join(root, 'state', `${feed.id}.json`));
    items.push(...(await readItems(join(root, 'items'), feed.id)));
  }
  return items;
}

async function articlePaths(outDir: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(join(outDir, 'items'), { recursive: true });
  } catch {
    return [];
  }
  return entries
    .filter((entry) => entry.endsWith('index.html'))
    .map((entry) => `items/${entry.replace(/index\.html$/, '')}`)
    .sort();
}

/** Build the feeds, setting aside the ones a failure points at; audit the site that was built. */
export async function buildFeeds(options: BuildOptions): Promise<BuildResult> {
  const root = join(options.workDir, 'builds', options.name);
  const outDir = join(root, 'dist');
  const attempts: BuildAttempt[] = [];
  let feeds = [...options.feeds];
  while (attempts.length < options.maxAttempts && feeds.length > 0) {
    const items = await assemble(root, feeds);
    try {
      await buildSiteInChild({ itemsDir: join(root, 'items'), stateDir: join(root, 'state'), outDir, kind: 'full' });
    } catch (error) {
      const output = error instanceof Error ? error.message : String(error);
      const failureClass = buildFailureClass(output);
      const named = attributeOutput(output, items);
      // A failure that points at a quarter of the feeds or more is not traced to any of them.
      const traced = named.length * 4 <= feeds.length || feeds.length <= 2 ? named : [];
      const culprits = [...new Set(traced)].sort();
      attempts.push({
        feeds: feeds.length,
        items: items.length,
        ok: false,
        error: output.slice(-2000),
        failureClass,
        culprits,
      });
      if (culprits.length === 0) break;
      feeds = feeds.filter((feed) => !culprits.includes(feed.id));
      continue;
    }
    attempts.push({ feeds: feeds.length, items: items.length, ok: true, culprits: [] });
    const findings = await auditDist(outDir, { base: '/' });
    const paths = await articlePaths(outDir);
    return {
      name: options.name,
      attempts,
      outDir,
      items: items.length,
      pages: paths.length,
      articlePaths: paths,
      findings,
      auditCulprits: findings.length === 0 ? [] : attributeOutput(formatFindings(findings), items),
    };
  }
  return { name: options.name, attempts, items: 0, pages: 0, articlePaths: [], findings: [], auditCulprits: [] };
}
