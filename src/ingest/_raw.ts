/**
 * Small readers over the loosely shaped objects xml2js produces
 * (`string`, `{ _: text, $: attributes }`, arrays of either). Pure.
 */

export type Raw = unknown;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Text content of an xml2js value, or undefined. */
export function rawText(value: Raw): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return rawText(value[0]);
  if (isRecord(value) && typeof value._ === 'string') return value._;
  return undefined;
}

/** An attribute of an xml2js element value. */
export function rawAttr(value: Raw, name: string): string | undefined {
  const element = Array.isArray(value) ? value[0] : value;
  if (!isRecord(element) || !isRecord(element.$)) return undefined;
  const attribute = element.$[name];
  return typeof attribute === 'string' ? attribute : undefined;
}

/** A child element list of an xml2js element value. */
export function rawChildren(value: Raw, name: string): Raw[] {
  const element = Array.isArray(value) ? value[0] : value;
  if (!isRecord(element)) return [];
  const child = element[name];
  return Array.isArray(child) ? child : child === undefined ? [] : [child];
}

/** A value as a list. */
export function rawList(value: Raw): Raw[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Trimmed non-empty string, or undefined. */
export function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** Resolve a URL reference against a base; undefined when it cannot be resolved. */
export function resolveUrl(reference: string | undefined, base: string | undefined): string | undefined {
  const trimmed = nonEmpty(reference);
  if (!trimmed) return undefined;
  try {
    return new URL(trimmed, base).href;
  } catch {
    return base === undefined ? undefined : resolveUrl(trimmed, undefined);
  }
}

/** Only http(s) URLs survive. */
export function httpUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  return /^https?:\/\//i.test(value) ? value : undefined;
}

/**
 * What relative references in a feed resolve against: the URL it was fetched from. A feed read
 * from a local file has none (its path is the snapshot machine's); the feed's own link to its
 * site stands in, so no file: URL and no path reaches an item's identity or links.
 */
export function referenceBase(feedUrl: string): string | undefined {
  return httpUrl(feedUrl);
}
