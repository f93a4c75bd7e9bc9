/**
 * The OPML 2.0 writer both halves use: `npm run feeds -- export` prints the
 * config's feeds with it, and the site writes `sources.opml` with it. Pure and
 * deterministic (no dateCreated). The reader lives with the snapshot, which
 * alone imports subscription lists (src/ingest/opml.ts).
 */
import { XMLBuilder } from 'fast-xml-parser';

/** A feed to write into OPML. */
export interface OpmlOutput {
  url: string;
  title: string;
  tags?: string[];
  siteUrl?: string;
}

/** An OPML 2.0 document listing `feeds`, in the order given. */
export function renderOpml(title: string, feeds: readonly OpmlOutput[]): string {
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    format: true,
    indentBy: '  ',
    suppressEmptyNode: true,
  });
  const outline = feeds.map((feed) => ({
    '@_type': 'rss',
    '@_text': feed.title,
    '@_title': feed.title,
    '@_xmlUrl': feed.url,
    ...(feed.siteUrl ? { '@_htmlUrl': feed.siteUrl } : {}),
    ...(feed.tags && feed.tags.length > 0 ? { '@_category': feed.tags.join(',') } : {}),
  }));
  const xml = builder.build({ opml: { '@_version': '2.0', head: { title }, body: { outline } } });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${String(xml).trim()}\n`;
}
