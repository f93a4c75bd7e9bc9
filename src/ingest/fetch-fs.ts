/** Local feed files: read from disk under the same size cap as HTTP bodies. */
import { open } from 'node:fs/promises';
import { FeedFetchError } from './errors.ts';
import { DEFAULT_MAX_BYTES } from './http.ts';

/** Read a local feed file; throws FeedFetchError when it is missing, unreadable or too large. */
export async function readFeedFile(
  path: string,
  url: string,
  maxBytes: number = DEFAULT_MAX_BYTES,
): Promise<Uint8Array> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r');
  } catch (cause) {
    const missing = (cause as NodeJS.ErrnoException).code === 'ENOENT';
    const what = missing ? 'does not exist' : 'cannot be read';
    throw new FeedFetchError(
      missing ? 'not-found' : 'read',
      `Feed file ${url} ${what}; check its path in the config.`,
      {
        url,
        cause,
      },
    );
  }
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) {
      throw new FeedFetchError(
        'too-large',
        `Feed file ${url} is larger than ${maxBytes} bytes; raise defaults.maxBytes to accept it.`,
        {
          url,
        },
      );
    }
    return new Uint8Array(await handle.readFile());
  } catch (cause) {
    if (cause instanceof FeedFetchError) throw cause;
    throw new FeedFetchError('read', `Feed file ${url} cannot be read; check its permissions.`, { url, cause });
  } finally {
    await handle.close();
  }
}
