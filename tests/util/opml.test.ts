import { describe, expect, it } from 'vitest';
import { renderOpml } from '#src/util/opml.ts';

describe('renderOpml', () => {
  it('writes escaped, deterministic OPML 2.0', () => {
    expect(
      renderOpml('feedshelf feeds', [{ url: 'https://a.example/f?x=1&y=2', title: 'A & "B"', tags: ['js', 'web'] }]),
    ).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        '  <head>',
        '    <title>feedshelf feeds</title>',
        '  </head>',
        '  <body>',
        '    <outline type="rss" text="A &amp; &quot;B&quot;" title="A &amp; &quot;B&quot;" xmlUrl="https://a.example/f?x=1&amp;y=2" category="js,web"/>',
        '  </body>',
        '</opml>',
        '',
      ].join('\n'),
    );
  });
});
