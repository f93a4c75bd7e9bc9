/**
 * The integration's options: which of its build steps run. Each is on unless
 * turned off, in astro.config.mjs or from the environment (FEEDSHELF_SEARCH,
 * FEEDSHELF_AUDIT: `on` or `off`). Turning one off is for tooling that wants
 * Astro's pages only: the tests that crawl the HTML, the corpus run (which
 * audits the pages itself to report the findings) and the benchmark's timed
 * astro build phase.
 */

import { AstroError } from 'astro/errors';
import { z } from 'astro/zod';

export const FeedshelfOptionsSchema = z.object({
  /** Build the sharded Pagefind index into `<outDir>/pagefind/` once the pages are written. */
  search: z.boolean().default(true),
  /** Audit every page for script the site did not write; any finding fails the build. */
  audit: z.boolean().default(true),
});
export type FeedshelfOptions = z.output<typeof FeedshelfOptionsSchema>;
export type FeedshelfUserOptions = z.input<typeof FeedshelfOptionsSchema>;

/** The environment variable that turns each step on or off. */
export const STEP_VARIABLES = { search: 'FEEDSHELF_SEARCH', audit: 'FEEDSHELF_AUDIT' } as const;

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
