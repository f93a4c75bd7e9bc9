/**
 * Lets Node run feedshelf's TypeScript when feedshelf is installed as a
 * package. Node strips types from `.ts` files itself, except under
 * node_modules, where it refuses to (ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING).
 * This module hook strips them there too, with Node's own stripper, for `.ts`
 * files under node_modules only; everywhere else Node does as it always does.
 * Plain JavaScript so that it runs before any TypeScript: the bins import it
 * first, and each worker thread gets it through `--import` (src/util/worker-pool.ts).
 */
import { readFileSync } from 'node:fs';
import { registerHooks, stripTypeScriptTypes } from 'node:module';
import { fileURLToPath } from 'node:url';

/** The hook's URL, for a worker thread's `--import`. */
export const TS_HOOKS_URL = import.meta.url;

/** Node's stripper warns once that it is experimental; that warning is about this file, not the user's work. */
function strip(source) {
  const emitWarning = process.emitWarning;
  process.emitWarning = (warning, ...rest) => {
    const text = typeof warning === 'string' ? warning : warning.message;
    if (!text.includes('stripTypeScriptTypes')) emitWarning.call(process, warning, ...rest);
  };
  try {
    return stripTypeScriptTypes(source);
  } finally {
    process.emitWarning = emitWarning;
  }
}

if (!globalThis.feedshelfTsHooks) {
  globalThis.feedshelfTsHooks = true;
  registerHooks({
    load(url, context, nextLoad) {
      if (url.startsWith('file:') && url.endsWith('.ts') && url.includes('/node_modules/')) {
        const source = strip(readFileSync(fileURLToPath(url), 'utf8'));
        return { format: 'module', source, shortCircuit: true };
      }
      return nextLoad(url, context);
    },
  });
}
