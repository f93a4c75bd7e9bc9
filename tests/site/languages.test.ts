/**
 * Builds the fixture archive (one item marked English, one Egyptian Arabic)
 * for a site whose `lang` is Arabic, as FEEDSHELF_LANG sets it, and reads the
 * pages: the page is right to left in Arabic, its words, counts and dates are
 * the catalogue's, and the English item's text keeps its own language and
 * direction while the Arabic one's needs no marking.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltSite, buildArchive, FIXTURE_ARCHIVE } from './_build.ts';

const ENGLISH_ITEM = 'alpha-blog/2026-01-05-hello-python';
const ARABIC_ITEM = 'beta-news/2026-01-11-weekly-roundup';

async function markLanguage(itemsDir: string, id: string, lang: string): Promise<void> {
  const file = join(itemsDir, `${id}.md`);
  const text = await readFile(file, 'utf8');
  await writeFile(file, text.replace(/^summary: /m, `lang: ${lang}\nsummary: `));
}

describe('the fixture site built in Arabic', () => {
  let work: string;
  let site: BuiltSite;
  const page = (path: string) => readFile(join(site.dist, path), 'utf8');

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'feedshelf-lang-'));
    await cp(FIXTURE_ARCHIVE, work, { recursive: true });
    const itemsDir = join(work, 'items');
    await markLanguage(itemsDir, ENGLISH_ITEM, 'en');
    await markLanguage(itemsDir, ARABIC_ITEM, 'ar-EG');
    site = await buildArchive({ itemsDir, stateDir: join(work, 'state'), lang: 'ar' });
  }, 300_000);

  afterAll(async () => {
    await site?.remove();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('writes every page right to left, in Arabic, with the Arabic navigation', async () => {
    for (const path of [
      'index.html',
      'stats/index.html',
      'sources/index.html',
      '404.html',
      `items/${ENGLISH_ITEM}/index.html`,
    ]) {
      const html = await page(path);
      expect(html, path).toContain('<html lang="ar" dir="rtl">');
      expect(html, path).toContain('<nav class="site-nav" aria-label="القائمة الرئيسية">');
      expect(html, path).toContain('>الرئيسية</a>');
      expect(html, path).toContain('<a class="skip-link" href="#main">انتقل إلى المحتوى</a>');
    }
    const home = await page('index.html');
    expect(home).toContain('<h1>أحدث العناصر</h1>');
    expect(home).not.toContain('Latest items');
    expect(await page('404.html')).toContain('<h1>الصفحة غير موجودة</h1>');
  });

  it('hands the browser script the Arabic labels of the theme and copy buttons', async () => {
    const home = await page('index.html');
    expect(home).toContain('data-copy="نسخ"');
    expect(home).toContain('data-copied="تم النسخ"');
    expect(home).toContain('data-dark="المظهر الداكن"');
    expect(home).toContain('data-to-light="التبديل إلى المظهر الفاتح"');
  });

  it('counts with the Arabic plural forms and writes dates the Arabic way', async () => {
    const stats = await page('stats/index.html');
    // 12 items (many), 3 feeds (few), 12 tags (many), 5 authors (few).
    expect(stats).toContain('<p>12 عنصرًا من 3 خلاصات، و12 وسمًا و5 مؤلفين.</p>');
    // The charts' text equivalents name each month.
    expect(stats).toContain('<th scope="row">مارس 2026</th>');
    const article = await page(`items/${ENGLISH_ITEM}/index.html`);
    expect(article).toMatch(/نُشر في <time datetime="2026-01-05T09:00:00.000Z">05\u200f\/01\u200f\/2026<\/time>/);
    expect(article).toContain('قراءة دقيقة واحدة');
    expect(await page('archive/2026/03/index.html')).toContain('<h1>نُشر في مارس 2026</h1>');
  });

  it('names the language of its feeds, and describes them in Arabic', async () => {
    const feed = await page('tags/python/rss.xml');
    expect(feed).toContain('<language>ar</language>');
    expect(feed).toContain('<description>العناصر المؤرشفة الموسومة بـPython.</description>');
  });

  it('marks an English item’s title and text with their own lang and dir, an Arabic one’s with none', async () => {
    const english = await page(`items/${ENGLISH_ITEM}/index.html`);
    expect(english).toMatch(/<h1 data-pagefind-weight="10" lang="en" dir="ltr">Hello, Python<\/h1>/);
    expect(english).toContain('<div class="article-body" lang="en" dir="ltr">');
    const arabic = await page(`items/${ARABIC_ITEM}/index.html`);
    expect(arabic).toContain('<div class="article-body">');
    expect(arabic).not.toMatch(/<h1[^>]* lang=/);
  });
});
