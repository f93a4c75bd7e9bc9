import { describe, expect, it } from 'vitest';
import {
  addOutputFile,
  emptyOutputSize,
  HOSTS,
  hostLimits,
  outputKind,
  overHostLimits,
} from '#src/integration/output-size.ts';

describe('the weight of the built site', () => {
  it('tells pages, search index, images and other assets apart by path', () => {
    expect(outputKind('index.html')).toBe('html');
    expect(outputKind('items/a/b/index.html')).toBe('html');
    expect(outputKind('pagefind/2026-01-01/pagefind.js')).toBe('search');
    expect(outputKind('pagefind/shards.json')).toBe('search');
    expect(outputKind('media/ab/ab12.png')).toBe('media');
    expect(outputKind('og/feed/2026-01-01-a.png')).toBe('media');
    expect(outputKind('_astro/site.css')).toBe('assets');
    expect(outputKind('rss.xml')).toBe('assets');
  });

  it('counts files and bytes by kind and keeps the largest file', () => {
    const size = emptyOutputSize();
    addOutputFile(size, 'index.html', 100);
    addOutputFile(size, 'media/ab/x.jpg', 5000);
    addOutputFile(size, 'pagefind/a/b.pf_index', 700);
    expect(size).toEqual({
      files: 3,
      bytes: 5800,
      kinds: {
        html: { files: 1, bytes: 100 },
        search: { files: 1, bytes: 700 },
        media: { files: 1, bytes: 5000 },
        assets: { files: 0, bytes: 0 },
      },
      largest: { file: 'media/ab/x.jpg', bytes: 5000 },
    });
  });

  it("says what passes GitHub Pages' 1 GB, and Cloudflare Pages' files and file size", () => {
    const size = emptyOutputSize();
    addOutputFile(size, 'media/ab/big.jpg', 600_000_000);
    addOutputFile(size, 'pagefind/x', 450_000_000);
    expect(overHostLimits(size, hostLimits(undefined))).toEqual([
      'The site is 1050.0 MB; GitHub Pages publishes at most 1000.0 MB: lower defaults.mediaLimits.budget or set defaults.mediaLimits.downscale in feeds.yaml, or deploy elsewhere (FEEDSHELF_HOST). Its images are 600.0 MB, its search index 450.0 MB.',
    ]);
    expect(overHostLimits(size, hostLimits('cloudflare-pages'))).toEqual([
      'media/ab/big.jpg is 600.0 MB; Cloudflare Pages takes at most 26.2 MB in one file.',
    ]);
    for (let i = 0; i < 20_000; i++) addOutputFile(size, `items/${i}/index.html`, 1);
    expect(overHostLimits(size, HOSTS['cloudflare-pages'] ?? { name: '' })[0]).toBe(
      'The site has 20002 files; Cloudflare Pages takes at most 20000: deploy elsewhere (FEEDSHELF_HOST) or split the archive into sites of fewer feeds.',
    );
    expect(overHostLimits(size, hostLimits('none'))).toEqual([]);
  });

  it('fits when it is within the limits', () => {
    const size = emptyOutputSize();
    addOutputFile(size, 'index.html', 999_999_999);
    expect(overHostLimits(size, hostLimits('github-pages'))).toEqual([]);
  });
});
