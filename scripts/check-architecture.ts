/**
 * Fails when ARCHITECTURE.md does not map the tree: a source folder it does not
 * name, or a folder it names that is gone. Reads the files git knows of,
 * committed or not (ignored files excepted).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { checkMap, MAPPED_ROOTS, mappedFolders } from '#scripts/ci/architecture-map.ts';

const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '--', ...MAPPED_ROOTS], {
  encoding: 'utf8',
})
  .split('\n')
  .filter(Boolean);
const { unmapped, stale } = checkMap(readFileSync('ARCHITECTURE.md', 'utf8'), files);
for (const folder of unmapped) console.error(`ARCHITECTURE.md: \`${folder}/\` is not on the map: add a line for it.`);
for (const folder of stale)
  console.error(`ARCHITECTURE.md: \`${folder}/\` is on the map but holds no file: remove it.`);
if (unmapped.length + stale.length > 0) process.exitCode = 1;
else console.log(`ARCHITECTURE.md maps all ${mappedFolders(files).length} source folders.`);
