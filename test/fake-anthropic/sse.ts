// SSE wire format: formatting events and cutting raw transcripts into events without changing a byte.

/** One unit written to the socket: a whole SSE event (or a comment block). */
export interface WireChunk {
  /** Exact bytes, including the terminating blank line. */
  bytes: Buffer;
  /** Value of the `event:` line; null for comment-only blocks. */
  name: string | null;
}

export const PING_DATA = '{"type": "ping"}';

/** `event: <name>\ndata: <json>\n\n`. */
export function sseEvent(name: string, data: unknown): WireChunk {
  const json = typeof data === 'string' ? data : JSON.stringify(data);
  return { bytes: Buffer.from(`event: ${name}\ndata: ${json}\n\n`, 'utf8'), name };
}

export function pingEvent(): WireChunk {
  return sseEvent('ping', PING_DATA);
}

/** Finds the end (exclusive) of the blank line terminating the event that starts at `from`, or -1. */
function eventEnd(buf: Buffer, from: number): number {
  for (let i = from; i < buf.length; i++) {
    if (buf[i] !== 0x0a) continue;
    // "\n\n" or "\n\r\n" ends an event ("\r\n\r\n" contains "\n\r\n").
    if (buf[i + 1] === 0x0a) return i + 2;
    if (buf[i + 1] === 0x0d && buf[i + 2] === 0x0a) return i + 3;
  }
  return -1;
}

function eventName(block: string): string | null {
  for (const line of block.split(/\r\n|\r|\n/)) {
    const m = /^event:\s?(.*)$/.exec(line);
    if (m) return m[1]!.trim();
  }
  return null;
}

/** Cuts raw SSE bytes into chunks at blank lines; concatenating the chunks gives back `raw` exactly. */
export function splitSse(raw: Buffer): WireChunk[] {
  const out: WireChunk[] = [];
  let start = 0;
  while (start < raw.length) {
    const end = eventEnd(raw, start);
    const stop = end < 0 ? raw.length : end;
    const bytes = raw.subarray(start, stop);
    out.push({ bytes, name: eventName(bytes.toString('utf8')) });
    start = stop;
  }
  return out;
}

/** Text cut into deltas of `wordsPerChunk` words, each word keeping its leading whitespace. */
export function chunkWords(text: string, wordsPerChunk: number): string[] {
  if (text === '') return [];
  const words = text.match(/\s*\S+/g) ?? [];
  const consumed = words.join('').length;
  const trailing = text.slice(consumed);
  const n = Math.max(1, Math.floor(wordsPerChunk));
  const chunks: string[] = [];
  for (let i = 0; i < words.length; i += n) chunks.push(words.slice(i, i + n).join(''));
  if (trailing) {
    if (chunks.length > 0) chunks[chunks.length - 1] += trailing;
    else chunks.push(trailing);
  }
  return chunks;
}

/** A string cut into pieces of `size` code points. */
export function chunkChars(text: string, size: number): string[] {
  const chars = Array.from(text);
  const n = Math.max(1, Math.floor(size));
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += n) out.push(chars.slice(i, i + n).join(''));
  return out;
}
