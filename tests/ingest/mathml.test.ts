import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '#src/ingest/parse.ts';
import { convertEntry } from '#src/ingest/to-markdown.ts';
import { renderMarkdown } from '../helpers/render-markdown.ts';

const ctx = {
  source: 'numbers',
  extraTags: [],
  firstSeen: '2026-03-13T00:00:00.000Z',
  now: '2026-03-13T00:00:00.000Z',
};

describe('MathML', () => {
  it('is kept as MathML Core for the browser to render, annotations and unsafe attributes dropped', async () => {
    const text = await readFile(new URL('../fixtures/fidelity/mathml.xml', import.meta.url), 'utf8');
    const [entry] = (await parseFeed(text, 'https://numbers.example/feed')).entries;
    if (!entry) throw new Error('the fixture has an item');
    const item = convertEntry(entry, ctx);
    expect(item.body).toBe(
      'A kilo is <math><semantics><msup><mn>10</mn><mn>3</mn></msup></semantics></math> grams; the count was ' +
        '<math><semantics><mrow><mn>3</mn><mspace width="0.167em"></mspace><mn>088</mn><mspace width="0.167em"></mspace><mn>384</mn></mrow></semantics></math>.\n\n' +
        '<math display="block"><mfrac><mi>a</mi><mi>b</mi></mfrac></math>',
    );
    expect(item.frontmatter.summary).toBe('A kilo is 103 grams; the count was 3088384. ab');
    expect(await renderMarkdown(item.body)).toBe(
      '<p>A kilo is <math><semantics><msup><mn>10</mn><mn>3</mn></msup></semantics></math> grams; the count was ' +
        '<math><semantics><mrow><mn>3</mn><mspace width="0.167em"></mspace><mn>088</mn><mspace width="0.167em"></mspace><mn>384</mn></mrow></semantics></math>.</p>\n' +
        '<p><math display="block"><mfrac><mi>a</mi><mi>b</mi></mfrac></math></p>\n',
    );
  });
});
