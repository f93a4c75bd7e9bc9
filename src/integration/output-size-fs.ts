/** The built site's weight, read from the output folder (output-size.ts). */
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { addOutputFile, emptyOutputSize, type OutputSize } from './output-size.ts';

export async function measureOutput(dir: string): Promise<OutputSize> {
  const size = emptyOutputSize();
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  for (const path of files) addOutputFile(size, relative(dir, path).split(sep).join('/'), (await stat(path)).size);
  return size;
}
