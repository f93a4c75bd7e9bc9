/** Reading feeds.yaml from disk. */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { type LoadedConfig, parseConfig } from './config.ts';
import { ConfigError } from './errors.ts';

/** Read and validate a config file; throws ConfigError when it is missing or invalid. */
export async function loadConfigFile(file: string): Promise<LoadedConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'cannot be read';
    throw new ConfigError(`Feed config ${file} ${reason}; create it or pass --config FILE or --feed URL.`, { cause });
  }
  return parseConfig(text, file, dirname(resolve(file)));
}
