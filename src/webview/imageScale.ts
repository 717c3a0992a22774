// Decodes an image file and downscales it so the long edge is at most 1568 px (what the API would
// scale it to anyway, so nothing is lost but upload size): PNG stays PNG, everything else becomes JPEG.
import type { ImageUpload } from '../shared/protocol';

export const MAX_LONG_EDGE = 1568;
/** Files above this are refused before decoding (a camera photo is well below it). */
export const MAX_INPUT_BYTES = 40 * 1024 * 1024;
/** Base64 the API takes per image. */
export const MAX_ENCODED_CHARS = 10 * 1024 * 1024;
const JPEG_QUALITY = 0.85;
const PASS_THROUGH = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

export interface ScaledImage {
  readonly upload: ImageUpload;
  readonly blob: Blob;
}

export class ImageError extends Error {}

export function scaledSize(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, MAX_LONG_EDGE / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

async function encode(bitmap: ImageBitmap, width: number, height: number, type: 'image/png' | 'image/jpeg'): Promise<Blob> {
  const options = type === 'image/jpeg' ? { type, quality: JPEG_QUALITY } : { type };
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new ImageError('no 2d context');
    // JPEG has no transparency: paint white underneath rather than black.
    if (type === 'image/jpeg') {
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, width, height);
    }
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(bitmap, 0, 0, width, height);
    return canvas.convertToBlob(options);
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new ImageError('no 2d context');
  if (type === 'image/jpeg') {
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, height);
  }
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(bitmap, 0, 0, width, height);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new ImageError('encoding failed'))), type, JPEG_QUALITY));
}

function base64Of(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new ImageError('read failed'));
    reader.readAsDataURL(blob);
  });
}

/** Throws ImageError (message unset) when the file cannot be decoded; size/type checks are the caller's. */
export async function scaleImage(file: Blob, name: string): Promise<ScaledImage> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new ImageError('decode');
  }
  try {
    const { width, height } = scaledSize(bitmap.width, bitmap.height);
    const unchanged = width === bitmap.width && height === bitmap.height && PASS_THROUGH.has(file.type);
    const type = file.type === 'image/png' ? 'image/png' : 'image/jpeg';
    const blob = unchanged ? file : await encode(bitmap, width, height, type);
    const mediaType = (unchanged ? file.type : type) as ImageUpload['mediaType'];
    return { blob, upload: { name, mediaType, data: await base64Of(blob), width, height } };
  } finally {
    bitmap.close();
  }
}
