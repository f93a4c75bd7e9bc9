/** A temp folder for tests: made fresh before each test (or once for the file or block) and removed after. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';

export function useTempDir(prefix: string, scope: 'each' | 'all' = 'each'): { readonly path: string } {
  let path: string | undefined;
  const [before, after] = scope === 'each' ? [beforeEach, afterEach] : [beforeAll, afterAll];
  before(async () => {
    path = await mkdtemp(join(tmpdir(), prefix));
  });
  after(async () => {
    if (path) await rm(path, { recursive: true, force: true });
  });
  return {
    get path() {
      if (path === undefined) throw new Error('The temp folder is used before its hook has run.');
      return path;
    },
  };
}
