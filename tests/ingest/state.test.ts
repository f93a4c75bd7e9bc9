import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FeedStateSchema } from '#src/archive/schema.ts';
import { StateError } from '#src/ingest/errors.ts';
import { readState, serializeState, writeState } from '#src/ingest/state-fs.ts';
import { useTempDir } from '../helpers/temp-dir.ts';

const temp = useTempDir('feedshelf-state-');

describe('state files', () => {
  it('serialise in schema key order, without defaults or undefined values', () => {
    const state = FeedStateSchema.parse({
      lastSuccess: '2026-03-01T00:00:00.000Z',
      etag: '"v1"',
      url: 'https://example.org/feed',
      id: 'blog',
      failures: 0,
      gone: false,
      title: undefined,
    });
    expect(serializeState(state)).toBe(
      '{\n  "id": "blog",\n  "url": "https://example.org/feed",\n  "etag": "\\"v1\\"",\n  "lastSuccess": "2026-03-01T00:00:00.000Z"\n}\n',
    );
  });

  it('round-trip and are written only when their bytes change', async () => {
    const state = FeedStateSchema.parse({ id: 'blog', url: 'https://example.org/feed', failures: 2 });
    expect(await writeState(temp.path, state)).toBe(true);
    const stored = await readState(temp.path, 'blog');
    expect(stored?.state).toEqual(state);
    const before = await stat(join(temp.path, 'blog.json'));
    expect(await writeState(temp.path, { ...state }, stored?.text)).toBe(false);
    expect((await stat(join(temp.path, 'blog.json'))).mtimeMs).toBe(before.mtimeMs);
    expect(await writeState(temp.path, { ...state, failures: 3 }, stored?.text)).toBe(true);
    expect(JSON.parse(await readFile(join(temp.path, 'blog.json'), 'utf8')).failures).toBe(3);
    expect(await readdir(temp.path)).toEqual(['blog.json']);
  });

  it('are absent for a new feed', async () => {
    expect(await readState(temp.path, 'new-feed')).toBeUndefined();
  });

  it('name the file and the bad key when invalid', async () => {
    await writeFile(join(temp.path, 'blog.json'), '{"id":"blog","url":"x","failures":-1}');
    await expect(readState(temp.path, 'blog')).rejects.toThrow(StateError);
    await expect(readState(temp.path, 'blog')).rejects.toThrow(
      `State file ${join(temp.path, 'blog.json')} is invalid at failures (Too small: expected number to be >=0); fix or delete it.`,
    );
    await writeFile(join(temp.path, 'blog.json'), '{');
    await expect(readState(temp.path, 'blog')).rejects.toThrow(
      `State file ${join(temp.path, 'blog.json')} is not valid JSON; fix or delete it to start the feed afresh.`,
    );
  });

  it('cannot be addressed outside the state folder', async () => {
    await expect(readState(temp.path, '../escape')).rejects.toThrow('Refusing unsafe path segment "../escape.json".');
  });
});
