/**
 * `npm run test:corpus -- DIR [--filter TEXT] [--keep]`: snapshots every feed
 * file under DIR and prints a table per top-level folder, then builds the
 * sanitization tests into a site and audits it. Exits 1 when the run misses a
 * target (a crash, a hang, an unclear rejection, too few wellformed files
 * archived, or script in the built sanitization tests).
 */
import { parseArgs } from 'node:util';
import { formatTable, sampleReasons, summarise, targetMisses } from '#scripts/corpus/classify.ts';
import { auditSanitizeBuild, removeCorpusRun, runCorpus } from '#scripts/corpus/run-fs.ts';
import { formatFindings } from '#src/audit/audit.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { filter: { type: 'string' }, keep: { type: 'boolean', default: false } },
});
const dir = positionals[0];
if (dir === undefined) {
  console.error('Usage: npm run test:corpus -- DIR [--filter TEXT] [--keep]');
  process.exit(2);
}

function message(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
}

const started = Date.now();
try {
  const run = await runCorpus(dir, {
    filter: values.filter,
    onResult: (_result, done, total) => {
      if (done % 250 === 0 || done === total) console.error(`  ${done}/${total} files`);
    },
  });
  console.log(formatTable(summarise(run.results)));
  const reasons = sampleReasons(run.results);
  if (reasons.length > 0) console.log(`\n${reasons.join('\n')}`);
  const misses = targetMisses(run.results, 0);
  try {
    const findings = await auditSanitizeBuild(run);
    console.log(`\nSanitization tests built and audited: ${run.sanitizeBuilt} file(s), ${findings.length} finding(s).`);
    if (findings.length > 0) {
      console.log(formatFindings(findings.slice(0, 20)));
      misses.push(...targetMisses([], findings.length));
    }
  } catch (error) {
    misses.push(`The sanitization tests could not be built: ${message(error)}`);
  }
  if (values.keep) console.log(`Archive kept in ${run.workDir}`);
  else await removeCorpusRun(run);
  console.log(`Finished in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  if (misses.length > 0) {
    console.error(`\nCorpus targets missed:\n  ${misses.join('\n  ')}`);
    process.exitCode = 1;
  } else {
    console.log('All corpus targets met.');
  }
} catch (error) {
  console.error(`Corpus run failed: ${message(error)}`);
  process.exitCode = 1;
}
