/** The translator of the site's own language (`lang` in feedshelf.config.yaml): what pages and components import. */
import { siteConfig } from '#src/site.config.ts';
import { translatorFor } from './index.ts';

export const t = translatorFor(siteConfig.lang);
