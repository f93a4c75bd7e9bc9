/**
 * `npm run fidelity -- DIR... [--json] [--max-findings N]`: snapshots every
 * feed file under each DIR (the corpus run's pool, ./corpus/run-fs.ts), then
 * compares each archived item with its entry read independently of the
 * snapshot's parser, and prints the findings by class with the first
 * examples, beside the snapshot's own count of what it altered for safety or
 * format. Exits 1 above --max-findings (default: any finding).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { corpusItemsDir, removeCorpusRun, runCorpus } from '#scripts/corpus/run-fs.ts';
import { type ArchivedItem, compareFeed, type Finding } from '#scripts/fidelity/compare.ts';
import { countByClass, formatFindingTable } from '#scripts/fidelity/format.ts';
import { readFeedFacts } from '#scripts/fidelity/read-feed.ts';
import { parseItemFile } from '#src/archive/frontmatter.ts';

const USAGE = 'Usage: npm run fidelity -- DIR... [--json] [--max-findings N] [--examples N]';
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    json: { type: 'boolean', default: false },
    'max-findings': { type: 'string', default: '0' },
    examples: { type: 'string', default: '3' },
    help: { type: 'boolean', default: false },
  },
});
const maxFindings = Number(values['max-findings']);
const examples = Number(values.examples);
if (values.help || positionals.length === 0 || !Number.isInteger(maxFindings) || !Number.isInteger(examples)) {
  console.error(USAGE);
  process.exit(values.help ? 0 : 2);
}

/** Feed bytes as text, read apart from the snapshot: the declared charset, else UTF-8, else windows-1252. */
function decodeIndependently(bytes: Buffer): string {
  const declared = /^<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(
    bytes.subarray(0, 200).toString('latin1'),
  )?.[1];
  for (const label of [declared, 'utf-8']) {
    if (!label) continue;
    try {
      return new TextDecoder(label, { fatal: true }).decode(bytes);
    } catch {}
  }
  return new TextDecoder('windows-1252').decode(bytes);
}

async function archivedItems(dir: string): Promise<ArchivedItem[]> {
  const files = await readdir(dir).catch(() => [] as string[]);
  const items: ArchivedItem[] = [];
  for (const file of files.filter((name) => name.endsWith('.md')).sort()) {
    const { frontmatter, body } = parseItemFile(await readFile(join(dir, file), 'utf8'));
    if (typeof frontmatter === 'object' && frontmatter !== null) {
      items.push({ frontmatter: frontmatter as Record<string, unknown>, body });
    }
  }
  return items;
}

const started = Date.now();
const findings: Finding[] = [];
let compared = 0;
let unreadable = 0;
try {
  for (const dir of positionals) {
    const run = await runCorpus(dir);
    try {
      for (const [index, result] of run.results.entries()) {
        if (result.outcome !== 'archived') continue;
        const entries = readFeedFacts(decodeIndependently(await readFile(join(dir, result.file))));
        if (!entries) {
          unreadable++;
          continue;
        }
        const items = await archivedItems(corpusItemsDir(run, index));
        compared += items.length;
        findings.push(...compareFeed(join(dir, result.file), entries, items));
      }
    } finally {
      await removeCorpusRun(run);
    }
  }
} catch (error) {
  console.error(`Fidelity check failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  process.exit(1);
}
const seconds = (Date.now() - started) / 1000;
if (values.json) {
  console.log(
    JSON.stringify(
      { compared, unreadable, total: findings.length, byClass: countByClass(findings), findings },
      null,
      2,
    ),
  );
} else {
  console.log(formatFindingTable(findings, examples));
  console.log(
    `\n${compared} archived item(s) compared with their feeds in ${seconds.toFixed(1)} s; ${findings.length} finding(s)` +
      `${unreadable > 0 ? `; ${unreadable} feed file(s) the independent reader could not read` : ''}.`,
  );
}
if (findings.length > maxFindings) {
  console.error(
    `Fidelity check: ${findings.length} finding(s), more than the ${maxFindings} allowed (--max-findings).`,
  );
  process.exitCode = 1;
}
