import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leftOutMarkdown, parseLeftOutReport } from '#scripts/ci/left-out.ts';
import { ReportError } from '#scripts/ci/report.ts';

const report = {
  items: 2000,
  revisions: 0,
  states: 6,
  leftOut: [
    { kind: 'item', file: 'content/items/blog/a.md', reason: 'frontmatter: published: Invalid date' },
    { kind: 'item', file: 'content/items/blog/b.md', reason: 'render: URI malformed | or `worse`' },
    { kind: 'state', file: 'content/state/blog.json', reason: 'not valid JSON (Unexpected token)' },
  ],
};

describe('leftOutMarkdown', () => {
  it('counts what was left out and lists each file with its reason', () => {
    expect(leftOutMarkdown(parseLeftOutReport(JSON.stringify(report), 'left-out.json'))).toBe(
      [
        '## Site build',
        '',
        '2000 archived items: **2 items and 1 feed state left out** of the site (the rest was built and deployed). Fix or delete each file:',
        '',
        '| File | Reason |',
        '| --- | --- |',
        '| `content/items/blog/a.md` | frontmatter: published: Invalid date |',
        '| `content/items/blog/b.md` | render: URI malformed \\| or \\`worse\\` |',
        '| `content/state/blog.json` | not valid JSON (Unexpected token) |',
        '',
      ].join('\n'),
    );
  });

  it('says so in one line when nothing was left out', () => {
    expect(leftOutMarkdown({ items: 1, revisions: 0, states: 1, leftOut: [] })).toBe(
      '## Site build\n\n1 archived item, none left out.\n',
    );
  });

  it('refuses a file that is not a left-out report', () => {
    expect(() => parseLeftOutReport('{"feeds": []}', 'x.json')).toThrow(ReportError);
    expect(() => parseLeftOutReport('> npm run', 'x.json')).toThrow('x.json is not JSON');
  });
});

describe('ci-summary --left-out', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'feedshelf-left-out-'));
    await writeFile(join(dir, 'left-out.json'), JSON.stringify(report));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const summary = (file: string) =>
    spawnSync(process.execPath, ['scripts/ci-summary.ts', '--left-out', file], { encoding: 'utf8' });

  it('prints the section for the report', () => {
    const result = summary(join(dir, 'left-out.json'));
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('**2 items and 1 feed state left out**');
  });

  it('passes, saying so, when the build stopped before writing one', () => {
    const result = summary(join(dir, 'none.json'));
    expect([result.status, result.stdout]).toEqual([
      0,
      '## Site build\n\nThe build wrote no list of left-out files: see the log of the build step.\n',
    ]);
  });
});
