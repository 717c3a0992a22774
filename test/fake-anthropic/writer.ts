// Writes a planned or replayed SSE stream to a response: pacing with timers, pings, and faults.
import type { ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { errorEventData } from './errors';
import { pingEvent, sseEvent, type WireChunk } from './sse';
import type { StreamFault } from './types';

export interface WriteOptions {
  /** Delta chunks per second; 0 = no pacing. */
  tokensPerSecond: number;
  fault?: StreamFault;
  /** Periodic pings while streaming (not while stalled unless the stall asks for them). */
  pingIntervalMs?: number;
  /** Aborted when the client goes away or the server closes. */
  signal: AbortSignal;
  /** Response headers for the 200. */
  headers: Record<string, string>;
  /** Called just before the socket is destroyed on purpose. */
  onDrop: () => void;
  /** Called right after the 200 headers were written. */
  onHeaders: () => void;
}

/** Resolves true at `deadline` (performance.now() ms), or false as soon as `signal` aborts. */
export function sleepUntil(deadline: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    let timer: NodeJS.Timeout | undefined;
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const tick = () => {
      const left = deadline - performance.now();
      if (left <= 0) {
        signal.removeEventListener('abort', onAbort);
        resolve(true);
        return;
      }
      // Timers may fire a little early: re-arm until the deadline has really passed.
      timer = setTimeout(tick, Math.ceil(left));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    tick();
  });
}

export function waitForAbort(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/** Goes silent (optionally pinging) until the client or the server closes the connection. */
async function stallUntilClosed(res: ServerResponse, signal: AbortSignal, keepAlivePingMs?: number): Promise<void> {
  const timer =
    keepAlivePingMs && keepAlivePingMs > 0
      ? setInterval(() => {
          if (!res.writableEnded) res.write(pingEvent().bytes);
        }, keepAlivePingMs)
      : undefined;
  await waitForAbort(signal);
  clearInterval(timer);
}

/** Destroys the socket on purpose (the data already handed to it still goes out first). */
function drop(res: ServerResponse, opts: WriteOptions): void {
  opts.onDrop();
  res.socket?.destroy();
}

/** Writes bytes and resolves once they have been handed to the socket (or the socket is gone). */
function writeFlushed(res: ServerResponse, bytes: Buffer, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    signal.addEventListener('abort', () => resolve(), { once: true });
    res.write(bytes, () => resolve());
  });
}

/** Streams `chunks` as a 200 text/event-stream response, honouring pacing and `opts.fault`. */
export async function writeSse(res: ServerResponse, chunks: readonly WireChunk[], opts: WriteOptions): Promise<void> {
  const { fault, signal } = opts;
  if (fault?.type === 'stall' && fault.beforeHeaders) return stallUntilClosed(res, signal);
  if (fault?.type === 'drop' && fault.afterEvents <= 0) return drop(res, opts);
  res.writeHead(200, opts.headers);
  opts.onHeaders();
  if (fault?.type === 'stall' && fault.afterEvents <= 0) {
    res.flushHeaders();
    return stallUntilClosed(res, signal, fault.keepAlivePingMs);
  }

  const pinger =
    opts.pingIntervalMs && opts.pingIntervalMs > 0
      ? setInterval(() => {
          if (!res.writableEnded) res.write(pingEvent().bytes);
        }, opts.pingIntervalMs)
      : undefined;
  try {
    const interval = opts.tokensPerSecond > 0 ? 1000 / opts.tokensPerSecond : 0;
    const start = performance.now();
    let deltas = 0;
    let events = 0;
    let errorSent = false;
    const sendError = () => {
      if (fault?.type !== 'error_event') return;
      const type = fault.errorType ?? 'overloaded_error';
      res.write(sseEvent('error', errorEventData(type, fault.message ?? 'Overloaded')).bytes);
      errorSent = true;
    };
    for (const [i, chunk] of chunks.entries()) {
      if (signal.aborted) return;
      const isDelta = chunk.name === 'content_block_delta';
      const isEvent = chunk.name !== null && chunk.name !== 'ping';
      if (fault?.type === 'error_event' && events >= 1) {
        const terminal = chunk.name === 'message_delta' || chunk.name === 'message_stop';
        if (deltas >= fault.afterDeltas || terminal) {
          sendError();
          break;
        }
      }
      if (isDelta && interval > 0) {
        if (!(await sleepUntil(start + (deltas + 1) * interval, signal))) return;
      }
      if (isDelta) deltas++;
      if (isEvent) events++;
      // Drop after the Nth event, or at the very end when the stream has fewer events.
      if (fault?.type === 'drop' && ((isEvent && events === fault.afterEvents) || i === chunks.length - 1)) {
        await writeFlushed(res, chunk.bytes, signal);
        return drop(res, opts);
      }
      res.write(chunk.bytes);
      if (isEvent && fault?.type === 'stall' && events === fault.afterEvents) {
        clearInterval(pinger);
        return await stallUntilClosed(res, signal, fault.keepAlivePingMs);
      }
    }
    if (fault?.type === 'error_event' && !errorSent) sendError();
    // Fewer events than the stall asked for: stall at the very end instead of finishing.
    if (fault?.type === 'stall') {
      clearInterval(pinger);
      return await stallUntilClosed(res, signal, fault.keepAlivePingMs);
    }
    res.end();
  } finally {
    clearInterval(pinger);
  }
}
