/**
 * What the article page shows of an item's enclosures: a native player for
 * audio and video the browser can play, a download link for every file with
 * its kind and size in words, and the running time, in the site's language
 * (English unless a translator says otherwise). Pure.
 */
import { type Translator, translatorFor } from '#src/i18n/index.ts';

export interface EnclosureView {
  url: string;
  /** `audio` or `video` when the page plays it inline; undefined for a file to download. */
  player?: 'audio' | 'video';
  type?: string;
  /** `MP3 audio, 59.6 MB`, `PDF, 120 kB`. */
  label: string;
}

/** Known types: the format's name, and what it is ("MP3" audio; a "PDF" is just that). */
const KINDS: Readonly<Record<string, readonly [format: string, kind?: 'audio' | 'video' | 'archive']>> = {
  'audio/mpeg': ['MP3', 'audio'],
  'audio/mp3': ['MP3', 'audio'],
  'audio/x-m4a': ['M4A', 'audio'],
  'audio/mp4': ['M4A', 'audio'],
  'audio/aac': ['AAC', 'audio'],
  'audio/ogg': ['Ogg', 'audio'],
  'audio/opus': ['Opus', 'audio'],
  'audio/wav': ['WAV', 'audio'],
  'audio/flac': ['FLAC', 'audio'],
  'video/mp4': ['MP4', 'video'],
  'video/webm': ['WebM', 'video'],
  'video/quicktime': ['QuickTime', 'video'],
  'application/pdf': ['PDF'],
  'application/epub+zip': ['EPUB'],
  'application/zip': ['ZIP', 'archive'],
};

const english = translatorFor('en');

const sizeFormats = new Map<string, Intl.NumberFormat>();

function sizeFormat(lang: string, digits: number): Intl.NumberFormat {
  const key = `${lang} ${digits}`;
  let format = sizeFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits });
    sizeFormats.set(key, format);
  }
  return format;
}

/** Bytes in decimal units, as download sizes are written: `59.6 MB` (`59,6 MB` in German). */
export function formatBytes(bytes: number, t: Translator = english): string {
  const units = ['bytes', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  if (unit === 0) return t.text(t.messages.media.bytes, { size: value });
  return `${sizeFormat(t.lang, value >= 100 ? 0 : 1).format(value)} ${units[unit]}`;
}

/** `1 h 2 min`, `59 min`, `45 s`: a running time in words. */
export function formatDuration(seconds: number, t: Translator = english): string {
  const words = t.messages.media;
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (hours > 0) return t.text(minutes > 0 ? words.hoursMinutes : words.hours, { hours, minutes });
  if (minutes > 0) return t.text(words.minutes, { minutes });
  return t.text(words.seconds, { seconds });
}

function kindOf(type: string | undefined, url: string, t: Translator): string {
  const words = t.messages.media;
  const known = type ? KINDS[type] : undefined;
  if (known) {
    const [format, kind] = known;
    return kind ? t.text(words[kind], { format }) : format;
  }
  const extension = /\.([a-z0-9]{2,5})(?:[?#]|$)/i.exec(new URL(url).pathname)?.[1]?.toUpperCase();
  if (type?.startsWith('audio/')) return extension ? t.text(words.audio, { format: extension }) : words.anyAudio;
  if (type?.startsWith('video/')) return extension ? t.text(words.video, { format: extension }) : words.anyVideo;
  return extension ? t.text(words.file, { format: extension }) : words.anyFile;
}

/** The enclosures as the page shows them. */
export function enclosureViews(
  enclosures: readonly { url: string; type?: string; length?: number }[],
  t: Translator = english,
): EnclosureView[] {
  return enclosures.map((file) => {
    const kind = kindOf(file.type, file.url, t);
    const label = file.length ? t.text(t.messages.media.sized, { kind, size: formatBytes(file.length, t) }) : kind;
    const player = file.type?.startsWith('audio/') ? 'audio' : file.type?.startsWith('video/') ? 'video' : undefined;
    return { url: file.url, ...(player ? { player } : {}), ...(file.type ? { type: file.type } : {}), label };
  });
}
