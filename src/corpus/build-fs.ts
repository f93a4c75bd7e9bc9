/**
 * Builds a corpus archive into a site with Astro (the same Markdown pipeline
 * the real site uses) and audits the pages, so sanitization is judged on the
 * HTML a browser would get.
 */
import type { AuditFinding } from '../audit/audit.ts';
import { auditDist } from '../audit/audit-fs.ts';
import { buildSiteInChild } from '../build/site-build-fs.ts';

export interface BuildAndAuditOptions {
  itemsDir: string;
  stateDir: string;
  outDir: string;
}

export async function buildAndAudit(options: BuildAndAuditOptions): Promise<AuditFinding[]> {
  await buildSiteInChild({ ...options, base: '/' });
  return auditDist(options.outDir, { base: '/' });
}
