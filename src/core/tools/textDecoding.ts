// Bytes to text for the tools: BOMs (UTF-8, UTF-16 LE/BE), binary detection (a NUL byte in the first
// 8 KB, as git does), and lossy UTF-8 decoding that says so rather than failing.

export const BINARY_SNIFF_BYTES = 8 * 1024;

export type TextEncodingName = 'utf-8' | 'utf-8 with BOM' | 'utf-16le' | 'utf-16be';

export type DecodedText =
  | { readonly kind: 'text'; readonly text: string; readonly encoding: TextEncodingName; /** Invalid UTF-8 was replaced with U+FFFD. */ readonly lossy: boolean }
  | { readonly kind: 'binary' };

export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { kind: 'text', text: utf16(bytes.subarray(2), false), encoding: 'utf-16le', lossy: false };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { kind: 'text', text: utf16(bytes.subarray(2), true), encoding: 'utf-16be', lossy: false };
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  if (looksBinary(body)) return { kind: 'binary' };
  const encoding: TextEncodingName = bom ? 'utf-8 with BOM' : 'utf-8';
  try {
    return { kind: 'text', text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body), encoding, lossy: false };
  } catch {
    return { kind: 'text', text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(body), encoding, lossy: true };
  }
}

export function looksBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0);
}

function utf16(bytes: Uint8Array, bigEndian: boolean): string {
  // Decode BE by swapping into LE: 'utf-16be' needs full ICU, which not every runtime ships.
  let data = bytes;
  if (bigEndian) {
    data = new Uint8Array(bytes.length - (bytes.length % 2));
    for (let i = 0; i + 1 < bytes.length; i += 2) {
      data[i] = bytes[i + 1]!;
      data[i + 1] = bytes[i]!;
    }
  }
  return new TextDecoder('utf-16le', { ignoreBOM: true }).decode(data);
}

/** Lines as an editor numbers them (`\r\n`, `\n` or `\r`); a final line break does not start a new line. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The file's line ending: CRLF when most of its line breaks are CRLF. */
export function dominantEol(text: string): '\r\n' | '\n' {
  const crlf = text.match(/\r\n/g)?.length ?? 0;
  const lf = (text.match(/\n/g)?.length ?? 0) - crlf;
  return crlf > lf ? '\r\n' : '\n';
}

/** 1-based line number of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
