/**
 * The catalogue of the site's own text: one module per language (en.ts, the
 * shape every other copies; de.ts; ar.ts), the language chosen from the site's
 * `lang` tag, and a translator that fills messages, picks plural forms and
 * writes dates and numbers with Intl. Pure.
 *
 * `lang: de-AT` chooses German (the tag's language subtag); a language with no
 * catalogue falls back to English for the words, while dates and numbers still
 * follow the tag, Intl knowing far more languages than the catalogue.
 */
import { formatDate, formatMonth } from '#src/site/dates.ts';
import { textDirection } from '#src/site/lang.ts';
import { ar } from './ar.ts';
import { de } from './de.ts';
import { en, type Messages } from './en.ts';
import { fill, fillPlural, formatNumber, type Plural, type Values } from './format.ts';

export type { Messages } from './en.ts';
export type { Plural, Values } from './format.ts';

/** Every language shipped, by its language subtag. */
export const CATALOGUES = { en, de, ar } as const satisfies Record<string, Messages>;
export type Language = keyof typeof CATALOGUES;

/** The language whose catalogue is used when the site's has none. */
export const FALLBACK_LANGUAGE: Language = 'en';

function isLanguage(code: string): code is Language {
  return Object.hasOwn(CATALOGUES, code);
}

/** The catalogue's language for a BCP 47 tag: `de-AT` -> `de`, `ar-EG` -> `ar`, anything else -> `en`. */
export function languageOf(tag: string): Language {
  let code: string;
  try {
    code = new Intl.Locale(tag).language;
  } catch {
    code = tag.split(/[-_]/)[0]?.toLowerCase() ?? '';
  }
  return isLanguage(code) ? code : FALLBACK_LANGUAGE;
}

export interface Translator {
  /** The site's tag as written, for `<html lang>` and Intl's dates and numbers. */
  lang: string;
  /** The catalogue the words come from. */
  language: Language;
  /** The direction of the site's text. */
  dir: 'ltr' | 'rtl';
  messages: Messages;
  /** A message with its `{name}` placeholders filled. */
  text(message: string, values?: Values): string;
  /** The plural form for `count`, filled (`{count}` and any other values). */
  count(forms: Plural, count: number, values?: Values): string;
  number(value: number): string;
  /** "Mar 2, 2026", "02.03.2026": a date in UTC, the same on every machine. */
  date(date: Date): string;
  /** "2026/03" -> "March 2026", "März 2026". */
  month(key: string): string;
}

function readable(tag: string): boolean {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([tag]).length > 0;
  } catch {
    return false;
  }
}

const translators = new Map<string, Translator>();

/** The translator for a site whose `lang` is `tag`; one per tag. */
export function translatorFor(tag: string): Translator {
  const known = translators.get(tag);
  if (known) return known;
  const language = languageOf(tag);
  // A tag Intl cannot read formats as the catalogue's language.
  const locale = readable(tag) ? tag : language;
  const translator: Translator = {
    lang: tag,
    language,
    dir: textDirection(tag),
    messages: CATALOGUES[language],
    text: (message, values = {}) => fill(message, values, locale),
    count: (forms, count, values = {}) => fillPlural(forms, count, values, language, locale),
    number: (value) => formatNumber(value, locale),
    date: (date) => formatDate(date, locale),
    month: (key) => formatMonth(key, locale),
  };
  translators.set(tag, translator);
  return translator;
}
