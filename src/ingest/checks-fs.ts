/** The last check of each feed, written by every snapshot that is not a dry run (src/archive/checks.ts). */
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type Check, parseChecks, withRun } from '#src/archive/checks.ts';
import { writeFileAtomic } from './write-fs.ts';

export async function recordChecks(
  file: string,
  now: Date,
  feeds: readonly { id: string; status: Check['status'] }[],
): Promise<void> {
  const before = parseChecks(await readFile(file, 'utf8').catch(() => undefined));
  await mkdir(dirname(file), { recursive: true });
  await writeFileAtomic(file, `${JSON.stringify(withRun(before, now, feeds), null, 2)}\n`);
}
