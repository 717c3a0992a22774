// Follows a JSON-lines results file that another process appends to, until a `done` event arrives.
import fs from 'node:fs';

/**
 * Calls `onEvent` for each new line and resolves with the `done` event. Rejects on timeout or when
 * `isDead()` reports the producer is gone. Polls the file size (a condition, not a sleep-as-sync).
 */
export async function followResults(file, { onEvent, timeoutMs, isDead = () => false, intervalMs = 250 }) {
  const deadline = Date.now() + timeoutMs;
  let offset = 0;
  let partial = '';
  for (;;) {
    if (fs.existsSync(file)) {
      const size = fs.statSync(file).size;
      if (size > offset) {
        const fd = fs.openSync(file, 'r');
        const buf = Buffer.alloc(size - offset);
        fs.readSync(fd, buf, 0, buf.length, offset);
        fs.closeSync(fd);
        offset = size;
        partial += buf.toString('utf8');
        const lines = partial.split('\n');
        partial = lines.pop();
        for (const line of lines) {
          if (!line.trim()) continue;
          const e = JSON.parse(line);
          if (e.event === 'done') return e;
          onEvent(e);
        }
      }
    }
    const dead = isDead();
    if (dead) throw new Error(dead === true ? 'the test host went away before the suite finished' : dead);
    if (Date.now() > deadline) throw new Error(`the suite did not finish within ${timeoutMs / 1000}s`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
