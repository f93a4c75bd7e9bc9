import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '#src/ingest/parse.ts';
import { itunesDuration } from '#src/ingest/parse-media.ts';
import { convertEntry } from '#src/ingest/to-markdown.ts';
import type { ConvertedItem } from '#src/ingest/types.ts';

const ctx = {
  source: 'fixture',
  extraTags: [],
  firstSeen: '2026-03-12T00:00:00.000Z',
  now: '2026-03-12T00:00:00.000Z',
};

async function archived(name: string, url: string): Promise<ConvertedItem[]> {
  const text = await readFile(new URL(`../fixtures/fidelity/${name}`, import.meta.url), 'utf8');
  return (await parseFeed(text, url)).entries.map((entry) => convertEntry(entry, ctx));
}

describe('podcasts', () => {
  it('keep every enclosure, the running time, the episode’s author and image', async () => {
    const [twelve, eleven, ten] = await archived('podcast-enclosures.xml', 'https://tidetalk.example/feed.xml');
    expect(twelve?.frontmatter).toMatchObject({
      authors: ['Mara Quinn'],
      image: 'https://tidetalk.example/12.jpg',
      enclosures: [{ url: 'https://media.tidetalk.example/12.mp3', type: 'audio/mpeg', length: 59600000 }],
      duration: 3723,
    });
    expect(twelve?.body).toBe('How rip currents form, and how to swim out of one.');
    expect(eleven?.frontmatter).toMatchObject({
      authors: ['Tide Talk Crew'],
      image: 'https://tidetalk.example/cover.jpg',
      enclosures: [
        { url: 'https://media.tidetalk.example/11.m4a', type: 'audio/x-m4a' },
        { url: 'https://tidetalk.example/11-notes.pdf', type: 'application/pdf', length: 120000 },
      ],
      duration: 3599,
    });
    expect(eleven?.body).toBe('Reading a tide table.\n\nSpring and neap tides.');
    expect(ten?.frontmatter).toMatchObject({
      enclosures: [{ url: 'https://media.tidetalk.example/10.mp4', type: 'video/mp4', length: 800000000 }],
      duration: 3600,
    });
  });

  it('read JSON Feed attachments, refusing what is not http(s)', async () => {
    const [item] = await archived('podcast-attachments.json', 'https://tidetalk.example/feed.json');
    expect(item?.frontmatter.enclosures).toEqual([
      { url: 'https://media.tidetalk.example/12.mp3', type: 'audio/mpeg', length: 59600000 },
    ]);
    expect(item?.frontmatter.duration).toBe(3723);
  });

  it('read itunes:duration in the forms feeds write it', () => {
    expect(itunesDuration('3600')).toBe(3600);
    expect(itunesDuration('59:59')).toBe(3599);
    expect(itunesDuration('1:02:03')).toBe(3723);
    expect(itunesDuration('1:02')).toBe(62);
    expect(itunesDuration(' 45 sec ')).toBe(45);
    expect(itunesDuration('00:00:00')).toBeUndefined();
    expect(itunesDuration('1:75')).toBeUndefined();
    expect(itunesDuration('about an hour')).toBeUndefined();
  });
});

describe('Media RSS', () => {
  it('makes YouTube’s media:description the body of an otherwise empty entry', async () => {
    const [video] = await archived(
      'media-rss-youtube.xml',
      'https://www.youtube.com/feeds/videos.xml?channel_id=UC123',
    );
    expect(video?.body).toBe(
      'Three stones, one honing guide.\\\nGrits: 1000, 4000, 8000.\n\nTimestamps in the comments.',
    );
    expect(video?.frontmatter.image).toBe('https://i1.ytimg.com/vi/abc123XYZ_0/hqdefault.jpg');
    expect(video?.frontmatter.enclosures).toBeUndefined();
    expect(video?.frontmatter.summary).toBe(
      'Three stones, one honing guide. Grits: 1000, 4000, 8000. Timestamps in the comments.',
    );
  });

  it('shows Mastodon’s image attachments with their descriptions, and keeps its video as an enclosure', async () => {
    const [post] = await archived('media-rss-mastodon.xml', 'https://social.example/@kim.rss');
    expect(post?.body).toBe(
      'First frost on the allotment.\n\n![Frost on cabbage leaves at dawn](https://files.social.example/media/frost.jpg)',
    );
    expect(post?.frontmatter.image).toBe('https://files.social.example/media/frost.jpg');
    expect(post?.frontmatter.enclosures).toEqual([
      { url: 'https://files.social.example/media/clip.mp4', type: 'video/mp4', length: 3000000 },
    ]);
  });
});
