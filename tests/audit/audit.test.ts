import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { auditHtml, formatFindings, hasCssScript, isSiteScript, schemeOf } from '#src/audit/audit.ts';
import { auditDist } from '#src/audit/audit-fs.ts';
import { png } from '../helpers/png.ts';

const page = (body: string, head = ''): string =>
  `<!DOCTYPE html>\n<html lang="en">\n<head>${head}</head>\n<body>\n${body}\n</body>\n</html>\n`;
const rules = (html: string, base = '/'): string[] => auditHtml(html, 'p.html', { base }).map((f) => f.rule);

describe('auditHtml: scripts', () => {
  it('accepts the site own module bundles and pagefind files', () => {
    const html = page(
      '<script type="module" src="/_astro/page.Bx1.js"></script><script src="/pagefind/pagefind-ui.js"></script>',
    );
    expect(auditHtml(html, 'p.html', { base: '/' })).toEqual([]);
  });

  it('honours the base path', () => {
    expect(rules(page('<script type="module" src="/shelf/_astro/a.js"></script>'), '/shelf/')).toEqual([]);
    expect(rules(page('<script type="module" src="/_astro/a.js"></script>'), '/shelf/')).toEqual(['foreign-script']);
  });

  it('reports inline, cross-origin, protocol-relative, traversing and odd-typed scripts', () => {
    const html = page(
      [
        '<script>alert(1)</script>',
        '<script src="https://evil.example/x.js"></script>',
        '<script src="//evil.example/_astro/x.js"></script>',
        '<script src="/_astro/../uploads/x.js"></script>',
        '<script src="/_astro/%2e%2e/x.js"></script>',
        '<script type="text/vbscript" src="/_astro/a.js"></script>',
        '<script src="_astro/a.js"></script>',
        '<svg><script>alert(1)</script></svg>',
      ].join('\n'),
    );
    expect(auditHtml(html, 'p.html', { base: '/' })).toEqual([
      { file: 'p.html', line: 5, rule: 'inline-script', snippet: '<script>alert(1)</script>' },
      { file: 'p.html', line: 6, rule: 'foreign-script', snippet: '<script src="https://evil.example/x.js"></script>' },
      {
        file: 'p.html',
        line: 7,
        rule: 'foreign-script',
        snippet: '<script src="//evil.example/_astro/x.js"></script>',
      },
      { file: 'p.html', line: 8, rule: 'foreign-script', snippet: '<script src="/_astro/../uploads/x.js"></script>' },
      { file: 'p.html', line: 9, rule: 'foreign-script', snippet: '<script src="/_astro/%2e%2e/x.js"></script>' },
      {
        file: 'p.html',
        line: 10,
        rule: 'foreign-script',
        snippet: '<script type="text/vbscript" src="/_astro/a.js"></script>',
      },
      { file: 'p.html', line: 11, rule: 'foreign-script', snippet: '<script src="_astro/a.js"></script>' },
      { file: 'p.html', line: 12, rule: 'inline-script', snippet: '<script>alert(1)</script>' },
    ]);
  });

  it('reports a site-looking script that also carries inline code', () => {
    expect(rules(page('<script src="/_astro/a.js">alert(1)</script>'))).toEqual(['foreign-script']);
  });

  it('finds scripts inside template contents', () => {
    expect(rules(page('<template><img src=x onerror=alert(1)><script>1</script></template>'))).toEqual([
      'event-handler',
      'inline-script',
    ]);
  });
});

describe('auditHtml: attributes', () => {
  it('reports every on* attribute, in HTML, SVG and MathML, whatever its case', () => {
    const html = page(
      '<img src=x OnError="alert(1)"><svg onload=alert(1)><animate onbegin=alert(1)></animate></svg><math><mi onclick=x>1</mi></math><div onfoo=1></div>',
    );
    expect(rules(html)).toEqual(['event-handler', 'event-handler', 'event-handler', 'event-handler', 'event-handler']);
  });

  it('reports javascript:, vbscript: and data: URLs in every URL attribute', () => {
    const html = page(
      [
        '<a href="javascript:alert(1)">a</a>',
        '<a href="&#106;avascript:alert(1)">b</a>',
        '<a href="&#x6A;avascript:alert(1)">c</a>',
        '<a href="&#0000106;avascript:alert(1)">d</a>',
        '<a href="java&#9;script:alert(1)">e</a>',
        '<a href="&#1;javascript:alert(1)">f</a>',
        '<a href=" JAVASCRIPT:alert(1)">g</a>',
        '<form action="vbscript:x"><button formaction="javascript:x">h</button></form>',
        '<iframe src="data:text/html,<script>alert(1)</script>"></iframe>',
        '<object data="javascript:alert(1)"></object>',
        '<embed src="javascript:alert(1)">',
        '<svg><a xlink:href="javascript:alert(1)"><text>i</text></a></svg>',
        '<video poster="javascript:alert(1)"></video>',
        '<table background="javascript:alert(1)"></table>',
        '<img srcset="/a.png 1x, javascript:alert(1) 2x">',
        '<svg><animate attributeName="href" values="https://a/;javascript:alert(1)"></animate></svg>',
      ].join('\n'),
    );
    expect(auditHtml(html, 'p.html', { base: '/' }).map((f) => `${f.line} ${f.rule}`)).toEqual([
      '5 dangerous-url',
      '6 dangerous-url',
      '7 dangerous-url',
      '8 dangerous-url',
      '9 dangerous-url',
      '10 dangerous-url',
      '11 dangerous-url',
      '12 dangerous-url',
      '12 dangerous-url',
      '13 dangerous-url',
      '14 dangerous-url',
      '15 dangerous-url',
      '16 dangerous-url',
      '17 dangerous-url',
      '18 dangerous-url',
      '19 dangerous-url',
      '20 dangerous-url',
    ]);
  });

  it('accepts ordinary links, relative URLs and text that merely mentions javascript:', () => {
    const html = page(
      '<a href="https://example.org/a">x</a><a href="/tags/js/">y</a><a href="#top">z</a><a href="mailto:a@b.c">m</a><img src="/a.png" alt="javascript:alert(1)"><p>javascript:alert(1)</p><code>&lt;script&gt;</code>',
    );
    expect(rules(html)).toEqual([]);
  });

  it('reports iframe srcdoc, CSS expressions and script URLs in styles', () => {
    const html = page(
      '<iframe srcdoc="&lt;b&gt;hi&lt;/b&gt;"></iframe><p style="width: expression(alert(1))">a</p><p style="background:url( javascript:alert(1) )">b</p><style>a{background:url(\\6a avascript:alert(1))}</style><p style="color: red">ok</p>',
    );
    expect(rules(html)).toEqual(['srcdoc', 'css-script', 'css-script', 'css-script']);
  });

  it('reports a meta refresh to a non-http URL, and any base element', () => {
    const html = page(
      '<p>x</p>',
      '<meta http-equiv="refresh" content="0;url=javascript:alert(1)"><meta http-equiv="Refresh" content="5; URL=\'data:text/html,x\'"><meta http-equiv="refresh" content="0; url=https://example.org/"><meta http-equiv="refresh" content="30"><base href="https://evil.example/">',
    );
    expect(rules(html)).toEqual(['meta-refresh', 'meta-refresh', 'base-element']);
  });

  it('finds what the parser sees after mutation-prone markup', () => {
    const html = page(
      '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript><xmp><img src=x onerror=alert(2)></xmp><!--><img src=x onerror=alert(3)>-->',
    );
    // The xmp body is text to the parser; the noscript and comment forms produce real elements.
    expect(rules(html)).toEqual(['event-handler', 'event-handler']);
  });
});

describe('helpers', () => {
  it('reads the scheme the way a browser does', () => {
    expect(schemeOf('java\tscript:x')).toBe('javascript');
    expect(schemeOf('\u0001\u0000 JaVaScRiPt:x')).toBe('javascript');
    expect(schemeOf('/relative:path')).toBeUndefined();
    expect(schemeOf('https://a/')).toBe('https');
  });

  it('accepts only same-origin paths under _astro/ or pagefind/', () => {
    expect(isSiteScript('/_astro/a.js', '/')).toBe(true);
    expect(isSiteScript('/pagefind/pagefind.js?v=1', '/')).toBe(true);
    expect(isSiteScript('/_astro\\..\\x.js', '/')).toBe(false);
    expect(isSiteScript('/uploads/_astro/a.js', '/')).toBe(false);
  });

  it('sees CSS script through escapes and comments', () => {
    expect(hasCssScript('width:ex/**/pression(alert(1))')).toBe(true);
    expect(hasCssScript('background:url(\\6a\\61vascript:x)')).toBe(true);
    expect(hasCssScript('color: red; background: url(/a.png)')).toBe(false);
  });
});

describe('auditDist', () => {
  const roots: string[] = [];
  afterAll(async () => {
    for (const root of roots) await rm(root, { recursive: true, force: true });
  });

  it('walks every page, reports paths relative to the folder, sorted, and formats them one per line', async () => {
    const root = await mkdtemp(join(tmpdir(), 'audit-'));
    roots.push(root);
    await mkdir(join(root, 'items', 'a'), { recursive: true });
    await writeFile(join(root, 'index.html'), page('<script type="module" src="/_astro/i.js"></script>'));
    await writeFile(join(root, 'items', 'a', 'index.html'), page('<img src=x onerror=alert(1)>'));
    await writeFile(join(root, 'b.html'), page('<a href="javascript:void(0)">x</a>'));
    await writeFile(join(root, 'notes.txt'), '<script>alert(1)</script>');
    const findings = await auditDist(root);
    expect(findings).toEqual([
      { file: 'b.html', line: 5, rule: 'dangerous-url', snippet: '<a href="javascript:void(0)">x</a>' },
      { file: 'items/a/index.html', line: 5, rule: 'event-handler', snippet: '<img src=x onerror=alert(1)>' },
    ]);
    expect(formatFindings(findings)).toBe(
      'b.html:5  dangerous-url  <a href="javascript:void(0)">x</a>\nitems/a/index.html:5  event-handler  <img src=x onerror=alert(1)>',
    );
  });

  it('finds anything under media/ that is not a raster image, whatever its name says', async () => {
    const root = await mkdtemp(join(tmpdir(), 'audit-media-'));
    roots.push(root);
    await mkdir(join(root, 'media', 'ab'), { recursive: true });
    await writeFile(join(root, 'media', 'ab', 'good.png'), png(2, 2, 10));
    await writeFile(join(root, 'media', 'ab', 'bad.png'), '<svg onload="alert(1)"/>');
    await writeFile(join(root, 'media', 'ab', 'page.gif'), '<!doctype html>\n<script>alert(1)</script>');
    expect(await auditDist(root)).toEqual([
      { file: 'media/ab/bad.png', rule: 'media-not-raster', snippet: '<svg onload="ale' },
      { file: 'media/ab/page.gif', rule: 'media-not-raster', snippet: '<!doctype html>.' },
    ]);
  });

  it('finds a sharing card under og/ that is not a raster image', async () => {
    const root = await mkdtemp(join(tmpdir(), 'audit-og-'));
    roots.push(root);
    await mkdir(join(root, 'og', 'feed'), { recursive: true });
    await writeFile(join(root, 'og', 'feed', 'good.png'), png(2, 2, 10));
    await writeFile(join(root, 'og', 'feed', 'bad.png'), '<svg onload="alert(1)"/>');
    expect(await auditDist(root)).toEqual([
      { file: 'og/feed/bad.png', rule: 'media-not-raster', snippet: '<svg onload="ale' },
    ]);
  });
});
