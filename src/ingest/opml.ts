/**
 * OPML in: the subscription lists feed readers exchange. Pure. Reads every
 * outline with an `xmlUrl` (nested folders included). The writer, which the
 * site shares, is src/util/opml.ts.
 */

import { z } from 'astro/zod';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { OpmlError } from './errors.ts';

/** One subscription from an OPML file. */
export interface OpmlFeed {
  url: string;
  title?: string;
  /** Folder names and `category` values the outline sits under. */
  tags: string[];
}

const OutlineSchema = z.looseObject({
  xmlUrl: z.string().optional(),
  title: z.string().optional(),
  text: z.string().optional(),
  category: z.string().optional(),
  get outline() {
    return z.array(OutlineSchema).optional();
  },
});
type Outline = z.output<typeof OutlineSchema>;

const OpmlSchema = z.looseObject({
  opml: z.looseObject({
    body: z.looseObject({ outline: z.array(OutlineSchema).optional() }),
  }),
});

function categoryTags(category: string | undefined): string[] {
  if (!category) return [];
  return category
    .split(',')
    .map(
      (part) =>
        part
          .trim()
          .replace(/^\/+|\/+$/g, '')
          .split('/')
          .pop() ?? '',
    )
    .filter(Boolean);
}

function collect(outlines: readonly Outline[], folders: readonly string[], out: OpmlFeed[]): void {
  for (const outline of outlines) {
    const title = (outline.title ?? outline.text)?.trim() || undefined;
    const url = outline.xmlUrl?.trim();
    if (url) {
      const tags = [...new Set([...folders, ...categoryTags(outline.category)])];
      out.push({ url, ...(title ? { title } : {}), tags });
    }
    if (outline.outline) collect(outline.outline, url || !title ? folders : [...folders, title], out);
  }
}

/** Every feed in an OPML document, in document order; `file` names it in errors. */
export function parseOpml(text: string, file: string): OpmlFeed[] {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new OpmlError(`${file} is not well-formed XML (line ${valid.err.line}); export the OPML again or fix it.`);
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    processEntities: true,
    htmlEntities: true,
    isArray: (name) => name === 'outline',
  });
  const result = OpmlSchema.safeParse(parser.parse(text));
  if (!result.success)
    throw new OpmlError(`${file} is not an OPML file (no <opml><body>); export it again from the reader.`);
  const feeds: OpmlFeed[] = [];
  collect(result.data.opml.body.outline ?? [], [], feeds);
  return feeds;
}
