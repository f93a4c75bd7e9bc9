/**
 * The integration's options: which of its build steps run, and how many
 * threads render the pages. Each step is on unless turned off, in
 * astro.config.mjs or from the environment (FEEDSHELF_SEARCH, FEEDSHELF_AUDIT:
 * `on` or `off`). Turning one off is for tooling that wants Astro's pages only:
 * the tests that crawl the HTML, the corpus run (which audits the pages itself
 * to report the findings) and the benchmark's timed astro build phase.
 * FEEDSHELF_RENDER_WORKERS sets the number of page-rendering threads.
 */

import { AstroError } from 'astro/errors';
import { z } from 'astro/zod';
import { OVERRIDABLE, type Overridable } from './overrides.ts';

/** One optional path for each component a site may replace. */
type ComponentPaths = Record<Overridable, z.ZodOptional<z.ZodString>>;

export const FeedshelfOptionsSchema = z.object({
  /** Build the sharded Pagefind index into `<outDir>/pagefind/` once the pages are written. */
  search: z.boolean().default(true),
  /** Audit every page for script the site did not write; any finding fails the build. */
  audit: z.boolean().default(true),
  /**
   * Worker threads that render the pages (Astro's parallel prerenderer); 1,
   * the default, renders them on Astro's own thread with the incremental build.
   * More render every page on each build, for a build with no cache to reuse
   * on a machine with cores to spare. The pages are the same bytes either way.
   */
  renderWorkers: z.int().min(1).max(64).default(1),
  /** feedshelf components replaced by the site's own (src/integration/overrides.ts): paths from the project root. */
  components: z
    .strictObject(Object.fromEntries(OVERRIDABLE.map((name) => [name, z.string().optional()])) as ComponentPaths)
    .default({}),
  /** Stylesheets loaded after feedshelf's, to set its custom properties or add rules: paths from the project root. */
  customCss: z.array(z.string()).default([]),
});
export type FeedshelfOptions = z.output<typeof FeedshelfOptionsSchema>;
export type FeedshelfUserOptions = z.input<typeof FeedshelfOptionsSchema>;

/** The environment variable that turns each step on or off. */
export const STEP_VARIABLES = { search: 'FEEDSHELF_SEARCH', audit: 'FEEDSHELF_AUDIT' } as const;
export const RENDER_WORKERS_VARIABLE = 'FEEDSHELF_RENDER_WORKERS';

function readSwitch(env: Record<string, string | undefined>, name: string): boolean | undefined {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  if (value === 'on') return true;
  if (value === 'off') return false;
  throw new AstroError(`${name} must be "on" or "off", not "${value}".`, `Unset ${name} to leave the step on.`);
}

/** The options the environment sets; unset variables are left to the defaults. */
export function optionsFromEnvironment(env: Record<string, string | undefined> = process.env): FeedshelfUserOptions {
  const options: FeedshelfUserOptions = {};
  const search = readSwitch(env, STEP_VARIABLES.search);
  const audit = readSwitch(env, STEP_VARIABLES.audit);
  if (search !== undefined) options.search = search;
  if (audit !== undefined) options.audit = audit;
  const workers = env[RENDER_WORKERS_VARIABLE];
  if (workers !== undefined && workers !== '') {
    if (!/^[1-9][0-9]?$/.test(workers) || Number(workers) > 64) {
      throw new AstroError(
        `${RENDER_WORKERS_VARIABLE} must be a whole number from 1 to 64, not "${workers}".`,
        `Unset ${RENDER_WORKERS_VARIABLE} to render on one thread with the incremental build.`,
      );
    }
    options.renderWorkers = Number(workers);
  }
  return options;
}

/** Validates the options given in astro.config.mjs; an error names the bad key. */
export function parseOptions(options: unknown): FeedshelfOptions {
  const result = FeedshelfOptionsSchema.safeParse(options);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(options)'}: ${issue.message}`);
  throw new AstroError(
    `Invalid feedshelf integration options: ${problems.join('; ')}.`,
    'Check the feedshelf() call in astro.config.mjs.',
  );
}
