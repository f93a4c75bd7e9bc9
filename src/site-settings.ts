/**
 * The site's settings, written by the user in feedshelf.config.yaml: title,
 * description, URL, base path, language and list sizes. Pure: the schema and
 * the parse of the file's text; reading it lives in site-settings-fs.ts.
 * `site`, `base` and `lang` can be overridden from the environment
 * (FEEDSHELF_SITE, FEEDSHELF_BASE, FEEDSHELF_LANG) so a CI job can deploy the
 * same archive to another host or sub-path, or in another language. Every
 * problem names the file, the line and the key.
 */
import { z } from 'astro/zod';
import { LineCounter, parseDocument } from 'yaml';
import { type ConfigProblem, locateKey } from '#src/ingest/config-positions.ts';

/** The file the settings are read from, in the project's root. */
export const SITE_SETTINGS_FILE = 'feedshelf.config.yaml';

/** Whether Intl takes `tag` as a language tag (`en`, `zh-Hant-TW`); `!!` and `en_US` are not. */
function isLanguageTag(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

export const SiteSettingsSchema = z.strictObject(
  {
    /** Site title, shown in the header and in every page title. */
    title: z
      .string({ error: 'expected the site title as text' })
      .min(1, { error: 'expected a title' })
      .default('feedshelf'),
    /** One-sentence description for the home page, feeds and meta tags. */
    description: z
      .string({ error: 'expected one sentence of text' })
      .min(1, { error: 'expected a description' })
      .default('An archive of feeds that outlives their publishers.'),
    /** Absolute URL the site is deployed at (origin only, or with a path when base is "/"). */
    site: z
      .url({
        protocol: /^https?$/,
        error: 'expected the http(s) URL the site is deployed at, e.g. https://example.org',
      })
      .default('https://example.org'),
    /** Sub-path the site is served under, e.g. "/feedshelf/" for a project page. */
    base: z
      .string({ error: 'expected a path' })
      .regex(/^\/(?:[A-Za-z0-9._~-]+\/)*$/, {
        error: 'expected a path that starts and ends with "/", e.g. "/" or "/archive/"',
      })
      .default('/'),
    /** BCP 47 language tag of the site's own text. */
    lang: z
      .string({ error: 'expected a language tag, e.g. en' })
      .min(2, { error: 'expected a language tag, e.g. en' })
      .refine(isLanguageTag, { error: 'expected a BCP 47 language tag, e.g. en, de-AT or pt-BR' })
      .default('en'),
    /** Items per list page (home, tag, source, author, date pages). */
    pageSize: z
      .int({ error: 'expected a whole number of items' })
      .min(1, { error: 'expected 1 to 500 items' })
      .max(500, { error: 'expected 1 to 500 items' })
      .default(30),
    /** Items in each generated RSS feed. */
    feedSize: z
      .int({ error: 'expected a whole number of items' })
      .min(1, { error: 'expected 1 to 1000 items' })
      .max(1000, { error: 'expected 1 to 1000 items' })
      .default(50),
    /**
     * A sharing card drawn for each article without an archived image of its own (/og/<id>.png,
     * 5-14 kB each). Off for an archive that must fit a host's size limit: those articles are then
     * shared without an image.
     */
    shareCards: z.boolean({ error: 'expected true or false' }).default(true),
  },
  { error: 'expected a mapping of site settings' },
);
export type SiteSettings = z.output<typeof SiteSettingsSchema>;

/** The site settings are not usable; a build that meets one is the user's to fix, not feedshelf's. */
export class SiteConfigError extends Error {
  readonly code = 'config';
  /** Each problem with its line and column (1:1 for an environment variable). */
  readonly problems: readonly ConfigProblem[];
  constructor(message: string, problems: readonly ConfigProblem[] = []) {
    super(message);
    this.name = 'SiteConfigError';
    this.problems = problems;
  }
}

const VARIABLES: Record<string, string> = { site: 'FEEDSHELF_SITE', base: 'FEEDSHELF_BASE', lang: 'FEEDSHELF_LANG' };

/** The settings the environment overrides; FEEDSHELF_BASE gets its leading and trailing "/". */
export function settingsFromEnvironment(env: Record<string, string | undefined>): Record<string, string> {
  const overrides: Record<string, string> = {};
  if (env.FEEDSHELF_SITE) overrides.site = env.FEEDSHELF_SITE;
  if (env.FEEDSHELF_BASE) overrides.base = env.FEEDSHELF_BASE.replace(/^\/*/, '/').replace(/\/*$/, '/');
  if (env.FEEDSHELF_LANG) overrides.lang = env.FEEDSHELF_LANG;
  return overrides;
}

function fail(file: string, problems: ConfigProblem[]): never {
  const lines = problems.map((problem) =>
    problem.line === 0
      ? `  ${problem.key}: ${problem.message}`
      : `  ${file}:${problem.line}:${problem.col}: ${problem.key}: ${problem.message}`,
  );
  throw new SiteConfigError(`Invalid site settings in ${file}:\n${lines.join('\n')}`, problems);
}

/**
 * Parse and validate the settings file's text (undefined when there is no file: every setting
 * has a default); `file` names it in errors. The environment's FEEDSHELF_SITE, FEEDSHELF_BASE and FEEDSHELF_LANG win.
 */
export function parseSiteSettings(
  text: string | undefined,
  file: string,
  env: Record<string, string | undefined> = {},
): SiteSettings {
  const lines = new LineCounter();
  const doc = parseDocument(text ?? '', { lineCounter: lines });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const pos = yamlError.linePos?.[0] ?? { line: 1, col: 1 };
    const reason = (yamlError.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    fail(file, [{ ...pos, key: '(YAML)', message: `not valid YAML (${reason})` }]);
  }
  const written: unknown = doc.toJS() ?? {};
  const overrides = settingsFromEnvironment(env);
  const input = typeof written === 'object' && !Array.isArray(written) ? { ...written, ...overrides } : written;
  const result = SiteSettingsSchema.safeParse(input);
  if (result.success) return result.data;
  const valid = Object.keys(SiteSettingsSchema.shape).join(', ');
  const problems = result.error.issues.flatMap((issue): ConfigProblem[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        ...locateKey(doc.contents, [key], lines).position,
        key,
        message: `unknown setting; remove it or check its spelling; valid settings: ${valid}`,
      }));
    }
    const key = String(issue.path[0] ?? '(top level)');
    const variable = VARIABLES[key];
    if (variable !== undefined && key in overrides) return [{ line: 0, col: 0, key: variable, message: issue.message }];
    return [{ ...locateKey(doc.contents, issue.path, lines).position, key, message: issue.message }];
  });
  return fail(
    file,
    problems.sort((a, b) => a.line - b.line || a.col - b.col),
  );
}
