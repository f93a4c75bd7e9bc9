/**
 * The feedshelf Astro integration, which makes `astro build` the whole build:
 * when the build starts, the previous output is moved aside and deleted in the
 * background (previous-output-fs.ts); when Astro has written the pages, the
 * search index is built and the pages are audited (build-done-fs.ts), and the
 * build prints one line through the integration's logger.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { finishBuild } from './build-done-fs.ts';
import { type FeedshelfUserOptions, optionsFromEnvironment, parseOptions } from './options.ts';
import { clearPreviousOutput } from './previous-output-fs.ts';

export type { FeedshelfOptions, FeedshelfUserOptions } from './options.ts';

/** Options given here win over FEEDSHELF_SEARCH and FEEDSHELF_AUDIT. */
export default function feedshelf(userOptions: FeedshelfUserOptions = {}): AstroIntegration {
  const options = parseOptions({ ...optionsFromEnvironment(), ...userOptions });
  let base = '/';
  let outDir: string | undefined;
  let cleared: Promise<void> = Promise.resolve();
  // Astro's folder URLs end in "/"; the paths the steps print and rename must not.
  const pathOf = (url: URL) => resolve(fileURLToPath(url));
  return {
    name: 'feedshelf',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base;
        outDir = pathOf(config.outDir);
      },
      // Before Astro empties the output folder itself, one file at a time.
      'astro:build:start': () => {
        if (outDir !== undefined) cleared = clearPreviousOutput(outDir);
      },
      'astro:build:done': async ({ dir, logger }) => {
        await cleared;
        logger.info(await finishBuild(pathOf(dir), { ...options, base }));
      },
    },
  };
}
