import { afterAll, describe, expect, it } from 'vitest';
import { createConvertPool } from '#src/ingest/convert-pool.ts';
import { convertEntry } from '#src/ingest/to-markdown.ts';
import type { ConvertContext, FeedEntry } from '#src/ingest/types.ts';

const ctx: ConvertContext = {
  source: 'pool',
  extraTags: ['x'],
  firstSeen: '2026-04-28T00:00:00.000Z',
  now: '2026-04-28T00:00:00.000Z',
};
const entries: FeedEntry[] = Array.from({ length: 9 }, (_, index) => ({
  guid: `g${index}`,
  title: `Item ${index}`,
  authors: [],
  categories: [`c${index % 3}`],
  published: `2026-03-0${index + 1}T00:00:00Z`,
  contentHtml: `<p>Body ${index}</p><pre class="highlight python"><code>print(${index})</code></pre>`,
}));

describe('createConvertPool', () => {
  const pool = createConvertPool(2);
  afterAll(() => pool.close());

  it('converts in workers exactly as convertEntry does, in the order asked', { timeout: 30_000 }, async () => {
    const pooled = await Promise.all(entries.map((entry) => pool.convert(entry, ctx)));
    expect(pooled).toEqual(entries.map((entry) => convertEntry(entry, ctx)));
    expect(pooled.map((item) => item.frontmatter.title)).toEqual(entries.map((entry) => entry.title));
  });
});
