/**
 * Feed dates to instants, in the forms feeds are written in. Pure and table
 * driven; there is no `Date.parse` fallback, so what is accepted is exactly:
 *
 * - ISO 8601 / RFC 3339 / W3CDTF: `2023-04-03`, `2023-04`, `2023`,
 *   `2023-04-03T10:00`, with seconds and a fraction or not, `T` or spaces
 *   between date and time, the basic form `20230403T100000Z`, and year-first
 *   `2023/04/03` or `2023.04.03`.
 * - RFC 822 / 2822 / 5322 and their relatives in other languages:
 *   `[day name] D month Y [time] [zone]` (`Seg, 24 Set 2018 19:22:00 -0300`,
 *   `lun., 3 avril 2023`), `month D Y` (`April 3rd, 2023 10:00 PM`), year first
 *   (`2023. április 3.`), and the C and JavaScript forms with the year after the
 *   time (`Mon Apr  3 10:00:00 UTC 2023`, `Mon Apr 03 2023 10:00:00 GMT+0200`).
 *   A month is named in English, Portuguese, Spanish, French, German, Italian,
 *   Dutch, Swedish, Danish, Norwegian, Polish, Czech, Russian, Turkish, Greek,
 *   Romanian, Hungarian or Catalan (full, genitive, listed abbreviation, or any
 *   prefix of three letters or more that names one month in all of them); the
 *   day name, if any, is one of those languages' (or a prefix of one) and is
 *   not checked against the date. Ordinal suffixes, `de`/`of`-style words,
 *   accents, case, commas and extra whitespace do not matter. Two-digit and
 *   three-digit years are read as RFC 5322 says (`18` is 2018, `99` is 1999).
 * - Zones: `Z`, `UT`, `UTC`, `GMT`, the US names of RFC 822 (EST … PDT), a few
 *   unambiguous others (CET, JST…), numeric offsets written `+hh:mm`, `+hhmm`,
 *   `+hh`, `+h` or `+hh:0`, `GMT+2`, an offset followed by a redundant name or
 *   `Z` (the offset counts). RFC 822's military letters had their signs
 *   inverted, so, as RFC 5322 (4.3) says, they are read as UTC.
 *
 * A date with no zone is UTC. Anything else, numeric day-month orders
 * (`03/04/2023` could be March or April) and impossible dates included, is
 * not read.
 */

/** Per language, the twelve months (` | ` between months): full name, genitive, abbreviations. */
const MONTHS: Readonly<Record<string, string>> = {
  en: 'january jan | february feb | march mar | april apr | may | june jun | july jul | august aug | september sep sept | october oct | november nov | december dec',
  pt: 'janeiro jan | fevereiro fev | março mar | abril abr | maio mai | junho jun | julho jul | agosto ago | setembro set | outubro out | novembro nov | dezembro dez',
  es: 'enero ene | febrero feb | marzo mar | abril abr | mayo may | junio jun | julio jul | agosto ago | septiembre setiembre sep sept set | octubre oct | noviembre nov | diciembre dic',
  fr: 'janvier janv | février févr fév | mars | avril avr | mai | juin | juillet juil | août | septembre sept | octobre oct | novembre nov | décembre déc',
  de: 'januar jänner jan jän | februar feber feb | märz mär mrz | april apr | mai | juni jun | juli jul | august aug | september sep sept | oktober okt | november nov | dezember dez',
  it: 'gennaio gen | febbraio feb | marzo mar | aprile apr | maggio mag | giugno giu | luglio lug | agosto ago | settembre set | ottobre ott | novembre nov | dicembre dic',
  nl: 'januari jan | februari feb | maart mrt mar | april apr | mei | juni jun | juli jul | augustus aug | september sep sept | oktober okt | november nov | december dec',
  sv: 'januari jan | februari feb | mars mar | april apr | maj | juni jun | juli jul | augusti aug | september sep | oktober okt | november nov | december dec',
  da: 'januar jan | februar feb | marts mar | april apr | maj | juni jun | juli jul | august aug | september sep | oktober okt | november nov | december dec',
  no: 'januar jan | februar feb | mars mar | april apr | mai | juni jun | juli jul | august aug | september sep | oktober okt | november nov | desember des',
  pl: 'styczeń stycznia sty | luty lutego lut | marzec marca mar | kwiecień kwietnia kwi | maj maja | czerwiec czerwca cze | lipiec lipca lip | sierpień sierpnia sie | wrzesień września wrz | październik października paź | listopad listopada lis | grudzień grudnia gru',
  cs: 'leden ledna led | únor února úno | březen března bře | duben dubna dub | květen května kvě | červen června čvn | červenec července čvc | srpen srpna srp | září zář | říjen října říj | listopad listopadu lis | prosinec prosince pro',
  ru: 'январь января янв | февраль февраля фев февр | март марта мар | апрель апреля апр | май мая | июнь июня июн | июль июля июл | август августа авг | сентябрь сентября сен сент | октябрь октября окт | ноябрь ноября ноя нояб | декабрь декабря дек',
  tr: 'ocak oca | şubat şub | mart mar | nisan nis | mayıs may | haziran haz | temmuz tem | ağustos ağu | eylül eyl | ekim eki | kasım kas | aralık ara',
  el: 'ιανουάριος ιανουαρίου ιαν | φεβρουάριος φεβρουαρίου φεβ | μάρτιος μαρτίου μαρ | απρίλιος απριλίου απρ | μάιος μαΐου μαΐ | ιούνιος ιουνίου ιουν | ιούλιος ιουλίου ιουλ | αύγουστος αυγούστου αυγ | σεπτέμβριος σεπτεμβρίου σεπ σεπτ | οκτώβριος οκτωβρίου οκτ | νοέμβριος νοεμβρίου νοε | δεκέμβριος δεκεμβρίου δεκ',
  ro: 'ianuarie ian | februarie feb | martie mar | aprilie apr | mai | iunie iun | iulie iul | august aug | septembrie sep sept | octombrie oct | noiembrie noi nov | decembrie dec',
  hu: 'január jan | február febr feb | március márc már | április ápr | május máj | június jún | július júl | augusztus aug | szeptember szept szep | október okt | november nov | december dec',
  ca: 'gener gen | febrer febr feb | març mar | abril abr | maig | juny jun | juliol jul | agost ag ago | setembre set | octubre oct | novembre nov | desembre des',
};

const DAYS: Readonly<Record<string, string>> = {
  en: 'monday tuesday tues wednesday thursday thur thurs friday saturday sunday',
  pt: 'segunda terça quarta quinta sexta sábado domingo feira',
  es: 'lunes martes miércoles jueves viernes sábado domingo',
  fr: 'lundi mardi mercredi jeudi vendredi samedi dimanche',
  de: 'montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag',
  it: 'lunedì martedì mercoledì giovedì venerdì sabato domenica',
  nl: 'maandag dinsdag woensdag donderdag vrijdag zaterdag zondag',
  sv: 'måndag tisdag onsdag torsdag fredag lördag söndag',
  da: 'mandag tirsdag onsdag torsdag fredag lørdag søndag',
  pl: 'poniedziałek pon pn wtorek wt środa śr czwartek czw cz piątek pt sobota sob sb niedziela niedz nd',
  cs: 'pondělí po úterý út středa st čtvrtek čt pátek pá sobota so neděle ne',
  ru: 'понедельник пн вторник вт среда ср четверг чт пятница пт суббота сб воскресенье вс',
  tr: 'pazartesi pzt salı sal çarşamba çar perşembe per cuma cum cumartesi cmt pazar paz',
  el: 'δευτέρα δευ τρίτη τρι τετάρτη τετ πέμπτη πεμ παρασκευή παρ σάββατο σαβ κυριακή κυρ',
  ro: 'luni marți miercuri joi vineri sâmbătă duminică',
  hu: 'hétfő kedd szerda csütörtök péntek szombat vasárnap',
  ca: 'dilluns dl dimarts dt dimecres dc dijous dj divendres dv dissabte ds diumenge dg',
};

/** Words between the parts of a written date (`3 de abril de 2023`, `le 3 avril`, `am 3. April`). */
const FILLERS: ReadonlySet<string> = new Set(
  'de del di d of the at a as am um le el den der en kl klo om alle ore o r roku г года'.split(' '),
);
/** Words that may follow a time (`10:00 Uhr`, `10:00 h`). */
const TIME_WORDS = new Set(['uhr', 'h', 'hs', 'horas', 'hrs']);

/** Offsets of zone names, in minutes east of UTC; names that mean two different zones (IST, BST) are left out. */
const ZONES: ReadonlyMap<string, number> = new Map(
  'z=0 ut=0 utc=0 gmt=0 est=-300 edt=-240 cst=-360 cdt=-300 mst=-420 mdt=-360 pst=-480 pdt=-420 wet=0 west=60 cet=60 cest=120 eet=120 eest=180 msk=180 jst=540 kst=540 hkt=480 sgt=480 aest=600 aedt=660 nzst=720 nzdt=780 brt=-180 art=-180'
    .split(' ')
    .map((pair) => pair.split('=') as [string, string])
    .map(([name, minutes]) => [name, Number(minutes)] as const),
);

/** Lower case without accents (`Mié.` -> `mie`), as month and day names are looked up. */
function fold(word: string): string {
  return word
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ı/g, 'i')
    .replace(/ς/g, 'σ')
    .replace(/^d['’]/, '')
    .replace(/['’.]/g, '');
}

const MIN_PREFIX = 3;

function buildMonths(): Map<string, number> {
  const exact = new Map<string, number>();
  const prefixes = new Map<string, number>();
  for (const [language, months] of Object.entries(MONTHS)) {
    months.split(' | ').forEach((forms, index) => {
      const month = index + 1;
      for (const form of forms.split(' ').map(fold)) {
        const known = exact.get(form);
        if (known !== undefined && known !== month) throw new Error(`Month name "${form}" (${language}) is ambiguous.`);
        exact.set(form, month);
        for (let length = MIN_PREFIX; length < form.length; length++) {
          const prefix = form.slice(0, length);
          const seen = prefixes.get(prefix);
          prefixes.set(prefix, seen === undefined || seen === month ? month : 0);
        }
      }
    });
  }
  for (const [prefix, month] of prefixes) if (month !== 0 && !exact.has(prefix)) exact.set(prefix, month);
  return exact;
}

/** Folded month name, abbreviation or unambiguous prefix -> month 1-12. */
export const MONTH_NAMES: ReadonlyMap<string, number> = buildMonths();
const DAY_NAMES: readonly string[] = Object.values(DAYS).flatMap((names) => names.split(' ').map(fold));

function isDayName(word: string): boolean {
  return word.length >= 2 && DAY_NAMES.some((name) => name.startsWith(word));
}

interface Zone {
  /** Minutes east of UTC. */
  offset?: number;
  named?: number;
}

/** `+0300`, `-03:00`, `+3`, `-3`, `+00:0`: minutes east of UTC, or undefined when not an offset. */
function readOffset(token: string): number | undefined {
  const match = /^([+-])(\d{1,2})(?::(\d{1,2})|(\d{2}))?$/.exec(token);
  if (!match) return undefined;
  const [, sign, hours, colonMinutes, minutes] = match;
  const m = colonMinutes ?? minutes ?? '0';
  // `+05:3` could be 05:30 or 05:03; only a lone `0` is read as a truncated `00`.
  if (m.length === 1 && m !== '0') return undefined;
  const total = Number(hours) * 60 + Number(m);
  if (Number(hours) > 23 || Number(m) > 59) return undefined;
  return sign === '-' ? -total : total;
}

/** A military zone letter (A-I, K-Z, RFC 822); read as UTC, see the header. */
function isMilitary(word: string): boolean {
  return /^[a-ik-z]$/.test(word);
}

/** Tokens after a time: a zone (name, offset or both), time words, and the year of the C form. */
function readTail(tokens: readonly string[], allowYear: boolean): { zone: Zone; year?: number } | undefined {
  const zone: Zone = {};
  let year: number | undefined;
  for (const token of tokens) {
    const offset = /^[+-]/.test(token) ? readOffset(token) : undefined;
    if (offset !== undefined) {
      if (zone.offset !== undefined) return undefined;
      zone.offset = offset;
    } else if (/^\d{4}$/.test(token) && allowYear && year === undefined) {
      year = Number(token);
    } else if (TIME_WORDS.has(token)) {
    } else if (ZONES.has(token) || isMilitary(token)) {
      if (zone.named !== undefined) return undefined;
      zone.named = ZONES.get(token) ?? 0;
    } else {
      return undefined;
    }
  }
  return year === undefined ? { zone } : { zone, year };
}

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  zone: Zone;
}

/** The instant of `parts`, or undefined when the day does not exist (`31 Feb`). */
function instant(parts: Parts): number | undefined {
  const { year, month, day, hour, minute, second, ms, zone } = parts;
  if (month < 1 || month > 12 || day < 1 || year < 1000 || year > 9999) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCDate() !== day) return undefined;
  if (hour > 24 || (hour === 24 && minute + second + ms > 0) || minute > 59 || second > 60) return undefined;
  // No zone given: UTC.
  const offset = zone.offset ?? zone.named ?? 0;
  return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offset * 60_000;
}

const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?$/;

function fraction(digits: string | undefined): number {
  return digits ? Number(digits.slice(0, 3).padEnd(3, '0')) : 0;
}

/** Split the rest of an ISO date (or a written one, after its time) into zone tokens. */
function tailTokens(text: string): string[] | undefined {
  const tokens: string[] = [];
  for (const match of text.matchAll(/([+-]\d{1,4}(?::\d{1,2})?)|(\d+)|(\p{L}+)|([\s,]+)|(.)/gu)) {
    if (match[5] !== undefined) return undefined;
    if (match[4] === undefined) tokens.push(match[0]);
  }
  return tokens;
}

const ISO_EXTENDED =
  /^(\d{4})(?:([-/.])(\d{1,2})(?:\2(\d{1,2}))?)?(?:(?:t|\s+t?\s*)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?(.*)$/;
const ISO_BASIC = /^(\d{4})(\d{2})(\d{2})(?:t(\d{2})(\d{2})(\d{2})?(?:[.,](\d+))?)?(.*)$/;

function parseIso(text: string): number | undefined {
  const extended = ISO_EXTENDED.exec(text);
  if (extended) {
    const [, year, separator, month, day, hour, minute, second, ms, rest] = extended;
    // `2023/04` and `2023.04` are not dates; `2023-04` is a W3CDTF month.
    if (separator !== undefined && separator !== '-' && day === undefined) return undefined;
    const time = isoInstant([year, month, day, hour, minute, second, ms, rest]);
    if (time !== undefined) return time;
  }
  const basic = ISO_BASIC.exec(text);
  return basic ? isoInstant(basic.slice(1)) : undefined;
}

function isoInstant(parts: readonly (string | undefined)[]): number | undefined {
  const [year, month, day, hour, minute, second, ms, rest] = parts;
  if (day === undefined && hour !== undefined) return undefined;
  const tokens = tailTokens(rest ?? '');
  const tail = tokens && readTail(tokens, false);
  if (!tail) return undefined;
  return instant({
    year: Number(year),
    month: Number(month ?? 1),
    day: Number(day ?? 1),
    hour: Number(hour ?? 0),
    minute: Number(minute ?? 0),
    second: Number(second ?? 0),
    ms: fraction(ms),
    zone: tail.zone,
  });
}

/** RFC 5322 4.3: two-digit years from 50 are 19xx, below 50 20xx; three-digit years add 1900. */
function fullYear(digits: string): number {
  const year = Number(digits);
  if (digits.length === 2) return year < 50 ? 2000 + year : 1900 + year;
  if (digits.length === 3) return 1900 + year;
  return year;
}

type DateToken = { kind: 'number'; text: string } | { kind: 'word'; text: string };

interface DayMonthYear {
  day: number;
  month: number;
  year?: number;
}

interface Reading {
  used: DateToken[];
  day: string;
  year?: string;
}

const DAY = /^\d{1,2}$/;
const YEAR = /^\d{4}$/;
const RFC_YEAR = /^\d{2,4}$/;

function isNumber(token: DateToken | undefined, pattern: RegExp): token is DateToken {
  return token?.kind === 'number' && pattern.test(token.text);
}

/** The readings around a month name at `index`, most usual first: D M Y, D M, Y M D, M D Y, M D. */
function readingsAround(tokens: readonly DateToken[], index: number): Reading[] {
  const month = tokens[index] as DateToken;
  const [before, after, next] = [tokens[index - 1], tokens[index + 1], tokens[index + 2]];
  const readings: Reading[] = [];
  if (isNumber(before, DAY)) {
    if (isNumber(after, RFC_YEAR)) readings.push({ used: [before, month, after], day: before.text, year: after.text });
    readings.push({ used: [before, month], day: before.text });
  }
  if (isNumber(before, YEAR) && isNumber(after, DAY)) {
    readings.push({ used: [before, month, after], day: after.text, year: before.text });
  }
  if (isNumber(after, DAY)) {
    if (isNumber(next, YEAR)) readings.push({ used: [month, after, next], day: after.text, year: next.text });
    readings.push({ used: [month, after], day: after.text });
  }
  return readings;
}

/** Day, month and year from the date tokens, by where the month name stands; every other token must be a day name. */
function readDayMonthYear(tokens: readonly DateToken[]): DayMonthYear | undefined {
  for (const [index, token] of tokens.entries()) {
    const month = token.kind === 'word' ? MONTH_NAMES.get(token.text) : undefined;
    if (month === undefined) continue;
    for (const reading of readingsAround(tokens, index)) {
      const others = tokens.filter((part) => !reading.used.includes(part));
      if (!others.every((part) => part.kind === 'word' && isDayName(part.text))) continue;
      const day = Number(reading.day);
      return reading.year === undefined ? { day, month } : { day, month, year: fullYear(reading.year) };
    }
  }
  return undefined;
}

const WRITTEN_TOKEN =
  /(\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)|([+-]\d{1,4}(?::\d{1,2})?)|(\d+)|([\p{L}'’]+)|((?:[\s,;/.]|-(?!\d))+)|(.)/gu;

function parseWritten(text: string): number | undefined {
  const cleaned = text
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\b([ap])\.\s?m\.?(?=\s|$)/g, '$1m')
    .replace(/(\d)(?:st|nd|rd|th|er|re|ème|eme|º|ª|°)(?=[\s,.]|$)/g, '$1');
  const dateTokens: DateToken[] = [];
  const tail: string[] = [];
  let time: RegExpExecArray | undefined;
  let meridiem: string | undefined;
  for (const match of cleaned.matchAll(WRITTEN_TOKEN)) {
    const [whole, clock, signed, digits, word, separator, other] = match;
    if (other !== undefined) return undefined;
    if (separator !== undefined) continue;
    if (clock !== undefined) {
      if (time) return undefined;
      time = TIME.exec(clock) ?? undefined;
      if (!time) return undefined;
    } else if (time) {
      if ((word === 'am' || word === 'pm') && meridiem === undefined && tail.length === 0) meridiem = word;
      else tail.push(whole);
    } else if (signed !== undefined || digits !== undefined) {
      // Before the time a sign is a separator: `03-Apr-2023`.
      dateTokens.push({ kind: 'number', text: whole.replace(/^[+-]/, '') });
    } else if (word !== undefined) {
      const folded = fold(word);
      if (folded && !FILLERS.has(folded)) dateTokens.push({ kind: 'word', text: folded });
    }
  }
  const date = readDayMonthYear(dateTokens);
  const after = readTail(tail, date?.year === undefined);
  if (!date || !after) return undefined;
  const year = date.year ?? after.year;
  if (year === undefined) return undefined;
  let hour = Number(time?.[1] ?? 0);
  if (meridiem) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
  }
  return instant({
    year,
    month: date.month,
    day: date.day,
    hour,
    minute: Number(time?.[2] ?? 0),
    second: Number(time?.[3] ?? 0),
    ms: fraction(time?.[4]),
    zone: after.zone,
  });
}

/** The instant (ms since the epoch) a feed's date names, or undefined when it is not in an accepted form. */
export function parseFeedDate(value: string): number | undefined {
  const text = value
    .replace(/[\s\u00a0]+/g, ' ')
    .trim()
    .toLowerCase();
  if (!text) return undefined;
  return parseIso(text) ?? parseWritten(text);
}
