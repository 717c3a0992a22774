// Image content blocks as the API checks them (anthropic-api.md §6): base64 sources with one of four
// media types whose bytes really are that type, at most 10 MB encoded and 8000 px a side.
import { HttpFailure } from './errors';

export const IMAGE_MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'] as const;
export const MAX_IMAGE_BASE64_BYTES = 10 * 1024 * 1024;
export const MAX_IMAGE_SIDE = 8000;

export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'webp';

/** The format the bytes' signature says, if any of the four. */
export function sniffImage(bytes: Uint8Array): ImageFormat | undefined {
  const b = bytes;
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'png';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38) return 'gif';
  if (b[0] === 0x52 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x46 && b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50) return 'webp';
  return undefined;
}

/** Pixel size from the header (PNG IHDR, GIF screen, JPEG SOFn, WebP VP8/VP8L/VP8X); undefined if unreadable. */
export function imageSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    switch (sniffImage(bytes)) {
      case 'png':
        return { width: view.getUint32(16), height: view.getUint32(20) };
      case 'gif':
        return { width: view.getUint16(6, true), height: view.getUint16(8, true) };
      case 'jpeg': {
        let i = 2;
        while (i + 9 < bytes.length) {
          if (bytes[i] !== 0xff) return undefined;
          const marker = bytes[i + 1]!;
          const length = view.getUint16(i + 2);
          // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC).
          if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
            return { width: view.getUint16(i + 7), height: view.getUint16(i + 5) };
          }
          i += 2 + length;
        }
        return undefined;
      }
      case 'webp': {
        const chunk = String.fromCharCode(...bytes.subarray(12, 16));
        if (chunk === 'VP8 ') return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
        if (chunk === 'VP8L') {
          const bits = view.getUint32(21, true);
          return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
        }
        if (chunk === 'VP8X') {
          const w = bytes[24]! | (bytes[25]! << 8) | (bytes[26]! << 16);
          const h = bytes[27]! | (bytes[28]! << 8) | (bytes[29]! << 16);
          return { width: w + 1, height: h + 1 };
        }
        return undefined;
      }
      default:
        return undefined;
    }
  } catch {
    return undefined;
  }
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function bad(message: string): never {
  throw new HttpFailure(400, message);
}

/** Validates one `image` block at `where` (e.g. `messages.0.content.1`). */
export function checkImageBlock(block: Record<string, unknown>, where: string): void {
  const source = block.source;
  if (typeof source !== 'object' || source === null || Array.isArray(source)) bad(`${where}.image.source: Field required`);
  const s = source as Record<string, unknown>;
  if (s.type === 'url') {
    if (typeof s.url !== 'string') bad(`${where}.image.source.url.url: Field required`);
    return;
  }
  if (s.type === 'file') {
    if (typeof s.file_id !== 'string') bad(`${where}.image.source.file.file_id: Field required`);
    return;
  }
  if (s.type !== 'base64') bad(`${where}.image.source: Input tag '${String(s.type)}' found using 'type' does not match any of the expected tags: 'base64', 'url', 'file'`);
  if (typeof s.media_type !== 'string' || !(IMAGE_MEDIA_TYPES as readonly string[]).includes(s.media_type)) {
    bad(`${where}.image.source.base64.media_type: Input should be 'image/jpeg', 'image/png', 'image/gif' or 'image/webp'`);
  }
  if (typeof s.data !== 'string' || s.data.length === 0) bad(`${where}.image.source.base64.data: Field required`);
  if (s.data.length > MAX_IMAGE_BASE64_BYTES) bad(`${where}.image.source.base64: image exceeds 10 MB maximum: ${s.data.length} bytes > ${MAX_IMAGE_BASE64_BYTES} bytes`);
  if (s.data.length % 4 !== 0 || !BASE64.test(s.data)) bad(`${where}.image.source.base64.data: The image data is not valid base64.`);
  const bytes = Buffer.from(s.data, 'base64');
  const format = sniffImage(bytes);
  if (!format) bad(`${where}.image.source.base64.data: Could not process image`);
  if (`image/${format}` !== s.media_type) bad(`${where}.image.source.base64.data: Image does not match the provided media type ${s.media_type}`);
  const size = imageSize(bytes);
  if (!size) bad(`${where}.image.source.base64.data: Could not process image`);
  if (size.width > MAX_IMAGE_SIDE || size.height > MAX_IMAGE_SIDE) bad(`${where}.image.source.base64.data: At least one of the image dimensions exceed max allowed size: ${MAX_IMAGE_SIDE} pixels`);
}
