// The transcript's delta queue: a frame's deltas apply once, together and in order, on that frame; a
// structural change flushes them first; a new transcript drops them.
import assert from 'node:assert/strict';
import { DeltaQueue, type FrameScheduler, type QueuedDeltas } from '../../../src/webview/deltaQueue';

/** Animation frames run by hand. */
class Frames implements FrameScheduler {
  private next = 1;
  readonly pending = new Map<number, () => void>();
  requested = 0;
  request(callback: () => void): number {
    this.requested++;
    const handle = this.next++;
    this.pending.set(handle, callback);
    return handle;
  }
  cancel(handle: number): void {
    this.pending.delete(handle);
  }
  run(): void {
    const due = [...this.pending.values()];
    this.pending.clear();
    for (const cb of due) cb();
  }
}

const delta = (index: number, text: string) => ({ index, text });
const texts = (batch: readonly QueuedDeltas[]) => batch.flatMap((q) => q.deltas.map((d) => `${q.turnId}:${d.index}:${d.text}`));

function setup() {
  const frames = new Frames();
  const batches: string[][] = [];
  let onApply: (() => void) | undefined;
  const queue = new DeltaQueue((batch) => {
    batches.push(texts(batch));
    onApply?.();
  }, frames);
  return { frames, batches, queue, whileApplying: (fn: () => void) => (onApply = fn) };
}

describe('transcript delta queue', () => {
  it('applies a frame’s deltas once, on the frame, in arrival order, asking for one frame', () => {
    const { frames, batches, queue } = setup();
    queue.push('t1', [delta(0, 'a'), delta(0, 'b')]);
    queue.push('t2', [delta(1, 'c')]);
    queue.push('t1', [delta(0, 'd')]);
    assert.equal(batches.length, 0, 'nothing applies before the frame');
    assert.equal(frames.requested, 1);
    frames.run();
    assert.deepEqual(batches, [['t1:0:a', 't1:0:b', 't2:1:c', 't1:0:d']]);
    frames.run();
    assert.equal(batches.length, 1, 'an empty frame applies nothing');
  });

  it('a flush (before a structural change) applies queued text now, and the frame does not apply it again', () => {
    const { frames, batches, queue } = setup();
    queue.push('t1', [delta(0, 'before the block stops')]);
    queue.flush();
    assert.deepEqual(batches, [['t1:0:before the block stops']]);
    assert.equal(frames.pending.size, 0, 'the frame was cancelled');
    frames.run();
    assert.equal(batches.length, 1);
    queue.flush();
    assert.equal(batches.length, 1, 'a flush with nothing queued applies nothing');
  });

  it('text queued after a flush waits for its own frame, after the change', () => {
    const { frames, batches, queue } = setup();
    queue.push('t1', [delta(0, 'one')]);
    queue.flush();
    queue.push('t1', [delta(1, 'two')]);
    assert.equal(frames.pending.size, 1, 'a new frame was asked for');
    frames.run();
    assert.deepEqual(batches, [['t1:0:one'], ['t1:1:two']]);
  });

  it('deltas arriving while a batch applies are kept for the next frame, not lost or applied twice', () => {
    const { frames, batches, queue, whileApplying } = setup();
    let once = true;
    whileApplying(() => {
      if (once) queue.push('t1', [delta(0, 'late')]);
      once = false;
    });
    queue.push('t1', [delta(0, 'early')]);
    frames.run();
    frames.run();
    assert.deepEqual(batches, [['t1:0:early'], ['t1:0:late']]);
  });

  it('clear (a new transcript) drops what is queued and the frame', () => {
    const { frames, batches, queue } = setup();
    queue.push('t1', [delta(0, 'from the old transcript')]);
    queue.clear();
    frames.run();
    queue.flush();
    assert.deepEqual(batches, []);
    assert.equal(frames.pending.size, 0);
  });
});
