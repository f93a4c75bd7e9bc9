import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FeedStateSchema } from '#src/archive/schema.ts';
import { readState, StateError, serializeState, writeState } from '#src/ingest/state-fs.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'feedshelf-state-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

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
    expect(await writeState(dir, state)).toBe(true);
    const stored = await readState(dir, 'blog');
    expect(stored?.state).toEqual(state);
    const before = await stat(join(dir, 'blog.json'));
    expect(await writeState(dir, { ...state }, stored?.text)).toBe(false);
    expect((await stat(join(dir, 'blog.json'))).mtimeMs).toBe(before.mtimeMs);
    expect(await writeState(dir, { ...state, failures: 3 }, stored?.text)).toBe(true);
    expect(JSON.parse(await readFile(join(dir, 'blog.json'), 'utf8')).failures).toBe(3);
    expect(await readdir(dir)).toEqual(['blog.json']);
  });

  it('are absent for a new feed', async () => {
    expect(await readState(dir, 'new-feed')).toBeUndefined();
  });

  it('name the file and the bad key when invalid', async () => {
    await writeFile(join(dir, 'blog.json'), '{"id":"blog","url":"x","failures":-1}');
    await expect(readState(dir, 'blog')).rejects.toThrow(StateError);
    await expect(readState(dir, 'blog')).rejects.toThrow(
      `State file ${join(dir, 'blog.json')} is invalid at failures (Too small: expected number to be >=0); fix or delete it.`,
    );
    await writeFile(join(dir, 'blog.json'), '{');
    await expect(readState(dir, 'blog')).rejects.toThrow(
      `State file ${join(dir, 'blog.json')} is not valid JSON; fix or delete it to start the feed afresh.`,
    );
  });

  it('cannot be addressed outside the state folder', async () => {
    await expect(readState(dir, '../escape')).rejects.toThrow('Refusing unsafe path segment "../escape.json".');
  });
});
