/**
 * HTML the Markdown keeps as raw HTML (a formula, a table GFM cannot hold)
 * cannot turn into Markdown: text that looks like a link, emphasis or code,
 * and a blank line that would end the HTML block, are written as character
 * references, so the page shows the text and no link the sanitizer never saw.
 */
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { describe, expect, it } from 'vitest';
import { htmlIsland } from '#src/ingest/_html-island.ts';
import { renderMarkdown } from '../helpers/render-markdown.ts';

function element(html: string): Element {
  const root = fromHtml(html, { fragment: true });
  const first = root.children.find((child) => child.type === 'element');
  if (first?.type !== 'element') throw new Error('no element');
  return first;
}

describe('htmlIsland', () => {
  it("writes Markdown's inline syntax in text as references, and keeps attributes on one line", () => {
    const table = element(
      '<table><tr><td title="a\n\nb">[x](javascript:alert(1)) *em* `c` a_b\n\nnext</td></tr></table>',
    );
    expect(htmlIsland(table)).toBe(
      '<table><tbody><tr><td title="a&#xA;&#xA;b">&#x5B;x&#x5D;(javascript:alert(1)) &#x2A;em&#x2A; &#x60;c&#x60; a&#x5F;b&#xA;&#xA;next</td></tr></tbody></table>',
    );
  });

  it('turns a stand-in character already in the text into plain text', () => {
    expect(htmlIsland(element('<math><mi>\u{f005b}</mi></math>'))).toBe('<math><mi>&#x5B;</mi></math>');
  });

  it('renders as the text it holds: no link, no emphasis, the table in one HTML block', async () => {
    const formula = htmlIsland(element('<math><mtext>[click](javascript:alert(1)) _x_</mtext></math>'));
    const html = await renderMarkdown(`Before ${formula} after.`);
    expect(html).toBe('<p>Before <math><mtext>[click](javascript:alert(1)) _x_</mtext></math> after.</p>\n');
  });
});
