// Loopback-only networking helpers: free ports and "wait until it answers HTTP".
/* global AbortSignal */
import net from 'node:net';

function tryListen(port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(null));
    srv.listen({ port, host: '127.0.0.1', exclusive: true }, () => {
      const { port: bound } = srv.address();
      srv.close(() => resolve(bound));
    });
  });
}

/** A free port on 127.0.0.1: `preferred` or the next free one above it, or any free port when 0. */
export async function freePort(preferred = 0) {
  if (!preferred) return tryListen(0);
  for (let p = preferred; p < preferred + 100; p++) {
    if ((await tryListen(p)) !== null) return p;
  }
  throw new Error(`no free port in ${preferred}..${preferred + 99}`);
}

/**
 * Polls `url` until it answers with a status below 500. Stops early when `isDead()` says the
 * server process has exited, so a crash is reported at once instead of after the timeout.
 */
export async function waitForHttp(url, { timeoutMs = 60_000, intervalMs = 200, isDead = () => false } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError = 'no answer yet';
  while (Date.now() < deadline) {
    if (isDead()) throw new Error(`server exited before answering ${url}`);
    try {
      const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(5000) });
      await res.body?.cancel();
      if (res.status < 500) return;
      lastError = `HTTP ${res.status}`;
    } catch (err) {
      lastError = err.cause?.code ?? err.message;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000}s (${lastError})`);
}
