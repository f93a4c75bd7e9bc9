import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { describe, expect, it } from 'vitest';
import { ItemSchema } from '#src/archive/schema.ts';
import { convertEntry, htmlToMarkdown } from '#src/ingest/to-markdown.ts';
import type { ConvertContext, FeedEntry } from '#src/ingest/types.ts';

const BASE = 'https://base.example/dir/';
const md = (html: string): string => htmlToMarkdown(html, BASE).markdown;
/** The most permissive CommonMark/GFM rendering: raw HTML and every protocol let through. */
const render = (markdown: string): string =>
  micromark(markdown, {
    allowDangerousHtml: true,
    allowDangerousProtocol: true,
    extensions: [gfm()],
    htmlExtensions: [gfmHtml()],
  });

const ctx: ConvertContext = {
  source: 'example',
  extraTags: [],
  firstSeen: '2026-04-28T06:00:00.000Z',
  now: '2026-04-28T06:00:00.000Z',
};
const entry = (fields: Partial<FeedEntry>): FeedEntry => ({ authors: [], categories: [], ...fields });

describe('htmlToMarkdown: hostile HTML', () => {
  it.each([
    ['script', '<p>a<script>alert(1)</script>b</p>', 'ab'],
    ['img onerror', '<img src="x" onerror="alert(1)" alt="x">', '![x](https://base.example/dir/x)'],
    ['svg onload', '<svg onload="alert(1)"><circle/></svg>svgtext', 'svgtext'],
    ['entity-encoded javascript:', '<a href="&#106;avascript:alert(1)">e1</a>', 'e1'],
    ['zero-padded javascript:', '<a href="&#0000106&#0000097vascript:alert(1)">e2</a>', 'e2'],
    ['tab inside javascript:', '<a href="java\tscript:alert(1)">e3</a>', 'e3'],
    ['encoded tab inside javascript:', '<a href="jav&#x09;ascript:alert(1)">e4</a>', 'e4'],
    ['control char before javascript:', '<a href=" \u0001javascript:alert(1)">e5</a>', 'e5'],
    ['vbscript:', '<a href="vbscript:msgbox(1)">v</a>', 'v'],
    [
      'data: link and image',
      '<a href="data:text/html,<script>alert(1)</script>">d</a><img src="data:image/png;base64,AA" alt="pic">',
      'dpic',
    ],
    ['iframe srcdoc', '<iframe srcdoc="<script>alert(1)</script>"></iframe>', ''],
    ['iframe from an unknown host', '<iframe src="https://evil.example/embed"></iframe>', ''],
    ['iframe over http', '<iframe src="http://www.youtube.com/embed/xyz"></iframe>', ''],
    ['object and embed', '<object data="x.swf"><param name="a"></object><embed src="x.swf">', ''],
    ['form', '<form action="https://e/"><input name=a><button>b</button></form>', 'b'],
    ['style expression()', '<p style="background:expression(alert(1))">styled</p>', 'styled'],
    ['base href', '<base href="javascript:alert(1)//"><a href="rel">rel</a>', '[rel](https://base.example/dir/rel)'],
    ['meta refresh', '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', ''],
    ['noscript mutation', '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>', ''],
    ['xmp mutation', '<xmp><img src=x onerror=alert(1)></xmp>', ''],
    ['comment mutation', '<!--<img src="--><img src=x onerror=alert(1)//">', '![](https://base.example/dir/x)'],
    ['style element', '<style>body{background:url(javascript:alert(1))}</style>ok', 'ok'],
  ])('neutralises %s', (_name, html, expected) => {
    const markdown = md(html);
    expect(markdown).toBe(expected);
    const rendered = render(markdown);
    expect(rendered).not.toMatch(/<script|<iframe|<object|<embed|<svg|\son\w+\s*=|(?:javascript|vbscript|data):/i);
  });

  it('keeps an allowed https video embed as a link to the player', () => {
    expect(md('<iframe src="https://www.youtube-nocookie.com/embed/xyz" title="Demo"></iframe>')).toBe(
      '[Demo](https://www.youtube-nocookie.com/embed/xyz)',
    );
    expect(md('<iframe src="https://player.vimeo.com/video/1"></iframe>')).toBe(
      '[Embedded video](https://player.vimeo.com/video/1)',
    );
  });
});

describe('htmlToMarkdown: text that looks like Markdown stays text', () => {
  it.each([
    ['<p>[x](javascript:alert(1))</p>', '\\[x]\\(javascript:alert(1))', '<p>[x](javascript:alert(1))</p>'],
    ['<p>*star* _under_ 2 * 3</p>', '\\*star\\* \\_under\\_ 2 \\* 3', '<p>*star* _under_ 2 * 3</p>'],
    ['<p># not a heading</p>', '\\# not a heading', '<p># not a heading</p>'],
    ['<p>1. not a list</p>', '1\\. not a list', '<p>1. not a list</p>'],
    ['<p>- nor this</p>', '\\- nor this', '<p>- nor this</p>'],
    [
      '<p>&lt;img src=x onerror=alert(1)&gt;</p>',
      '\\<img src=x onerror=alert(1)>',
      '<p>&lt;img src=x onerror=alert(1)&gt;</p>',
    ],
    [
      '<p>![i](javascript:alert(1)) &lt;a href="javascript:x"&gt;</p>',
      '!\\[i]\\(javascript:alert(1)) \\<a href="javascript:x">',
      '<p>![i](javascript:alert(1)) &lt;a href=&quot;javascript:x&quot;&gt;</p>',
    ],
  ])('%s', (html, markdown, rendered) => {
    expect(md(html)).toBe(markdown);
    expect(render(md(html))).toBe(rendered);
  });
});

describe('htmlToMarkdown: structure', () => {
  it.each(['b', 'div', 'blockquote', 'ul'])(
    'keeps the text of %s nested 6,000 deep, flattened below 32 levels',
    (tag) => {
      const started = performance.now();
      const markdown = md(`${`<${tag}>`.repeat(6000)}deep text${`</${tag}>`.repeat(6000)}`);
      expect(markdown).toContain('deep text');
      expect(performance.now() - started).toBeLessThan(2000);
    },
  );

  it('resolves relative links against the base and keeps titles, mailto and ampersands', () => {
    expect(md('<a href="../up?a=1&amp;b=2" title="t">up</a> <a href="mailto:a@b.example">mail</a>')).toBe(
      '[up](https://base.example/up?a=1\\&b=2 "t") [mail](mailto:a@b.example)',
    );
  });

  it.each([
    [
      'Rouge/Forem',
      '<div class="highlight js-code-highlight"><pre class="highlight python"><code><span class="k">def</span> f():\n    pass\n</code></pre></div>',
      'python',
    ],
    ['language- on code', '<pre><code class="language-ts">let a = 1;</code></pre>', 'ts'],
    ['lang- on pre', '<pre class="lang-ruby"><code>puts 1</code></pre>', 'ruby'],
    ['highlight.js', '<pre><code class="hljs language-go">func main() {}</code></pre>', 'go'],
    ['highlight.js without prefix', '<pre><code class="hljs rust">fn main() {}</code></pre>', 'rust'],
    ['Prism', '<pre class="language-css"><code class="language-css">a { b: c }</code></pre>', 'css'],
    ['GitHub highlight-source', '<div class="highlight highlight-source-shell"><pre>echo hi</pre></div>', 'shell'],
    ['data-lang', '<pre data-lang="sql"><code>SELECT 1</code></pre>', 'sql'],
    ['text alias', '<pre><code class="language-text">plain</code></pre>', 'plaintext'],
    ['console stays', '<pre><code class="language-console">$ ls</code></pre>', 'console'],
  ])('fences %s code with its language', (_name, html, lang) => {
    expect(md(html).split('\n')[0]).toBe(`\`\`\`${lang}`);
  });

  it('keeps code text exactly and makes the fence longer than any backtick run inside', () => {
    const html =
      '<pre class="highlight js"><code><span class="k">if</span> (a &lt; b &amp;&amp; c) {\n\t<span class="s">`x`</span>; <span>"```"</span>\n}  \n</code></pre>';
    expect(md(html)).toBe('````js\nif (a < b && c) {\n\t`x`; "```"\n}  \n````');
  });

  it('keeps a code block without a language as a bare fence', () => {
    expect(md('<pre>  indented\n  lines</pre>')).toBe('```\n  indented\n  lines\n```');
  });

  it('turns tables into GFM tables, escaping pipes', () => {
    expect(
      md(
        '<table><thead><tr><th>A</th><th>B</th></tr></thead><tbody><tr><td>1|2</td><td><code>x</code></td></tr></tbody></table>',
      ),
    ).toBe('| A    | B   |\n| ---- | --- |\n| 1\\|2 | `x` |');
  });

  it('keeps a table GFM cannot express as sanitized HTML on one line', () => {
    const markdown = md(
      '<table><tr><td colspan="2" onclick="x()">wide</td></tr><tr><td><ul><li>x</li></ul><pre>a\n\nb &lt;c&gt;</pre></td><td><a href="javascript:x">l</a><script>alert(1)</script></td></tr></table><p>after</p>',
    );
    expect(markdown).toBe(
      '<table><tbody><tr><td colspan="2">wide</td></tr><tr><td><ul><li>x</li></ul><pre>a&#xA;&#xA;b &#x3C;c></pre></td><td><a rel="noopener noreferrer nofollow ugc">l</a></td></tr></tbody></table>\n\nafter',
    );
    expect(render(markdown)).toBe(`${markdown.split('\n\n')[0]}\n<p>after</p>`);
  });

  it('keeps image alt text and resolves image URLs', () => {
    expect(htmlToMarkdown('<p><img src="i/a.png" alt="An [odd] *alt*"></p>', BASE)).toEqual({
      markdown: '![An \\[odd\\] \\*alt\\*](https://base.example/dir/i/a.png)',
      image: 'https://base.example/dir/i/a.png',
    });
  });
});

describe('htmlToMarkdown: heading levels sit under the page title', () => {
  const headings = (html: string): string[] =>
    md(html)
      .split('\n')
      .filter((line) => /^(?:> )*#/.test(line));

  it.each([
    ['h1 and h2 move down one level', '<h1>A</h1><h2>B</h2><h1>C</h1>', ['## A', '### B', '## C']],
    ['h2 stays where it is', '<h2>A</h2><h3>B</h3>', ['## A', '### B']],
    ['h3 and h4 move up one level', '<h3>A</h3><h4>B</h4><h3>C</h3>', ['## A', '### B', '## C']],
    ['a skipped level closes up', '<h1>A</h1><h3>B</h3><h4>C</h4><h1>D</h1>', ['## A', '### B', '#### C', '## D']],
    ['a deeper first heading starts at h2', '<h4>A</h4><h3>B</h3><h4>C</h4>', ['## A', '## B', '### C']],
    [
      'levels past h6 clamp at h6',
      '<h1>1</h1><h2>2</h2><h3>3</h3><h4>4</h4><h5>5</h5><h6>6</h6>',
      ['## 1', '### 2', '#### 3', '##### 4', '###### 5', '###### 6'],
    ],
    [
      'headings nested in other blocks count in document order',
      '<div><h1>A</h1></div><blockquote><h3>B</h3></blockquote>',
      ['## A', '> ### B'],
    ],
  ])('%s', (_name, html, expected) => {
    expect(headings(html)).toEqual(expected);
  });

  it('shifts the headings of a table kept as HTML with the rest of the body', () => {
    // Two rows, two columns: a data table, not layout (a one-cell table would be unwrapped).
    const markdown = md(
      '<h1>Top</h1><table><tr><td colspan="2"><h2>In a cell</h2></td></tr><tr><td>a</td><td>b</td></tr></table>',
    );
    expect(markdown).toBe(
      '## Top\n\n<table><tbody><tr><td colspan="2"><h3>In a cell</h3></td></tr><tr><td>a</td><td>b</td></tr></tbody></table>',
    );
  });

  it('leaves a body without headings as it was', () => {
    expect(md('<p>Just <em>text</em>.</p>')).toBe('Just *text*.');
  });
});

describe('convertEntry', () => {
  it('builds schema-valid frontmatter in schema order, tags deduped by slug', () => {
    const item = convertEntry(
      entry({
        guid: 'http://www.example.org/p/1/',
        link: '/p/1',
        baseUrl: 'https://example.org/p/1',
        title: '  A\ttitle\n',
        authors: ['Zoë', ' Zoë '],
        categories: ['JavaScript', 'javascript', 'Web Dev'],
        published: 'Mon, 02 Mar 2026 09:30:00 +0000',
        updated: '2026-03-03T00:00:00Z',
        contentHtml: '<p>Body <img src="/a.png" alt="a"></p>',
        summaryHtml: '<p>Short   summary</p>',
      }),
      { ...ctx, extraTags: ['web dev', 'Extra'] },
    );
    expect(Object.keys(item.frontmatter)).toEqual([
      'title',
      'id',
      'link',
      'source',
      'authors',
      'tags',
      'published',
      'updated',
      'firstSeen',
      'summary',
      'hash',
      'image',
    ]);
    expect(item.frontmatter).toMatchObject({
      title: 'A title',
      id: 'https://example.org/p/1',
      link: 'https://example.org/p/1',
      source: 'example',
      authors: ['Zoë'],
      tags: ['JavaScript', 'Web Dev', 'Extra'],
      published: '2026-03-02T09:30:00.000Z',
      updated: '2026-03-03T00:00:00.000Z',
      firstSeen: '2026-04-28T06:00:00.000Z',
      summary: 'Short summary',
      image: 'https://example.org/a.png',
    });
    expect(item.body).toBe('Body ![a](https://example.org/a.png)');
    expect(ItemSchema.safeParse(item.frontmatter).success).toBe(true);
  });

  it.each([
    [undefined, 'missing'],
    ['', 'missing'],
    ['not a date', 'invalid'],
    ['-271821-04-20T00:00:00Z', 'invalid'],
    ['0999-12-31T23:59:59Z', 'invalid'],
    ['2026-04-30T06:00:01Z', 'future'],
  ])('uses firstSeen when the date is %j (%s)', (published, flag) => {
    const item = convertEntry(entry({ guid: 'g', published }), ctx);
    expect(item.frontmatter.published).toBe(ctx.firstSeen);
    expect(item.frontmatter.dateFlag).toBe(flag);
    expect(ItemSchema.safeParse(item.frontmatter).success).toBe(true);
  });

  it('accepts a date less than a day ahead of the clock', () => {
    const item = convertEntry(entry({ guid: 'g', published: '2026-04-29T05:00:00Z' }), ctx);
    expect(item.frontmatter.published).toBe('2026-04-29T05:00:00.000Z');
    expect(item.frontmatter.dateFlag).toBeUndefined();
  });

  it('never leaves the title empty: summary words, then "Untitled"', () => {
    expect(
      convertEntry(entry({ guid: 'g', contentHtml: '<p>First words of the body</p>' }), ctx).frontmatter.title,
    ).toBe('First words of the body');
    expect(convertEntry(entry({ guid: 'g', title: ' \u0000 ' }), ctx).frontmatter.title).toBe('Untitled');
  });

  it('cuts the summary at a word, at most 300 characters, with an ellipsis', () => {
    const summary = convertEntry(entry({ guid: 'g', contentHtml: `<p>${'lorem ipsum '.repeat(40)}</p>` }), ctx)
      .frontmatter.summary;
    expect(summary).toBe(`${'lorem ipsum '.repeat(24)}lorem…`);
    expect(String(summary).length).toBeLessThanOrEqual(300);
  });

  it('drops non-http links and images', () => {
    const item = convertEntry(
      entry({ guid: 'g', link: 'javascript:alert(1)', image: 'data:image/png;base64,AA' }),
      ctx,
    );
    expect(item.frontmatter.link).toBeUndefined();
    expect(item.frontmatter.image).toBeUndefined();
  });

  it('is deterministic', () => {
    const input = entry({ guid: 'g', title: 'T', contentHtml: '<p>x</p>' });
    expect(JSON.stringify(convertEntry(input, ctx))).toBe(JSON.stringify(convertEntry(structuredClone(input), ctx)));
  });
});
