/**
 * Builds a corpus archive into a site with Astro (the same Markdown pipeline
 * the real site uses) and audits the pages, so sanitization is judged on the
 * HTML a browser would get.
 */

import { buildSiteInChild } from '#scripts/shared/site-build-fs.ts';
import type { AuditFinding } from '#src/audit/audit.ts';
import { auditDist } from '#src/audit/audit-fs.ts';

export interface BuildAndAuditOptions {
  itemsDir: string;
  stateDir: string;
  outDir: string;
}

export async function buildAndAudit(options: BuildAndAuditOptions): Promise<AuditFinding[]> {
  await buildSiteInChild({ ...options, base: '/' });
  return auditDist(options.outDir, { base: '/' });
}
