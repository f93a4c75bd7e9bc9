import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeIssues, displayPath, type LeftOutKind, leftOutCount, leftOutLine } from '#src/render/quarantine.ts';
import { clearLeftOut, readLeftOut, recordLeftOut } from '#src/render/quarantine-fs.ts';

describe('left-out reasons', () => {
  it('name the file, say what is wrong and what to do, on one line', () => {
    expect(leftOutLine({ file: 'content/items/x/y.md', reason: 'frontmatter: published: Invalid date' })).toBe(
      'content/items/x/y.md: frontmatter: published: Invalid date — fix or delete the file',
    );
  });

  it('count items and feed states in words', () => {
    const entry = (kind: LeftOutKind) => ({ kind, file: 'f', reason: 'r' });
    expect(leftOutCount(undefined)).toBe('');
    expect(leftOutCount({ items: 3, revisions: 0, states: 1, leftOut: [] })).toBe('');
    expect(leftOutCount({ items: 3, revisions: 0, states: 1, leftOut: [entry('item')] })).toBe('1 item');
    expect(
      leftOutCount({ items: 3, revisions: 0, states: 2, leftOut: [entry('item'), entry('item'), entry('state')] }),
    ).toBe('2 items and 1 feed state');
    expect(
      leftOutCount({
        items: 3,
        revisions: 2,
        states: 2,
        leftOut: [entry('item'), entry('revision'), entry('revision')],
      }),
    ).toBe('1 item and 2 earlier versions');
  });

  it('give files from the project root, and outside it in full', () => {
    expect(displayPath('/work/site', '/work/site/content/items/a/b.md')).toBe('content/items/a/b.md');
    expect(displayPath('/work/site/', '/work/site-2/items/a/b.md')).toBe('/work/site-2/items/a/b.md');
    expect(displayPath('C:\\site', 'C:\\site\\content\\items\\a.md')).toBe('content/items/a.md');
  });

  it('say "missing" for a key the file does not have', () => {
    const issues = [
      { path: ['title'], message: 'Invalid input: expected string, received undefined' },
      { path: ['tags', 1], message: 'Too small' },
      { path: [], message: 'Invalid input' },
    ];
    expect(describeIssues(issues, { tags: ['a', ''] })).toBe(
      'title: missing; tags.1: Too small; (top level): Invalid input',
    );
  });
});

describe('the left-out report', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'feedshelf-quarantine-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('holds what each collection recorded, sorted by file, until it is cleared', async () => {
    const file = join(dir, 'cache', 'left-out.json');
    recordLeftOut(file, 'state', 2, [{ file: 'content/state/a.json', reason: 'not valid JSON (x)' }]);
    recordLeftOut(file, 'item', 10, [
      { file: 'content/items/b/2.md', reason: 'render: URI malformed' },
      { file: 'content/items/a/1.md', reason: 'frontmatter: title: missing' },
    ]);
    expect(readLeftOut(file)).toEqual({
      items: 10,
      revisions: 0,
      states: 2,
      leftOut: [
        { kind: 'item', file: 'content/items/a/1.md', reason: 'frontmatter: title: missing' },
        { kind: 'item', file: 'content/items/b/2.md', reason: 'render: URI malformed' },
        { kind: 'state', file: 'content/state/a.json', reason: 'not valid JSON (x)' },
      ],
    });
    // A later sync of one collection replaces its own part only.
    recordLeftOut(file, 'item', 10, []);
    expect(JSON.parse(await readFile(file, 'utf8')).leftOut).toEqual([
      { kind: 'state', file: 'content/state/a.json', reason: 'not valid JSON (x)' },
    ]);
    clearLeftOut(file);
    expect(readLeftOut(file)).toBeUndefined();
  });
});
