/**
 * The catalogue of the site's own text: every language has every message of
 * English with the same placeholders, a form for each plural category its
 * language has, the language chosen from the site's tag, and dates, numbers
 * and directions written for it.
 */
import { describe, expect, it } from 'vitest';
import { fill, type Plural, placeholders, pluralForm, segments } from '#src/i18n/format.ts';
import { CATALOGUES, languageOf, translatorFor } from '#src/i18n/index.ts';
import { formatDate, formatMonth } from '#src/site/dates.ts';
import { itemLangAttributes } from '#src/site/lang.ts';
import { enclosureViews, formatBytes, formatDuration } from '#src/site/media.ts';

type Leaf = { path: string; message: string | Plural };

function isPlural(value: unknown): value is Plural {
  return typeof value === 'object' && value !== null && typeof (value as Plural).other === 'string';
}

/** Every message by its path ("layout.home"), a plural's forms as one leaf. */
function leaves(messages: object, prefix = ''): Leaf[] {
  return Object.entries(messages).flatMap(([key, value]): Leaf[] => {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string' || isPlural(value)) return [{ path, message: value }];
    return leaves(value as object, path);
  });
}

const used = (message: string | Plural): string[] =>
  [...new Set((typeof message === 'string' ? [message] : Object.values(message)).flatMap(placeholders))].sort();

const english = leaves(CATALOGUES.en);

describe('the catalogue', () => {
  it('ships English, German and Arabic', () => {
    expect(Object.keys(CATALOGUES).sort()).toEqual(['ar', 'de', 'en']);
    expect(english.length).toBeGreaterThan(150);
  });

  for (const [language, messages] of Object.entries(CATALOGUES)) {
    describe(language, () => {
      const own = leaves(messages);

      it('has every message of English, and no other, each a text where English has text', () => {
        expect(own.map((leaf) => leaf.path)).toEqual(english.map((leaf) => leaf.path));
        for (const [index, leaf] of own.entries()) {
          expect(typeof leaf.message, leaf.path).toBe(typeof english[index]?.message);
          expect(isPlural(leaf.message), leaf.path).toBe(isPlural(english[index]?.message));
        }
      });

      it('fills the placeholders English fills (a text all of them, plural forms none other)', () => {
        for (const [index, leaf] of own.entries()) {
          const wanted = used(english[index]?.message ?? '');
          if (typeof leaf.message === 'string') expect(used(leaf.message), leaf.path).toEqual(wanted);
          else expect(wanted, leaf.path).toEqual(expect.arrayContaining(used(leaf.message)));
        }
      });

      it('writes a form for every plural category of the language, and only those', () => {
        const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
        for (const leaf of own) {
          if (!isPlural(leaf.message)) continue;
          expect(Object.keys(leaf.message).sort(), leaf.path).toEqual([...categories].sort());
        }
      });
    });
  }
});

describe('plural forms', () => {
  const results = (lang: string, count: number) =>
    translatorFor(lang).count(CATALOGUES[languageOf(lang)].search.results, count);

  it('in English: one, other', () => {
    expect([0, 1, 2, 1234].map((n) => results('en', n))).toEqual([
      '0 results',
      '1 result',
      '2 results',
      '1,234 results',
    ]);
  });

  it('in German: one, other, with German digit grouping', () => {
    expect([0, 1, 2, 1234].map((n) => results('de', n))).toEqual([
      '0 Ergebnisse',
      '1 Ergebnis',
      '2 Ergebnisse',
      '1.234 Ergebnisse',
    ]);
  });

  it('in Arabic: zero, one, two, few, many and other', () => {
    const forms = CATALOGUES.ar.stats.items;
    expect([0, 1, 2, 3, 11, 100].map((n) => pluralForm(forms, n, 'ar'))).toEqual([
      forms.zero,
      forms.one,
      forms.two,
      forms.few,
      forms.many,
      forms.other,
    ]);
    expect([0, 1, 2, 3, 11, 100, 102].map((n) => results('ar', n))).toEqual([
      'لا نتائج',
      'نتيجة واحدة',
      'نتيجتان',
      '3 نتائج',
      '11 نتيجة',
      '100 نتيجة',
      '102 نتيجة',
    ]);
    expect(translatorFor('ar').count(CATALOGUES.ar.item.readingTime, 5)).toBe('قراءة 5 دقائق');
  });

  it('fall back to the form `other` when the language’s own form is missing', () => {
    expect(pluralForm({ other: '{count} things' }, 1, 'en')).toBe('{count} things');
  });
});

describe('choosing the language from the site’s tag', () => {
  it('takes the language subtag, in any case, region or script', () => {
    expect(languageOf('de')).toBe('de');
    expect(languageOf('de-AT')).toBe('de');
    expect(languageOf('DE-ch')).toBe('de');
    expect(languageOf('ar-EG')).toBe('ar');
    expect(languageOf('ar-Arab-SA')).toBe('ar');
    expect(languageOf('en-GB')).toBe('en');
  });

  it('falls back to English for a language with no catalogue, or a tag that is no tag', () => {
    expect(languageOf('fr')).toBe('en');
    expect(languageOf('zh-Hant-TW')).toBe('en');
    expect(languageOf('not a tag')).toBe('en');
    expect(translatorFor('fr').messages.layout.home).toBe('Home');
  });

  it('gives the words of the language, and writes dates for the tag as written', () => {
    const austrian = translatorFor('de-AT');
    expect(austrian.messages.layout.archive).toBe('Archiv');
    expect(austrian.lang).toBe('de-AT');
    expect(austrian.month('2026/01')).toBe('Jänner 2026');
    expect(translatorFor('de').month('2026/01')).toBe('Januar 2026');
  });
});

describe('dates and numbers through Intl, in UTC', () => {
  // 23:30 UTC: a machine east of Greenwich would call it the 3rd.
  const date = new Date('2026-03-02T23:30:00.000Z');

  it('in English, German and Arabic', () => {
    expect(formatDate(date, 'en')).toBe('Mar 2, 2026');
    expect(formatDate(date, 'de')).toBe('02.03.2026');
    expect(formatDate(date, 'ar')).toBe('02\u200f/03\u200f/2026');
    expect(translatorFor('de').date(date)).toBe('02.03.2026');
    expect(formatMonth('2026/03', 'de')).toBe('März 2026');
    expect(formatMonth('2026/03', 'ar')).toBe('مارس 2026');
  });

  it('fills numbers written for the language', () => {
    expect(fill('{count} of {total}', { count: 1234, total: 'all' }, 'de')).toBe('1.234 of all');
    expect(translatorFor('en').number(1234567)).toBe('1,234,567');
  });
});

describe('messages cut around their placeholders', () => {
  it('keeps the text between them and names each', () => {
    expect(segments(CATALOGUES.de.item.published)).toEqual([{ text: 'Veröffentlicht am ' }, { slot: 'date' }]);
    expect(segments('{a}, then {b}.')).toEqual([{ slot: 'a' }, { text: ', then ' }, { slot: 'b' }, { text: '.' }]);
  });
});

describe('text direction', () => {
  it('is right to left for Arabic (and Hebrew, Persian, Urdu), else left to right', () => {
    expect(translatorFor('ar').dir).toBe('rtl');
    expect(['he', 'fa', 'ur', 'ar-EG'].map((tag) => translatorFor(tag).dir)).toEqual(['rtl', 'rtl', 'rtl', 'rtl']);
    expect(['en', 'de-AT', 'fr'].map((tag) => translatorFor(tag).dir)).toEqual(['ltr', 'ltr', 'ltr']);
  });

  it('marks an item in another language than an Arabic site’s with its own lang and dir', () => {
    expect(itemLangAttributes('en', 'ar')).toEqual({ lang: 'en', dir: 'ltr' });
    expect(itemLangAttributes('ar-EG', 'ar')).toEqual({});
    expect(itemLangAttributes('de', 'en')).toEqual({ lang: 'de' });
  });
});

describe('file kinds, sizes and running times', () => {
  const files = [
    { url: 'https://media.example/12.mp3', type: 'audio/mpeg', length: 59_600_000 },
    { url: 'https://media.example/notes.pdf', type: 'application/pdf', length: 120_000 },
    { url: 'https://media.example/raw.xyz' },
  ];
  const labels = (lang: string) => enclosureViews(files, translatorFor(lang)).map((file) => file.label);

  it('in English, as before', () => {
    expect(labels('en')).toEqual(['MP3 audio, 59.6 MB', 'PDF, 120 kB', 'XYZ file']);
    expect(enclosureViews(files).map((file) => file.label)).toEqual(labels('en'));
    expect([3720, 3600, 3540, 45].map((seconds) => formatDuration(seconds))).toEqual([
      '1 h 2 min',
      '1 h',
      '59 min',
      '45 s',
    ]);
    expect(formatBytes(512)).toBe('512 bytes');
  });

  it('in German and Arabic, with the language’s decimal sign', () => {
    expect(labels('de')).toEqual(['MP3-Audio, 59,6 MB', 'PDF, 120 kB', 'XYZ-Datei']);
    expect(formatDuration(3720, translatorFor('de'))).toBe('1 Std. 2 Min.');
    expect(labels('ar')).toEqual(['صوت MP3، 59.6 MB', 'PDF، 120 kB', 'ملف XYZ']);
    expect(formatDuration(45, translatorFor('ar'))).toBe('45 ث');
  });
});
