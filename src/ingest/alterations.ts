/**
 * What the snapshot removed or rewrote of what a publisher wrote, for safety
 * or format: an element dropped, a URL refused, an encoding guessed, a date
 * it could not read. Nothing is altered silently: each alteration is recorded
 * where it happens, summed per item by the converter and per feed for the
 * report. Pure.
 */

/** The classes of alteration, in the order reports list them. */
export const ALTERATION_KINDS = [
  /** The feed declared no usable charset and its bytes are not UTF-8: read in a guessed encoding. */
  'encoding-guessed',
  /** The feed's date could not be read (or lies in the future): the date the archive first saw the item is used. */
  'date-unparsed',
  /** An element that could run script, load foreign content or is not part of an article (script, style, form, object, svg…). */
  'element-removed',
  /** An embedded frame from a host that is not an allowed video player. */
  'embed-removed',
  /** A link or image URL with a scheme other than http(s) or mailto, or one that does not resolve. */
  'url-refused',
  /** A tracking pixel, a share button strip or an emoji image: kept as its text, if any. */
  'tracking-removed',
  /** An author given only as an e-mail address: not published. */
  'address-hidden',
] as const;

export type AlterationKind = (typeof ALTERATION_KINDS)[number];

export interface Alteration {
  kind: AlterationKind;
  /** One short line: what was altered (`<script>`, `javascript:alert(1)`, `windows-1252`). */
  detail: string;
}

/** How many alterations of each kind, and the first few, of one item or one feed. */
export interface AlterationSummary {
  total: number;
  byKind: Partial<Record<AlterationKind, number>>;
  /** The first alterations in document order, at most FIRST_KEPT. */
  first: Alteration[];
}

/** Alterations listed by detail in a summary; the rest are only counted. */
export const FIRST_KEPT = 3;
const DETAIL_MAX = 120;

function shortDetail(detail: string): string {
  const line = detail.replace(/\s+/g, ' ').trim();
  return line.length > DETAIL_MAX ? `${line.slice(0, DETAIL_MAX - 1)}…` : line;
}

/** Records alterations as they happen; cheap enough to pass through every step of a conversion. */
export class AlterationLog {
  readonly #byKind = new Map<AlterationKind, number>();
  readonly #first: Alteration[] = [];
  #total = 0;

  add(kind: AlterationKind, detail: string): void {
    this.#total++;
    this.#byKind.set(kind, (this.#byKind.get(kind) ?? 0) + 1);
    if (this.#first.length < FIRST_KEPT) this.#first.push({ kind, detail: shortDetail(detail) });
  }

  /** Add another summary's counts (and its first alterations, while there is room). */
  merge(summary: AlterationSummary): void {
    this.#total += summary.total;
    for (const kind of ALTERATION_KINDS) {
      const count = summary.byKind[kind];
      if (count) this.#byKind.set(kind, (this.#byKind.get(kind) ?? 0) + count);
    }
    for (const alteration of summary.first) {
      if (this.#first.length >= FIRST_KEPT) break;
      this.#first.push(alteration);
    }
  }

  get total(): number {
    return this.#total;
  }

  /** The summary, kinds in ALTERATION_KINDS order; undefined when nothing was altered. */
  summary(): AlterationSummary | undefined {
    if (this.#total === 0) return undefined;
    const byKind: AlterationSummary['byKind'] = {};
    for (const kind of ALTERATION_KINDS) {
      const count = this.#byKind.get(kind);
      if (count) byKind[kind] = count;
    }
    return { total: this.#total, byKind, first: [...this.#first] };
  }
}

/** `3 elements removed, 1 URL refused`: a summary's counts in words. */
export function describeCounts(byKind: AlterationSummary['byKind']): string {
  const words: Record<AlterationKind, [string, string]> = {
    'encoding-guessed': ['encoding guessed', 'encodings guessed'],
    'date-unparsed': ['date unread', 'dates unread'],
    'element-removed': ['element removed', 'elements removed'],
    'embed-removed': ['embed removed', 'embeds removed'],
    'url-refused': ['URL refused', 'URLs refused'],
    'tracking-removed': ['tracker removed', 'trackers removed'],
    'address-hidden': ['address hidden', 'addresses hidden'],
  };
  return ALTERATION_KINDS.filter((kind) => byKind[kind])
    .map((kind) => {
      const count = byKind[kind] ?? 0;
      return `${count} ${words[kind][count === 1 ? 0 : 1]}`;
    })
    .join(', ');
}

/** Altered items a feed's report names; the rest are only counted. */
export const EXAMPLES_KEPT = 5;

/** One feed's alterations as its report gives them (the shape of FeedAlterationsSchema). */
export interface FeedAlterationsReport {
  total: number;
  items: number;
  byKind: Partial<Record<AlterationKind, number>>;
  feed: Alteration[];
  examples: { link?: string; title?: string; total: number; first: Alteration[] }[];
}

/** Sums one feed's alterations: of the feed itself, and of each item written. */
export class FeedAlterationLog {
  readonly #all = new AlterationLog();
  readonly #feed: Alteration[] = [];
  readonly #examples: FeedAlterationsReport['examples'] = [];
  #items = 0;

  /** An alteration of the feed as a whole (its encoding). */
  addFeed(kind: AlterationKind, detail: string): void {
    this.#all.add(kind, detail);
    if (this.#feed.length < FIRST_KEPT) this.#feed.push({ kind, detail: shortDetail(detail) });
  }

  /** An item's alterations, named by its link and title. */
  addItem(subject: { link?: string; title?: string }, summary: AlterationSummary | undefined): void {
    if (!summary) return;
    this.#items++;
    this.#all.merge(summary);
    if (this.#examples.length < EXAMPLES_KEPT) {
      this.#examples.push({ ...subject, total: summary.total, first: summary.first });
    }
  }

  /** The report, or undefined when nothing was altered. */
  report(): FeedAlterationsReport | undefined {
    const all = this.#all.summary();
    if (!all) return undefined;
    return { total: all.total, items: this.#items, byKind: all.byKind, feed: this.#feed, examples: this.#examples };
  }
}
