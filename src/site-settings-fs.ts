/** Reading the site's settings (feedshelf.config.yaml) from the project's root. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSiteSettings, SITE_SETTINGS_FILE, type SiteSettings } from './site-settings.ts';

/** The settings in `<root>/feedshelf.config.yaml`, or the defaults when there is no such file. */
export function readSiteSettings(root: string, env: Record<string, string | undefined> = process.env): SiteSettings {
  let text: string | undefined;
  try {
    text = readFileSync(join(root, SITE_SETTINGS_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return parseSiteSettings(text, SITE_SETTINGS_FILE, env);
}
