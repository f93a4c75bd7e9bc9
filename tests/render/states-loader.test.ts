import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLeftOut } from '#src/render/quarantine-fs.ts';
import { parseStateFile, statesLoader } from '#src/render/states-loader.ts';
import { testLoaderContext } from './_loader-context.ts';

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('parseStateFile', () => {
  it.each([
    [
      '{"id": "blog", "url": "https://example.org/feed"',
      "not valid JSON (Expected ',' or '}' after property value in JSON at position 48 (line 1 column 49))",
    ],
    ['<<<<<<< HEAD\n{"id": "blog"}', 'not valid JSON (Unexpected token \'<\', "<<<<<<< HE"... is not valid JSON)'],
    ['["blog"]', 'not a JSON object'],
    ['{"url": "https://example.org/feed"}', 'id: missing'],
    [
      '{"id": "Blog Feed", "url": "https://example.org/feed", "failures": -1}',
      'id: a lower-case slug of a-z, 0-9 and "-" (at most 64 characters); failures: Too small: expected number to be >=0',
    ],
  ])('refuses %j with its reason', (text, reason) => {
    expect(parseStateFile(text)).toEqual({ ok: false, problem: reason });
  });

  it('reads a good file, with its defaults', () => {
    expect(parseStateFile('{"id": "blog", "url": "https://example.org/feed", "title": "Blog"}')).toEqual({
      ok: true,
      value: { id: 'blog', url: 'https://example.org/feed', title: 'Blog', gone: false, failures: 0 },
    });
  });
});

describe('the states loader', () => {
  let work = '';
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'feedshelf-states-'));
    await mkdir(join(work, 'state'));
    await writeFile(join(work, 'state', 'good.json'), '{"id": "good", "url": "https://example.org/feed"}\n');
    await writeFile(join(work, 'state', 'conflict.json'), '<<<<<<< HEAD\n{"id": "conflict"}\n');
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('leaves out a state file it cannot read and keeps the others', async () => {
    const report = join(work, 'left-out.json');
    const { context, entries, warnings } = testLoaderContext(PROJECT_ROOT);
    await statesLoader({ base: join(work, 'state'), leftOutReport: report }).load(context);
    expect([...entries.keys()]).toEqual(['good']);
    const reason = `not valid JSON (Unexpected token '<', "<<<<<<< HE"... is not valid JSON)`;
    expect(warnings).toEqual([`${join(work, 'state', 'conflict.json')}: ${reason} — fix or delete the file`]);
    expect(readLeftOut(report)).toEqual({
      items: 0,
      revisions: 0,
      states: 2,
      leftOut: [{ kind: 'state', file: join(work, 'state', 'conflict.json'), reason }],
    });
  });
});
