// Images the user attached to a message: checked again on the host (the webview is untrusted and the
// API's limits are firm), then turned into `image` content blocks that go before the text.
import type { ImageUpload } from '../../shared/protocol';

/** The API takes at most 10 MB of base64 per image (anthropic-api.md §6). */
export const MAX_IMAGE_BASE64_CHARS = 10 * 1024 * 1024;
/** The API rejects larger images outright. */
export const MAX_IMAGE_DIMENSION = 8000;
/** Above 20 images in one request the API lowers the size limit; one message stays well below that. */
export const MAX_IMAGES_PER_MESSAGE = 20;
/** Everything in a request must fit 32 MB; leave room for the history and the rest of the body. */
export const MAX_IMAGES_TOTAL_CHARS = 24 * 1024 * 1024;

export type ImageMediaType = ImageUpload['mediaType'];

export interface ImageBlock {
  readonly type: 'image';
  readonly source: { readonly type: 'base64'; readonly media_type: ImageMediaType; readonly data: string };
}

/** Why images cannot be sent, in words for the user. */
export class ImageRejected extends Error {
  override readonly name = 'ImageRejected';
}

const SIGNATURES: Readonly<Record<ImageMediaType, (b: Uint8Array) => boolean>> = {
  'image/png': (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47,
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/gif': (b) => b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38,
  'image/webp': (b) => b[0] === 0x52 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x46 && b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50,
};

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function leadingBytes(data: string): Uint8Array {
  const binary = atob(data.slice(0, 16));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** Throws ImageRejected unless every image is one the API will take. */
export function validateImages(images: readonly ImageUpload[]): void {
  if (images.length > MAX_IMAGES_PER_MESSAGE) throw new ImageRejected(`A message can carry at most ${MAX_IMAGES_PER_MESSAGE} images; this one has ${images.length}. Remove some and send again.`);
  let total = 0;
  for (const image of images) {
    const name = image.name || 'image';
    const mediaType = image.mediaType as string;
    const check = Object.hasOwn(SIGNATURES, mediaType) ? SIGNATURES[mediaType as ImageMediaType] : undefined;
    if (!check) throw new ImageRejected(`${name}: ${mediaType} is not an image type Claude reads (PNG, JPEG, GIF or WebP).`);
    if (image.data.length === 0 || image.data.length % 4 !== 0 || !BASE64.test(image.data)) throw new ImageRejected(`${name}: the image data is not valid base64.`);
    if (image.data.length > MAX_IMAGE_BASE64_CHARS) throw new ImageRejected(`${name} is ${(image.data.length / 1024 / 1024).toFixed(1)} MB encoded; the limit is ${MAX_IMAGE_BASE64_CHARS / 1024 / 1024} MB per image.`);
    if (!check(leadingBytes(image.data))) throw new ImageRejected(`${name}: the data is not a ${mediaType.slice('image/'.length).toUpperCase()} image.`);
    const { width, height } = image;
    if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || width > MAX_IMAGE_DIMENSION || height > MAX_IMAGE_DIMENSION) {
      throw new ImageRejected(`${name}: ${width}×${height} px is outside what Claude accepts (1 to ${MAX_IMAGE_DIMENSION} px a side).`);
    }
    total += image.data.length;
  }
  if (total > MAX_IMAGES_TOTAL_CHARS) throw new ImageRejected(`The images add up to ${(total / 1024 / 1024).toFixed(1)} MB encoded, more than one request can carry (${MAX_IMAGES_TOTAL_CHARS / 1024 / 1024} MB). Send fewer at a time.`);
}

export function imageBlock(image: ImageUpload): ImageBlock {
  return { type: 'image', source: { type: 'base64', media_type: image.mediaType, data: image.data } };
}

/** What the transcript shows in place of the image: `[image: shot.png 1568×1045]`. */
export function imageLabel(image: ImageUpload): string {
  return `[image: ${image.name || 'image'} ${image.width}×${image.height}]`;
}

