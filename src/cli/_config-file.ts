/**
 * feeds.yaml as the feeds commands read and write it: the --config option, the
 * file's text (none yet is an empty config), and the atomic write of an edit.
 */
import { readFile } from 'node:fs/promises';
import { ConfigError } from '#src/ingest/errors.ts';
import { writeFileAtomic } from '#src/ingest/write-fs.ts';

export const CONFIG_OPTION = {
  config: { type: 'string', valueHint: 'FILE', description: 'feed config', default: 'feeds.yaml' },
} as const;

/** The config file a command works on: --config, relative to the working folder, or feeds.yaml. */
export function configFile(option: string | undefined): string {
  return option ?? 'feeds.yaml';
}

/** A text file's content; undefined when it does not exist. */
export async function readText(path: string, what: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigError(`${what} ${path} cannot be read; check its permissions.`, { cause });
  }
}

/** Replace the config's text in one step: a reader sees the old file or the new one, never half. */
export async function writeConfig(path: string, text: string): Promise<void> {
  await writeFileAtomic(path, text);
}
