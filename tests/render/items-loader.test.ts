/**
 * The items loader's handling of each entry: a file that cannot be read,
 * decoded, parsed, validated or rendered is left out of the collection with
 * one exact reason, logged and recorded in the left-out report, and every
 * other item is stored and rendered.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderItemFile } from '#src/archive/frontmatter.ts';
import { itemsLoader } from '#src/render/items-loader.ts';
import { readLeftOut } from '#src/render/quarantine-fs.ts';
import { testLoaderContext } from './_loader-context.ts';

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CRASHING_WORKER = new URL('../fixtures/workers/crash-render-worker.ts', import.meta.url);
const BROKEN_WORKER = new URL('../fixtures/workers/broken-render-worker.ts', import.meta.url);

function item(title: string, body = `About ${title}.`, extra: Record<string, unknown> = {}): string {
  return renderItemFile({
    frontmatter: {
      title,
      id: `https://example.org/${encodeURIComponent(title)}`,
      source: 'blog',
      published: '2026-03-02T08:00:00.000Z',
      firstSeen: '2026-03-10T09:00:00.000Z',
      hash: 'sha256:00',
      ...extra,
    },
    body,
  });
}

let work: string;
let base: string;
let renderedDir: string;
let report: string;

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'feedshelf-loader-'));
  base = join(work, 'items');
  renderedDir = join(work, 'rendered');
  report = join(work, 'left-out.json');
  await mkdir(join(base, 'blog'), { recursive: true });
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

async function write(files: Record<string, string | Uint8Array>): Promise<void> {
  for (const [name, text] of Object.entries(files)) await writeFile(join(base, 'blog', name), text);
}

function loader(worker?: URL) {
  return itemsLoader({ base, renderedDir, leftOutReport: report, workers: 2, ...(worker ? { worker } : {}) });
}

describe('the items loader', () => {
  it('leaves out each bad file with its reason and keeps every other item', { timeout: 60_000 }, async () => {
    const good = item('Good');
    const badImage = item('Bad image', '![x](https://example.com/%E0%A4%A.png)');
    // "café" as ISO-8859-1, as an editor set to Latin-1 would save it.
    const latin1 = Buffer.concat([Buffer.from(item('Latin', 'caf').trimEnd()), Buffer.from([0xe9, 0x0a])]);
    await write({
      'good.md': good,
      'also-good.md': item('Also good', '```js\nconst a = 1;\n```'),
      'impossible-date.md': item('Date', 'x', { published: '2026-02-30T08:00:00.000Z' }),
      'yaml.md': good.replace('title: Good', 'title: [unclosed'),
      'schema.md': item('Schema', 'x', { source: 'Not A Slug', link: 'file:///etc/passwd' }),
      'missing.md': good.replace('title: Good\n', ''),
      'no-frontmatter.md': '# Just Markdown\n',
      'unclosed.md': '---\ntitle: x\n',
      'list.md': '---\n- a\n- b\n---\nbody\n',
      'latin1.md': latin1,
      'bad-image.md': badImage,
      'bad-image-copy.md': badImage,
    });
    await mkdir(join(base, 'blog', 'folder.md'));
    const { context, entries, warnings } = testLoaderContext(PROJECT_ROOT);
    await loader().load(context);

    expect([...entries.keys()].sort()).toEqual(['blog/also-good', 'blog/good']);
    const where = (name: string) => join(base, 'blog', name);
    const reasons: [string, string][] = [
      ['bad-image-copy.md', 'render: URI malformed'],
      ['bad-image.md', 'render: URI malformed'],
      ['folder.md', 'cannot be read (EISDIR)'],
      ['impossible-date.md', 'frontmatter: published: Invalid date'],
      ['latin1.md', `not UTF-8 text (byte 0xe9 at offset ${latin1.indexOf(0xe9)})`],
      ['list.md', 'frontmatter: not a mapping of keys to values'],
      ['missing.md', 'frontmatter: title: missing'],
      ['no-frontmatter.md', 'frontmatter: missing (the file must start with ---)'],
      [
        'schema.md',
        'frontmatter: link: Invalid URL; source: a lower-case slug of a-z, 0-9 and "-" (at most 64 characters)',
      ],
      ['unclosed.md', 'frontmatter: not closed by a line of three dashes, ---'],
      [
        'yaml.md',
        'frontmatter: not valid YAML at line 3, column 1 (Flow sequence in block collection must be sufficiently indented and end with a ])',
      ],
    ];
    expect(warnings).toEqual(reasons.map(([name, reason]) => `${where(name)}: ${reason} — fix or delete the file`));
    expect(readLeftOut(report)).toEqual({
      items: 13,
      revisions: 0,
      states: 0,
      leftOut: reasons.map(([name, reason]) => ({ kind: 'item', file: where(name), reason })),
    });
    // Only the good items were rendered; nothing was written for the rest.
    expect((await readdir(renderedDir)).length).toBe(2);
  });

  it('takes an item that turns bad out of the store, and puts it back once fixed', { timeout: 60_000 }, async () => {
    await write({ 'one.md': item('One'), 'two.md': item('Two') });
    const { context, entries, warnings } = testLoaderContext(PROJECT_ROOT);
    await loader().load(context);
    expect([...entries.keys()].sort()).toEqual(['blog/one', 'blog/two']);

    await write({ 'two.md': item('Two', 'x', { published: 'yesterday' }) });
    await loader().load(context);
    expect([...entries.keys()]).toEqual(['blog/one']);
    expect(warnings).toEqual([
      `${join(base, 'blog', 'two.md')}: frontmatter: published: Invalid date — fix or delete the file`,
    ]);
    expect(readLeftOut(report)?.leftOut.map((entry) => entry.reason)).toEqual(['frontmatter: published: Invalid date']);

    await write({ 'two.md': item('Two') });
    await loader().load(context);
    expect([...entries.keys()].sort()).toEqual(['blog/one', 'blog/two']);
    expect(readLeftOut(report)).toEqual({ items: 2, revisions: 0, states: 0, leftOut: [] });
  });

  it('loses only the item a render worker dies on', { timeout: 60_000 }, async () => {
    await write({
      'a.md': item('A'),
      'b.md': item('B', 'This one says CRASH-WORKER.'),
      'c.md': item('C'),
      'd.md': item('D'),
    });
    const { context, entries, warnings } = testLoaderContext(PROJECT_ROOT);
    await itemsLoader({ base, renderedDir, leftOutReport: report, workers: 1, worker: CRASHING_WORKER }).load(context);
    expect([...entries.keys()].sort()).toEqual(['blog/a', 'blog/c', 'blog/d']);
    expect(warnings).toEqual([
      `${join(base, 'blog', 'b.md')}: render: the renderer stopped on it (A render worker stopped before finishing.) — fix or delete the file`,
    ]);
    expect((await readdir(renderedDir)).length).toBe(3);
  });

  it('stops the build when the renderer itself is broken, instead of leaving every item out', {
    timeout: 60_000,
  }, async () => {
    await write({ 'a.md': item('A'), 'b.md': item('B') });
    const { context } = testLoaderContext(PROJECT_ROOT);
    await expect(
      itemsLoader({ base, renderedDir, leftOutReport: report, workers: 1, worker: BROKEN_WORKER }).load(context),
    ).rejects.toThrow('The article renderer cannot render a known-good article.');
    expect(await readFile(report, 'utf8').catch(() => 'none')).toBe('none');
  });
});
