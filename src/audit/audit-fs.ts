/**
 * Runs the build audit over every HTML page of a built site.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { type AuditFinding, auditHtml } from './audit.ts';

export { formatFindings } from './audit.ts';

export interface AuditDistOptions {
  /** The site's base path; defaults to "/". */
  base?: string;
}

/** Audits every .html file under `dir`; findings are sorted by file, then line. */
export async function auditDist(dir: string, options: AuditDistOptions = {}): Promise<AuditFinding[]> {
  const base = options.base ?? '/';
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const pages = entries
    .filter((entry) => entry.isFile() && /\.html?$/i.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  const findings: AuditFinding[] = [];
  for (const page of pages) {
    const file = relative(dir, page).split(sep).join('/');
    findings.push(...auditHtml(await readFile(page, 'utf8'), file, { base }));
  }
  return findings;
}
