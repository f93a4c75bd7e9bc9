/** Builds archive items for helper tests: only the fields a test names, the rest fixed. */

import type { Item } from '#src/archive/schema.ts';
import type { ArchiveItem } from '#src/site/items.ts';

export function makeItem(id: string, fields: Omit<Partial<Item>, 'published'> & { published: string }): ArchiveItem {
  const published = new Date(fields.published);
  return {
    id,
    digest: `digest-${id}`,
    data: {
      title: fields.title ?? id,
      id: `https://example.org/${id}`,
      source: fields.source ?? id.split('/')[0] ?? 'feed',
      authors: fields.authors ?? [],
      tags: fields.tags ?? [],
      published,
      firstSeen: published,
      summary: '',
      hash: `hash-${id}`,
    },
  };
}

export const ids = (items: readonly ArchiveItem[]): string[] => items.map((item) => item.id);
