/**
 * Audits a built site for script the site did not write.
 * Usage: node scripts/audit.ts [DIR]   (DIR defaults to FEEDSHELF_OUT_DIR, else dist)
 */
import { buildPaths } from '#src/archive/paths.ts';
import { auditDist, formatFindings } from '#src/audit/audit-fs.ts';
import { loadSiteConfig } from '#src/site.config.ts';

const dir = process.argv[2] ?? buildPaths.out;
try {
  const findings = await auditDist(dir, { base: loadSiteConfig().base });
  if (findings.length > 0) {
    console.error(formatFindings(findings));
    console.error(
      `Audit failed: ${findings.length} finding(s) in ${dir}; remove the content that produced them and rebuild.`,
    );
    process.exitCode = 1;
  } else {
    console.log(`Audit passed: no script, event handler or script URL the site did not write in ${dir}.`);
  }
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`Could not audit ${dir}: ${message}`);
  process.exitCode = 2;
}
