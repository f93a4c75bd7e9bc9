/**
 * Date formatting with Intl in the site's language, always in UTC, so a build
 * gives the same text on any machine: "Mar 2, 2026" (en), "02.03.2026" (de).
 */

export function isoDate(date: Date): string {
  return date.toISOString();
}

/** The UTC day of `date`, "2026-03-02": a `<time>` whose text shows the day only says no more. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const monthFormats = new Map<string, Intl.DateTimeFormat>();

/** One formatter per language: creating an `Intl.DateTimeFormat` costs far more than using one. */
export function formatDate(date: Date, lang: string): string {
  let format = dateFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' });
    dateFormats.set(lang, format);
  }
  return format.format(date);
}

/** "2026/03" -> "March 2026" (en), "März 2026" (de). */
export function formatMonth(key: string, lang: string): string {
  const [year, month] = key.split('/').map(Number);
  const date = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, 1));
  let format = monthFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(lang, { month: 'long', year: 'numeric', timeZone: 'UTC' });
    monthFormats.set(lang, format);
  }
  return format.format(date);
}
