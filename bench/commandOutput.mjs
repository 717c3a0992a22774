#!/usr/bin/env node
// Cost of a command printing 10 MB/s for 5 s, as run_command will see it: every chunk goes through
// BoundedOutput (head + tail for the model) and OutputTail (the card's live tail, one update per 40 ms).
// The naive baseline keeps all output and re-strips it on every chunk to show the last lines.
// Reports CPU ms per MB, the throughput reached (falling behind 10 MB/s means a lagging panel), peak
// retained characters and the number of tail updates. Not wired into bench/run.mjs yet.
// Run: `node esbuild.js --tests && node bench/commandOutput.mjs`.
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { BoundedOutput } = require(path.join(root, 'out/src/core/commands/commandOutput.js'));
const { OutputTail } = require(path.join(root, 'out/src/core/commands/outputTail.js'));
const stripAnsi = require('strip-ansi').default;

const RATE = 10 * 1024 * 1024; // bytes per second
const SECONDS = 5;
const TICK_MS = 10;
const CHUNK = 64 * 1024; // a pipe delivers at most 64 KB per read

// Test-runner-like output: coloured lines and a progress bar redrawn with \r.
function makeData(bytes) {
  const parts = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line =
      i % 10 === 9
        ? `\r\u001b[36mprogress\u001b[0m ${i % 100}%`
        : `\u001b[32m✓\u001b[0m test ${i} passes in ${i % 37} ms ${'-'.repeat(40)}\n`;
    parts.push(line);
    size += Buffer.byteLength(line);
  }
  return parts.join('');
}

const data = makeData(CHUNK * 16);
const chunks = [];
for (let i = 0; i < data.length; i += CHUNK) chunks.push(data.slice(i, i + CHUNK));

function naive(post) {
  let all = '';
  return {
    push(text) {
      all += text;
      const lines = stripAnsi(all).split('\n');
      post(lines.slice(-20));
    },
    retained: () => all.length,
  };
}

function ours(post) {
  const output = new BoundedOutput();
  const tail = new OutputTail(post);
  return {
    push(text) {
      output.push(text);
      tail.push(text);
    },
    end() {
      output.end();
      tail.end();
    },
    retained: () => output.retainedChars + tail.retainedChars,
  };
}

async function run(name, make) {
  let updates = 0;
  const sink = make(() => updates++);
  const perTick = (RATE * TICK_MS) / 1000;
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  let sent = 0;
  let peak = 0;
  let next = 0;
  await new Promise((resolve) => {
    const tick = () => {
      const elapsed = performance.now() - started;
      // What a 10 MB/s producer has written by now; a slow consumer reads it late (the pipe fills).
      const due = Math.min(RATE * SECONDS, (elapsed / 1000) * RATE);
      let budget = Math.max(perTick, due - sent);
      while (budget > 0 && sent < RATE * SECONDS) {
        const chunk = chunks[next++ % chunks.length];
        sink.push(chunk);
        sent += chunk.length;
        budget -= chunk.length;
        peak = Math.max(peak, sink.retained());
        // The baseline would take minutes: stop it once it is 5 s of wall time in.
        if (performance.now() - started > SECONDS * 1000 * 2) break;
      }
      if (sent >= RATE * SECONDS || performance.now() - started > SECONDS * 1000 * 2) return resolve();
      setTimeout(tick, TICK_MS);
    };
    tick();
  });
  sink.end?.();
  const cpu = process.cpuUsage(cpu0);
  const wall = performance.now() - started;
  const mb = sent / (1024 * 1024);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return {
    name,
    mbProcessed: +mb.toFixed(1),
    wallMs: Math.round(wall),
    throughputMBs: +(mb / (wall / 1000)).toFixed(1),
    cpuMsPerMB: +(cpuMs / mb).toFixed(2),
    peakRetainedChars: peak,
    tailUpdates: updates,
    updatesPerSecond: +(updates / (wall / 1000)).toFixed(1),
  };
}

// Warm the JIT on both paths first, so neither pays for compiling in its measured run.
for (const make of [ours, naive]) {
  const sink = make(() => undefined);
  for (const chunk of chunks.slice(0, 4)) sink.push(chunk);
  sink.end?.();
}
const results = [await run('commandOutput + outputTail', ours), await run('naive (keep all, re-strip per chunk)', naive)];
console.table(results);
const [a, b] = results;
console.log(`CPU per MB: ${a.cpuMsPerMB} ms vs ${b.cpuMsPerMB} ms naive (${(b.cpuMsPerMB / a.cpuMsPerMB).toFixed(0)}x); peak retained ${a.peakRetainedChars} vs ${b.peakRetainedChars} chars.`);
