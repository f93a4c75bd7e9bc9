/**
 * Filling the catalogue's messages: `{name}` placeholders, plural forms chosen
 * with Intl.PluralRules, and a message cut around its placeholders so a page
 * can put links or dates where the language wants them. Pure and free of Node
 * APIs: the browser scripts use it too.
 */

/** The CLDR plural categories; `other` is the one every language has. */
export type PluralCategory = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';

/** A message per plural category of its language; `{count}` is the number, written for that language. */
export type Plural = Readonly<{ other: string } & Partial<Record<Exclude<PluralCategory, 'other'>, string>>>;

/** Marks a message as plural forms (the type the other languages must match). */
export function plural(forms: Plural): Plural {
  return forms;
}

export type Values = Readonly<Record<string, string | number>>;

const PLACEHOLDER = /\{(\w+)\}/g;

const numberFormats = new Map<string, Intl.NumberFormat>();
const pluralRules = new Map<string, Intl.PluralRules>();

/** A number as the language writes it ("1,234" in English, "1.234" in German). */
export function formatNumber(value: number, lang: string): string {
  let format = numberFormats.get(lang);
  if (!format) {
    format = new Intl.NumberFormat(lang);
    numberFormats.set(lang, format);
  }
  return format.format(value);
}

/** The placeholders' names a message uses, in order. */
export function placeholders(message: string): string[] {
  return [...message.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '');
}

/** The message with each `{name}` replaced by its value (numbers written for `lang`); unknown names stay. */
export function fill(message: string, values: Values, lang: string): string {
  return message.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(value, lang) : value;
  });
}

/** The form of `forms` the language uses for `count` (its `other` when the form is missing). */
export function pluralForm(forms: Plural, count: number, lang: string): string {
  let rules = pluralRules.get(lang);
  if (!rules) {
    rules = new Intl.PluralRules(lang);
    pluralRules.set(lang, rules);
  }
  const category = rules.select(count) as PluralCategory;
  return forms[category] ?? forms.other;
}

/**
 * The plural message for `count`, filled: `{count}` and any other values. The form follows the
 * rules of `lang`, the catalogue's language; numbers are written for `numberLang` (the site's tag).
 */
export function fillPlural(forms: Plural, count: number, values: Values, lang: string, numberLang = lang): string {
  return fill(pluralForm(forms, count, lang), { ...values, count }, numberLang);
}

/** A piece of a message: text, or the name of a placeholder the caller fills with markup. */
export type Segment = { text: string; slot?: undefined } | { slot: string; text?: undefined };

/** The message cut at its placeholders: "Published {date}" -> text "Published ", slot "date". */
export function segments(message: string): Segment[] {
  const parts: Segment[] = [];
  let last = 0;
  for (const match of message.matchAll(PLACEHOLDER)) {
    const index = match.index ?? 0;
    if (index > last) parts.push({ text: message.slice(last, index) });
    parts.push({ slot: match[1] ?? '' });
    last = index + match[0].length;
  }
  if (last < message.length) parts.push({ text: message.slice(last) });
  return parts;
}
