/**
 * An archived item file: `---\n<yaml>---\n\n<body>\n`. YAML comes from the
 * `yaml` library, never from string templates; strings that YAML 1.1 readers
 * would take for dates, numbers or booleans are quoted, and nothing is folded,
 * so every value round-trips byte for byte. Pure.
 */
import { parse, stringify, type Tags } from 'yaml';
import type { ConvertedItem } from '#src/ingest/types.ts';

const YAML_OPTIONS = {
  // 1.1 quoting is the stricter one: `yes`, `on`, `1:20` and timestamps stay strings for any reader.
  version: '1.1',
  lineWidth: 0,
  minContentWidth: 0,
  doubleQuotedMinMultiLineLength: Number.MAX_SAFE_INTEGER,
} as const;

/** Serialise an item; keys keep the order of `item.frontmatter`, undefined values are left out. */
export function renderItemFile(item: ConvertedItem): string {
  const frontmatter: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item.frontmatter)) {
    if (value !== undefined) frontmatter[key] = value;
  }
  const yaml = stringify(frontmatter, YAML_OPTIONS);
  const body = item.body.replace(/\s+$/, '');
  return `---\n${yaml}---\n\n${body}\n`;
}

/**
 * Timestamps stay strings: the yaml library would turn `2026-02-30` into 2 March, so an impossible
 * date would pass unseen. The schema (ArchiveDateSchema) reads them and refuses what is not a date.
 */
const PARSE_OPTIONS = {
  version: '1.1',
  customTags: (tags: Tags) => tags.filter((tag) => typeof tag === 'string' || tag.tag !== TIMESTAMP_TAG),
} as const;
const TIMESTAMP_TAG = 'tag:yaml.org,2002:timestamp';

/** Split an item file back into its frontmatter (unvalidated) and its Markdown body. */
export function parseItemFile(text: string): { frontmatter: unknown; body: string } {
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const match = /^---\n([\s\S]*?\n)?---(?:\n|$)/.exec(normalised);
  if (!match) return { frontmatter: undefined, body: normalised };
  const frontmatter: unknown = parse(match[1] ?? '', PARSE_OPTIONS);
  const body = normalised.slice(match[0].length).replace(/^\n/, '').replace(/\n$/, '');
  return { frontmatter, body };
}
