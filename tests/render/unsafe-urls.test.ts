/**
 * The renderer's own guard: a Markdown link or image with a scheme that can
 * run script (in a hand-edited or older archive file) loses its URL, whatever
 * its case or the control characters browsers ignore in it; safe URLs stay.
 */
import { describe, expect, it } from 'vitest';
import { isSafeUrl } from '#src/render/article-plugin.ts';
import { renderMarkdown } from '../helpers/render-markdown.ts';

describe('isSafeUrl', () => {
  it.each([
    ['https://example.org/a', true],
    ['http://example.org/a', true],
    ['mailto:a@example.org', true],
    ['/relative/path', true],
    ['#section', true],
    ['page.html?q=a:b', true],
    ['javascript:alert(1)', false],
    ['JaVaScRiPt:alert(1)', false],
    [' java\tscript:alert(1)', false],
    ['\u0001javascript:alert(1)', false],
    ['vbscript:msgbox(1)', false],
    ['data:text/html,<script>alert(1)</script>', false],
  ])('%j → %s', (url, safe) => {
    expect(isSafeUrl(url)).toBe(safe);
  });
});

describe('rendering Markdown links and images', () => {
  it('drops a script URL from a link and an image, keeping their text', async () => {
    const html = await renderMarkdown(
      '[click me](javascript:alert(1)) and ![img](JAVASCRIPT:alert(2)) and [ok](https://example.org/)',
    );
    expect(html).toBe(
      '<p><a>click me</a> and <img alt="img" decoding="async"> and <a href="https://example.org/">ok</a></p>\n',
    );
  });
});
