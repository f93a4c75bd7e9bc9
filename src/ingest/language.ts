/**
 * Language tags from what feeds write: RSS `<language>` (`en-us`, `pt_BR`,
 * sometimes `English`), `dc:language`, Atom `xml:lang`, JSON Feed `language`.
 * A tag is canonicalised by Intl (`en-US`, `zh-Hant-TW`); anything that is not
 * a well-formed BCP 47 tag is no language. Pure.
 */

/** The canonical BCP 47 form of a feed's language value, or undefined. */
export function languageTag(value: string | undefined): string | undefined {
  const text = value?.trim().replace(/_/g, '-');
  if (!text || !/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/.test(text)) return undefined;
  try {
    const [tag] = Intl.getCanonicalLocales(text);
    return tag;
  } catch {
    return undefined;
  }
}
