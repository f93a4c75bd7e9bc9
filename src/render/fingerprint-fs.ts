/**
 * What an article's HTML depends on besides its Markdown: the versions of the
 * packages that render it and the project's own rendering code. Part of every
 * entry digest, so upgrading Shiki or changing a theme re-renders the archive
 * once, and nothing else does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Packages on the Markdown → HTML path, as keys of package-lock.json's `packages`. */
const RENDER_PACKAGE =
  /^node_modules\/(?:astro|shiki|satteri|@shikijs\/[^/]+|@satteri\/[^/]+|@astrojs\/markdown-satteri|@astrojs\/internal-helpers|oniguruma-to-es)$/;

/** The project's files on that path, from the root. */
export const RENDER_SOURCES = [
  'src/render/markdown.config.ts',
  'src/render/article-plugin.ts',
  'src/render/code-classes.ts',
  'src/render/reading-time.ts',
  'src/render/_render-worker.ts',
] as const;

function readOr(file: string, fallback: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return fallback;
  }
}

/** Render package versions from a package-lock.json's text, sorted by name. */
export function renderPackages(lockText: string): string[] {
  let lock: unknown;
  try {
    lock = JSON.parse(lockText);
  } catch {
    return [];
  }
  if (typeof lock !== 'object' || lock === null || !('packages' in lock)) return [];
  const packages = lock.packages;
  if (typeof packages !== 'object' || packages === null) return [];
  const found: string[] = [];
  for (const [key, value] of Object.entries(packages)) {
    if (!RENDER_PACKAGE.test(key)) continue;
    const version = typeof value === 'object' && value !== null && 'version' in value ? String(value.version) : '?';
    found.push(`${key.slice('node_modules/'.length)}@${version}`);
  }
  return found.sort();
}

/**
 * The text to digest with each file: render package versions, the rendering code, and the
 * resolved Markdown settings (`settings`: Astro's config.markdown without its functions).
 */
export function renderFingerprint(root: string, settings: unknown): string {
  return JSON.stringify({
    packages: renderPackages(readOr(join(root, 'package-lock.json'), '')),
    sources: RENDER_SOURCES.map((file) => readOr(join(root, file), '')),
    settings,
  });
}
