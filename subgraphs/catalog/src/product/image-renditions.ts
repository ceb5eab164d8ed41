import sharp from "sharp";

/** What sharp calls the formats a product image may be in, by declared content type. */
const FORMATS: Record<string, string> = { "image/jpeg": "jpeg", "image/png": "png", "image/webp": "webp" };
/** Refuse decompression bombs: a 10 MB file may not claim more pixels than a 40-megapixel photo. */
const MAX_PIXELS = 40_000_000;

export interface Renditions {
  width: number;
  height: number;
  thumbnail: Buffer;
  medium: Buffer;
}

/**
 * Reads an uploaded image and makes its renditions: a 200 px thumbnail and an 800 px medium image
 * (the longer side, never enlarged), both WebP, turned upright by the EXIF orientation. Null when
 * the bytes are not an image of the declared type, whatever the file name or header said.
 */
export async function makeRenditions(bytes: Buffer, contentType: string): Promise<Renditions | null> {
  let meta: sharp.Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: MAX_PIXELS }).metadata();
  } catch {
    return null;
  }
  if (!meta.format || meta.format !== FORMATS[contentType] || !meta.width || !meta.height) return null;
  const render = (size: number) =>
    sharp(bytes, { limitInputPixels: MAX_PIXELS })
      .rotate()
      .resize({ width: size, height: size, fit: "inside", withoutEnlargement: true })
      .webp({ quality: 82 })
      .toBuffer();
  try {
    const [thumbnail, medium] = await Promise.all([render(200), render(800)]);
    return { width: meta.width, height: meta.height, thumbnail, medium };
  } catch {
    return null;
  }
}
