/**
 * The language attributes of the publisher's text on a page whose own text is
 * in the site's language: an item in another language has its title, summary
 * and body marked with `lang` (so screen readers speak it and search engines
 * index it right) and `dir="rtl"` when its script runs right to left. The
 * site's own pages take their `<html dir>` from the same `textDirection`. Pure.
 */

/** Scripts written right to left, by the languages feeds use them for (when Intl cannot say). */
const RTL_LANGUAGES = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'ks', 'ku', 'ps', 'sd', 'syr', 'ug', 'ur', 'yi']);

/** What engines without `getTextInfo` (the proposal's first form) expose instead. */
type LocaleInfo = { getTextInfo?: () => { direction?: string }; textInfo?: { direction?: string } };

/** `rtl` or `ltr` for a language tag. */
export function textDirection(tag: string): 'rtl' | 'ltr' {
  try {
    const locale = new Intl.Locale(tag);
    const info = locale as unknown as LocaleInfo;
    const direction = info.getTextInfo?.().direction ?? info.textInfo?.direction;
    if (direction === 'rtl' || direction === 'ltr') return direction;
    return RTL_LANGUAGES.has(locale.language) ? 'rtl' : 'ltr';
  } catch {
    return 'ltr';
  }
}

function primary(tag: string): string {
  return tag.split('-')[0]?.toLowerCase() ?? tag;
}

/**
 * Attributes for an element holding an item's own text: none when the item's language is the
 * site's (or unknown), else `lang`, and `dir` when its direction differs from the site's.
 */
export function itemLangAttributes(itemLang: string | undefined, siteLang: string): { lang?: string; dir?: string } {
  if (!itemLang || primary(itemLang) === primary(siteLang)) return {};
  const direction = textDirection(itemLang);
  return direction === textDirection(siteLang) ? { lang: itemLang } : { lang: itemLang, dir: direction };
}
