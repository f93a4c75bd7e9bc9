/**
 * Very large images scaled down once, when they are archived (sharp), so the
 * site serves a sensible size and the build does no image processing. The
 * copy keeps the original's format and orientation (EXIF orientation applied,
 * metadata dropped); an animated image, or one whose smaller copy would not be
 * smaller in bytes, is kept as it is.
 */
import type { Sharp } from 'sharp';

export interface Downscaled {
  bytes: Uint8Array;
  width: number;
  height: number;
}

/** Encoders by sniffed type; each writes the same bytes for the same input. */
const ENCODE: Readonly<Record<string, (image: Sharp) => Sharp>> = {
  'image/jpeg': (image) => image.jpeg({ quality: 85, mozjpeg: true }),
  'image/png': (image) => image.png({ compressionLevel: 9 }),
  'image/webp': (image) => image.webp({ quality: 85 }),
  'image/avif': (image) => image.avif({ quality: 60 }),
  'image/gif': (image) => image.gif(),
};

/**
 * The image scaled to fit `maxSide` pixels on its longer side; undefined when it
 * fits already, is animated, cannot be decoded, or would not get smaller.
 */
export async function downscale(
  bytes: Uint8Array,
  type: string,
  maxSide: number,
  maxPixels: number,
): Promise<Downscaled | undefined> {
  const encode = ENCODE[type];
  if (!encode) return undefined;
  try {
    // Loaded on first use: a snapshot that scales nothing never pays for the native library.
    const { default: sharp } = await import('sharp');
    const input = sharp(bytes, { limitInputPixels: maxPixels, failOn: 'error' });
    const meta = await input.metadata();
    if ((meta.pages ?? 1) > 1) return undefined;
    const { data, info } = await encode(
      input.rotate().resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true }),
    ).toBuffer({ resolveWithObject: true });
    if (data.byteLength >= bytes.byteLength) return undefined;
    if (Math.max(info.width, info.height) > maxSide) return undefined;
    return { bytes: new Uint8Array(data), width: info.width, height: info.height };
  } catch {
    // An image sharp cannot decode is kept as served: browsers may still show it.
    return undefined;
  }
}
