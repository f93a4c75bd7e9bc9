/** Under `astro dev`, a loader syncs its collection again when a file of it is added, edited or removed. */
import { resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoaderContext } from 'astro/loaders';

/** Loader watchers already followed, by folder, so a re-run of load() never adds a second set of listeners. */
const watched = new WeakMap<object, Set<string>>();

/** Runs `sync` after changes to `<folder>/**<extension>` (debounced, one sync at a time). */
export function watchArchive(
  context: LoaderContext,
  folder: string,
  extension: string,
  sync: () => Promise<void>,
): void {
  const { watcher, config, logger } = context;
  if (!watcher) return;
  const base = resolve(fileURLToPath(config.root), folder);
  const folders = watched.get(watcher) ?? new Set<string>();
  if (folders.has(base)) return;
  folders.add(base);
  watched.set(watcher, folders);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> = Promise.resolve();
  const onEvent = (path: string) => {
    if (!path.startsWith(base + sep) || !path.endsWith(extension)) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(() =>
        sync().catch((error: unknown) => logger.error(error instanceof Error ? error.message : String(error))),
      );
    }, 100);
  };
  watcher.add(base);
  for (const event of ['add', 'change', 'unlink'] as const) watcher.on(event, onEvent);
}
