/**
 * Site settings: one typed, validated object. `site` and `base` can be
 * overridden from the environment (FEEDSHELF_SITE, FEEDSHELF_BASE) so a CI job
 * can deploy the same archive to another host or sub-path.
 */
import { z } from 'astro/zod';

export const SiteConfigSchema = z.object({
  /** Site title, shown in the header and in every page title. */
  title: z.string().min(1),
  /** One-sentence description for the home page, feeds and meta tags. */
  description: z.string().min(1),
  /** Absolute URL the site is deployed at (origin only, or with a path when base is "/"). */
  site: z.url({ protocol: /^https?$/ }),
  /** Sub-path the site is served under, e.g. "/feedshelf/" for a project page. */
  base: z
    .string()
    .regex(/^\/(?:[A-Za-z0-9._~-]+\/)*$/, 'a path that starts and ends with "/", e.g. "/" or "/archive/"'),
  /** BCP 47 language tag of the site's own text. */
  lang: z.string().min(2),
  /** Items per list page (home, tag, source, author, date pages). */
  pageSize: z.number().int().min(1).max(500),
  /** Items in each generated RSS feed. */
  feedSize: z.number().int().min(1).max(1000),
});
export type SiteConfig = z.output<typeof SiteConfigSchema>;

const settings = {
  title: 'feedshelf',
  description: 'An archive of feeds that outlives their publishers.',
  site: 'https://example.org',
  base: '/',
  lang: 'en',
  pageSize: 30,
  feedSize: 50,
};

function fromEnvironment(env: Record<string, string | undefined>): Partial<SiteConfig> {
  const overrides: Partial<SiteConfig> = {};
  if (env.FEEDSHELF_SITE) overrides.site = env.FEEDSHELF_SITE;
  if (env.FEEDSHELF_BASE) overrides.base = env.FEEDSHELF_BASE.replace(/^\/*/, '/').replace(/\/*$/, '/');
  return overrides;
}

/** The site settings are not usable; a build that meets one is the user's to fix, not feedshelf's. */
export class SiteConfigError extends Error {
  readonly code = 'config';
  constructor(message: string) {
    super(message);
    this.name = 'SiteConfigError';
  }
}

export function loadSiteConfig(env: Record<string, string | undefined> = process.env): SiteConfig {
  const result = SiteConfigSchema.safeParse({ ...settings, ...fromEnvironment(env) });
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new SiteConfigError(
      `Invalid site settings in src/site.config.ts or FEEDSHELF_* variables:\n${problems.join('\n')}`,
    );
  }
  return result.data;
}

export const siteConfig = loadSiteConfig();
