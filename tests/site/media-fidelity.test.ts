/**
 * A podcast, a Mastodon account and a feed in another language, snapshotted
 * from the fidelity fixtures and built: an episode's page plays its audio or
 * video without preloading it, offers each file for download with its kind
 * and size, shows the running time instead of a reading time; the publisher's
 * text is marked with its own language and direction.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSnapshot } from '#src/ingest/snapshot.ts';
import { FIDELITY_FIXTURES } from '../helpers/fidelity.ts';
import { useTempDir } from '../helpers/temp-dir.ts';
import { type BuiltSite, buildArchive } from './_build.ts';

describe('a site built from podcasts, Media RSS and other languages', () => {
  const work = useTempDir('feedshelf-media-fidelity-', 'all');
  let site: BuiltSite;
  const read = (file: string) => readFile(join(site.dist, file), 'utf8');

  beforeAll(async () => {
    const feeds = [
      ['tides', 'podcast-enclosures.xml'],
      ['kim', 'media-rss-mastodon.xml'],
      ['loose', 'json-tags-string.json'],
    ].map(([id, file]) => {
      const path = new URL(file ?? '', FIDELITY_FIXTURES).pathname;
      return { id: id ?? '', url: path, path };
    });
    const itemsDir = join(work.path, 'items');
    const stateDir = join(work.path, 'state');
    const report = await runSnapshot({ feeds, itemsDir, stateDir, now: new Date('2026-03-12T00:00:00Z'), workers: 0 });
    expect(report.feeds.map((feed) => [feed.id, feed.status, feed.counts.new])).toEqual([
      ['tides', 'ok', 3],
      ['kim', 'ok', 1],
      ['loose', 'ok', 2],
    ]);
    site = await buildArchive({ itemsDir, stateDir, kind: 'astro' });
  }, 300_000);

  afterAll(() => site?.remove());

  it('plays an episode without preloading it, offers its file, and gives its running time', async () => {
    const page = await read('items/tides/2026-03-10-episode-12-rip-currents/index.html');
    expect(page).toContain(
      '<section class="enclosures" aria-label="Listen or watch" data-pagefind-ignore><img class="episode-image" src="https://tidetalk.example/12.jpg" alt="" decoding="async">' +
        '<figure class="enclosure"><audio controls preload="none" src="https://media.tidetalk.example/12.mp3"></audio>' +
        '<figcaption><a href="https://media.tidetalk.example/12.mp3" download>Download (MP3 audio, 59.6 MB)</a></figcaption></figure></section>',
    );
    expect(page).toContain('1 h 2 min');
    expect(page).not.toContain('min read');
  });

  it('plays a video and offers a document beside an episode’s audio', async () => {
    const video = await read('items/tides/2026-02-24-episode-10-video-special/index.html');
    expect(video).toContain('<video controls preload="none" src="https://media.tidetalk.example/10.mp4"></video>');
    expect(video).toContain('Download (MP4 video, 800 MB)');
    const eleven = await read('items/tides/2026-03-03-episode-11-tide-tables/index.html');
    expect(eleven).toContain('<audio controls preload="none" src="https://media.tidetalk.example/11.m4a"></audio>');
    expect(eleven).toContain('<a href="https://tidetalk.example/11-notes.pdf" download>Download (PDF, 120 kB)</a>');
    expect(eleven).toContain('59 min');
  });

  it('shows a Mastodon post’s image with its description', async () => {
    const files = await readFile(join(site.dist, 'sitemap-0.xml'), 'utf8').catch(() => '');
    const stem = /items\/kim\/([^/<]+)\//.exec(files)?.[1];
    expect(stem).toBeDefined();
    const page = await read(`items/kim/${decodeURIComponent(stem ?? '')}/index.html`);
    expect(page).toContain(
      '<img src="https://files.social.example/media/frost.jpg" alt="Frost on cabbage leaves at dawn" decoding="async">',
    );
    expect(page).toContain('<video controls preload="none" src="https://files.social.example/media/clip.mp4"></video>');
  });

  it('marks the publisher’s text with its language and direction, the page’s labels staying the site’s', async () => {
    const home = await read('index.html');
    expect(home).toMatch(/<html lang="en"/);
    expect(home).toContain('<a href="/items/loose/2026-03-09-uma-etiqueta/" lang="pt-BR">Uma etiqueta</a>');
    // Arabic transliterates, so its file name is ASCII.
    const arabic = await read('items/loose/2026-03-09-mrhba/index.html');
    expect(arabic).toMatch(/<html lang="en"/);
    expect(arabic).toContain('<h1 data-pagefind-weight="10" lang="ar" dir="rtl">مرحبا</h1>');
    expect(arabic).toContain('<div class="article-body" lang="ar" dir="rtl">');
  });
});
