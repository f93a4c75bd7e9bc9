/** Date formatting in UTC, so a build gives the same text on any machine. */

export function isoDate(date: Date): string {
  return date.toISOString();
}

export function formatDate(date: Date, lang: string): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/** "2026/03" -> "March 2026". */
export function formatMonth(key: string, lang: string): string {
  const [year, month] = key.split('/').map(Number);
  const date = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, 1));
  return new Intl.DateTimeFormat(lang, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}
