import assert from 'node:assert/strict';
import { BoundedOutput, cleanLine, omittedNote } from '../../../src/core/commands/commandOutput';
import { OutputTail, type Scheduler, type TailUpdate } from '../../../src/core/commands/outputTail';

/** A scheduler whose timers run only when the test says so. */
function manualScheduler(): Scheduler & { tick(): void; pending(): number } {
  let timers: Array<{ callback: () => void; handle: object }> = [];
  return {
    set(callback) {
      const handle = {};
      timers.push({ callback, handle });
      return handle;
    },
    clear(handle) {
      timers = timers.filter((t) => t.handle !== handle);
    },
    tick() {
      const due = timers;
      timers = [];
      for (const t of due) t.callback();
    },
    pending: () => timers.length,
  };
}

describe('run_command process: output cleaning', () => {
  it('strips colours and cursor codes', () => {
    assert.equal(cleanLine('\u001b[1;32mPASS\u001b[0m test \u001b[2K'), 'PASS test ');
  });

  it('keeps the last state of a carriage-return redraw, drawn over the earlier one', () => {
    assert.equal(cleanLine('10%\r50%\r100%'), '100%');
    assert.equal(cleanLine('hello\rHe'), 'Hello');
    assert.equal(cleanLine('crlf line\r'), 'crlf line');
  });

  it('handles an escape code split across chunks', () => {
    const out = new BoundedOutput();
    out.push('\u001b[3');
    out.push('1mred\u001b[0m\n');
    out.end();
    assert.equal(out.text(), 'red');
  });

  it('keeps a progress bar that never prints a newline to its last state, in bounded memory', () => {
    const out = new BoundedOutput({ maxLineChars: 100 });
    for (let i = 0; i <= 100000; i++) out.push(`\r\u001b[32mprogress ${i}\u001b[0m`);
    assert.equal(out.text(), 'progress 100000');
    assert.ok(out.retainedChars <= 300, `retained ${out.retainedChars}`);
  });

  it('cuts an endless line and counts what it cut', () => {
    const out = new BoundedOutput({ maxLineChars: 100 });
    for (let i = 0; i < 1000; i++) out.push('y'.repeat(1000));
    out.end();
    assert.equal(out.text(), 'y'.repeat(100) + '…');
    assert.ok(out.retainedChars <= 300);
  });
});

describe('run_command process: head and tail', () => {
  it('keeps everything when it fits, with no note', () => {
    const out = new BoundedOutput({ headLines: 2, tailLines: 2 });
    out.push('a\nb\nc\nd\n');
    assert.equal(out.text(), 'a\nb\nc\nd');
    assert.equal(out.omittedLines, 0);
  });

  it('omits the middle with a note giving lines and bytes', () => {
    const out = new BoundedOutput({ headLines: 2, tailLines: 3 });
    for (let i = 1; i <= 10; i++) out.push(`line${i}\n`);
    // lines 3..7 are omitted: "line3\n".."line7\n", 6 bytes each.
    assert.equal(out.text(), ['line1', 'line2', omittedNote(5, 30), 'line8', 'line9', 'line10'].join('\n'));
    assert.equal(omittedNote(5, 30), '… 5 lines (30 bytes) omitted …');
  });

  it('bounds the head and tail by bytes as well as lines', () => {
    const out = new BoundedOutput({ headLines: 100, tailLines: 100, headBytes: 20, tailBytes: 20 });
    for (let i = 0; i < 100; i++) out.push('123456789\n');
    const text = out.text();
    assert.equal(text, ['123456789', '123456789', omittedNote(96, 960), '123456789', '123456789'].join('\n'));
  });

  it('never holds more than a few hundred KB however much is pushed', () => {
    const out = new BoundedOutput();
    const chunk = `${'z'.repeat(99)}\n`.repeat(640); // 64 KB
    let peak = 0;
    for (let i = 0; i < 160; i++) {
      out.push(chunk); // 10 MB in all
      peak = Math.max(peak, out.retainedChars);
    }
    assert.equal(out.totalBytes, 160 * 64000);
    assert.ok(peak < 200_000, `peak ${peak}`);
  });
});

describe('run_command process: live tail', () => {
  it('coalesces any number of chunks into one update per interval with only the last lines', () => {
    const updates: TailUpdate[] = [];
    const scheduler = manualScheduler();
    const tail = new OutputTail((u) => updates.push(u), { maxLines: 3, scheduler });
    for (let i = 1; i <= 10000; i++) tail.push(`line ${i}\n`);
    assert.equal(updates.length, 0, 'nothing is posted per chunk');
    assert.equal(scheduler.pending(), 1, 'one timer for the whole burst');
    scheduler.tick();
    assert.equal(updates.length, 1);
    assert.deepEqual(updates[0].lines, ['line 9998', 'line 9999', 'line 10000']);
    scheduler.tick();
    assert.equal(updates.length, 1, 'no update when nothing changed');
  });

  it('shows the unfinished line (a progress bar) cleaned, and the final state at the end', () => {
    const updates: TailUpdate[] = [];
    const scheduler = manualScheduler();
    const tail = new OutputTail((u) => updates.push(u), { maxLines: 2, scheduler });
    tail.push('building\n\u001b[33m[##  ] 50%');
    scheduler.tick();
    assert.deepEqual(updates.at(-1)?.lines, ['building', '[##  ] 50%']);
    tail.push('\r[####] 100%');
    tail.end();
    assert.deepEqual(updates.at(-1)?.lines, ['building', '[####] 100%']);
    assert.equal(scheduler.pending(), 0, 'end leaves no timer behind');
  });

  it('posts nothing after dispose', () => {
    const updates: TailUpdate[] = [];
    const scheduler = manualScheduler();
    const tail = new OutputTail((u) => updates.push(u), { scheduler });
    tail.push('x\n');
    tail.dispose();
    tail.push('y\n');
    scheduler.tick();
    assert.equal(updates.length, 0);
  });
});
