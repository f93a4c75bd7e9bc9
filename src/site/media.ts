/**
 * What the article page shows of an item's enclosures: a native player for
 * audio and video the browser can play, a download link for every file with
 * its kind and size in words, and the running time. Pure.
 */

export interface EnclosureView {
  url: string;
  /** `audio` or `video` when the page plays it inline; undefined for a file to download. */
  player?: 'audio' | 'video';
  type?: string;
  /** `MP3 audio, 59.6 MB`, `PDF, 120 kB`. */
  label: string;
}

const KINDS: Readonly<Record<string, string>> = {
  'audio/mpeg': 'MP3 audio',
  'audio/mp3': 'MP3 audio',
  'audio/x-m4a': 'M4A audio',
  'audio/mp4': 'M4A audio',
  'audio/aac': 'AAC audio',
  'audio/ogg': 'Ogg audio',
  'audio/opus': 'Opus audio',
  'audio/wav': 'WAV audio',
  'audio/flac': 'FLAC audio',
  'video/mp4': 'MP4 video',
  'video/webm': 'WebM video',
  'video/quicktime': 'QuickTime video',
  'application/pdf': 'PDF',
  'application/epub+zip': 'EPUB',
  'application/zip': 'ZIP archive',
};

/** Bytes in decimal units, as download sizes are written: `59.6 MB`. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const shown = unit === 0 ? String(value) : value >= 100 ? value.toFixed(0) : value.toFixed(1);
  return `${shown} ${units[unit]}`;
}

/** `1 h 2 min`, `59 min`, `45 s`: a running time in words. */
export function formatDuration(seconds: number): string {
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  if (minutes > 0) return `${minutes} min`;
  return `${seconds} s`;
}

function kindOf(type: string | undefined, url: string): string {
  if (type && KINDS[type]) return KINDS[type];
  const extension = /\.([a-z0-9]{2,5})(?:[?#]|$)/i.exec(new URL(url).pathname)?.[1];
  if (type?.startsWith('audio/')) return extension ? `${extension.toUpperCase()} audio` : 'Audio';
  if (type?.startsWith('video/')) return extension ? `${extension.toUpperCase()} video` : 'Video';
  return extension ? `${extension.toUpperCase()} file` : 'File';
}

/** The enclosures as the page shows them. */
export function enclosureViews(
  enclosures: readonly { url: string; type?: string; length?: number }[],
): EnclosureView[] {
  return enclosures.map((file) => {
    const kind = kindOf(file.type, file.url);
    const label = file.length ? `${kind}, ${formatBytes(file.length)}` : kind;
    const player = file.type?.startsWith('audio/') ? 'audio' : file.type?.startsWith('video/') ? 'video' : undefined;
    return { url: file.url, ...(player ? { player } : {}), ...(file.type ? { type: file.type } : {}), label };
  });
}
