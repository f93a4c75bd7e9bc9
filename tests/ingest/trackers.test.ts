import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '#src/ingest/parse.ts';
import { convertEntry } from '#src/ingest/to-markdown.ts';
import { isBeaconUrl, isTrackingImage } from '#src/ingest/trackers.ts';
import { renderMarkdown } from '../helpers/render-markdown.ts';

const ctx = { source: 'garden', extraTags: [], firstSeen: '2026-03-04T00:00:00.000Z', now: '2026-03-04T00:00:00.000Z' };

async function items() {
  const text = await readFile(new URL('../fixtures/fidelity/tracking-pixels.xml', import.meta.url), 'utf8');
  return (await parseFeed(text, 'https://garden.example/feed/')).entries.map((entry) => convertEntry(entry, ctx));
}

describe('tracking pixels, share flare and emoji images', () => {
  it('are left out of the archived body, the emoji kept as its character, each removal counted', async () => {
    const [first] = await items();
    expect(first?.body).toBe(
      'The seedlings are up 🌱 at last.\n\n![Seedlings on the sill](https://garden.example/wp-content/uploads/seedlings.jpg)\n\nMore next week.',
    );
    expect(first?.frontmatter.image).toBe('https://garden.example/wp-content/uploads/seedlings.jpg');
    expect(first?.alterations).toEqual({
      // The flare's own image is a beacon too: it and the links around it are two removals.
      total: 6,
      byKind: { 'tracking-removed': 6 },
      first: [
        { kind: 'tracking-removed', detail: 'https://stats.wordpress.com/b.gif?host=garden.example' },
        { kind: 'tracking-removed', detail: 'http://feeds.feedburner.com/~ff/garden?d=yIl2AUoC8zA' },
        { kind: 'tracking-removed', detail: 'Feedburner share links' },
      ],
    });
    expect(await renderMarkdown(first?.body ?? '')).toBe(
      '<p>The seedlings are up 🌱 at last.</p>\n<p><img src="https://garden.example/wp-content/uploads/seedlings.jpg" alt="Seedlings on the sill" decoding="async"></p>\n<p>More next week.</p>\n',
    );
  });

  it('never become the lead image', async () => {
    const [, second] = await items();
    expect(second?.body).toBe('Short note.');
    expect(second?.frontmatter.image).toBeUndefined();
    expect(second?.alterations?.byKind).toEqual({ 'tracking-removed': 2 });
  });

  it('are told apart from real images by address and declared size', () => {
    expect(isTrackingImage('https://cdn.example/a.png', '1', '1')).toBe(true);
    expect(isTrackingImage('https://cdn.example/a.png', '1px', '0')).toBe(true);
    expect(isTrackingImage('https://cdn.example/a.png', '1', '300')).toBe(false);
    expect(isTrackingImage('https://cdn.example/a.png', '1')).toBe(false);
    expect(isTrackingImage('https://cdn.example/a.png', undefined, undefined, 'width: 1px; height: 1px')).toBe(true);
    expect(isBeaconUrl('https://feeds.feedburner.com/~r/blog/~4/abc')).toBe(true);
    expect(isBeaconUrl('https://feeds.feedburner.com/blog')).toBe(false);
    expect(isBeaconUrl('https://medium.com/_/stat?event=x')).toBe(true);
    expect(isBeaconUrl('https://medium.com/@jane/post-1')).toBe(false);
    expect(isBeaconUrl('javascript:alert(1)')).toBe(false);
  });
});
