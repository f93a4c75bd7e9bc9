/**
 * The site settings the pages read: feedshelf.config.yaml in the folder the
 * build runs from (the project's root, as for content/), with FEEDSHELF_SITE,
 * FEEDSHELF_BASE and FEEDSHELF_LANG applied. The schema and its errors:
 * site-settings.ts. The words of the pages in its language: src/i18n/site.ts.
 */
import { readSiteSettings } from './site-settings-fs.ts';

export type { SiteSettings as SiteConfig } from './site-settings.ts';

/** Read anew from the file; throws SiteConfigError naming the line and key of a bad setting. */
export function loadSiteConfig(env: Record<string, string | undefined> = process.env, root = process.cwd()) {
  return readSiteSettings(root, env);
}

export const siteConfig = loadSiteConfig();
