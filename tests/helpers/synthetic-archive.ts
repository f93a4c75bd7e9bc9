/**
 * A synthetic archive written straight in the archive format (no snapshot):
 * items spread over feeds, months, tags and authors, each a pure function of
 * its index, with a state file per feed. Tests corrupt some of its files.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderItemFile } from '#src/archive/frontmatter.ts';

export interface SyntheticItem {
  /** `<feed id>/<file stem>`, the entry id and the article's URL path under items/. */
  id: string;
  feed: string;
  frontmatter: Record<string, unknown>;
  body: string;
}

const TAGS = ['Python', 'SQL', 'Shell', 'Rust', 'Go', 'Databases', 'Search', 'Feeds', 'Typography', 'Testing'];
const AUTHORS = ['Ana Núñez', 'Li Wei', 'Zoë Brontë', 'Søren Ås', 'Björn Ödegård', 'Maya Patel'];
const START = Date.UTC(2024, 0, 1);
const SPACING_MS = 9 * 60 * 60 * 1000;

export function feedId(index: number): string {
  return `feed-${index}`;
}

function body(index: number): string {
  const sentence = (n: number) =>
    `Item ${index} looks at ${TAGS[(index + n) % TAGS.length]} from angle ${n}, with a [link](https://example.org/${index}/${n}) and some \`code\`.`;
  return [
    `## Part one of ${index}`,
    '',
    [sentence(1), sentence(2), sentence(3)].join(' '),
    '',
    '```python',
    `def item_${index}():`,
    `    return ${index} * 2`,
    '```',
    '',
    [sentence(4), sentence(5)].join(' '),
  ].join('\n');
}

export function syntheticItem(index: number, feeds: number): SyntheticItem {
  const feed = feedId(index % feeds);
  const published = new Date(START + index * SPACING_MS).toISOString();
  const stem = `${published.slice(0, 10)}-item-${index}`;
  return {
    id: `${feed}/${stem}`,
    feed,
    frontmatter: {
      title: `Item ${index}: notes on ${TAGS[index % TAGS.length]}`,
      id: `https://${feed}.example/posts/${index}`,
      link: `https://${feed}.example/posts/${index}`,
      source: feed,
      authors: [AUTHORS[index % AUTHORS.length]],
      tags: [TAGS[index % TAGS.length], TAGS[(index * 7 + 3) % TAGS.length]].filter(
        (tag, position, all) => all.indexOf(tag) === position,
      ),
      published,
      firstSeen: published,
      summary: `A synthetic item, number ${index}.`,
      hash: `sha256:${index.toString(16).padStart(8, '0')}`,
    },
    body: body(index),
  };
}

export function itemText(item: SyntheticItem): string {
  return renderItemFile({ frontmatter: item.frontmatter, body: item.body });
}

/** Writes `count` items over `feeds` feeds, with a state file each, under `dir`/items and `dir`/state. */
export async function writeSyntheticArchive(dir: string, count: number, feeds: number): Promise<SyntheticItem[]> {
  const items = Array.from({ length: count }, (_, index) => syntheticItem(index, feeds));
  for (let feed = 0; feed < feeds; feed++) {
    await mkdir(join(dir, 'items', feedId(feed)), { recursive: true });
  }
  await mkdir(join(dir, 'state'), { recursive: true });
  for (let feed = 0; feed < feeds; feed++) {
    const state = { id: feedId(feed), url: `https://${feedId(feed)}.example/feed.xml`, title: `Feed ${feed}` };
    await writeFile(join(dir, 'state', `${feedId(feed)}.json`), `${JSON.stringify(state, null, 2)}\n`);
  }
  for (const item of items) await writeFile(join(dir, 'items', `${item.id}.md`), itemText(item));
  return items;
}
