import assert from 'node:assert/strict';
import { DeltaCoalescer } from '../../src/core/chat/deltaCoalescer';
import type { HostToWebview } from '../../src/shared/protocol';

describe('DeltaCoalescer', () => {
  it('merges many deltas into one message per interval', async () => {
    const posted: HostToWebview[] = [];
    const c = new DeltaCoalescer((m) => posted.push(m), 5);
    for (let i = 0; i < 100; i++) c.append('t1', 0, 'x');
    assert.equal(posted.length, 0, 'nothing is posted synchronously');
    await new Promise<void>((resolve) => {
      const poll = () => (posted.length > 0 ? resolve() : setTimeout(poll, 1));
      poll();
    });
    assert.deepEqual(posted, [{ type: 'blockDeltas', turnId: 't1', deltas: [{ index: 0, text: 'x'.repeat(100) }] }]);
  });

  it('flushes pending text before a structural message so order is kept', () => {
    const posted: HostToWebview[] = [];
    const c = new DeltaCoalescer((m) => posted.push(m), 1000);
    c.append('t1', 0, 'Hello');
    c.append('t1', 1, 'think');
    c.append('t1', 0, ' world');
    c.send({ type: 'blockStopped', turnId: 't1', index: 0 });
    assert.deepEqual(posted, [
      { type: 'blockDeltas', turnId: 't1', deltas: [{ index: 0, text: 'Hello world' }, { index: 1, text: 'think' }] },
      { type: 'blockStopped', turnId: 't1', index: 0 },
    ]);
    c.dispose();
    assert.equal(posted.length, 2, 'nothing left to flush');
  });

  it('does not mix turns in one message', () => {
    const posted: HostToWebview[] = [];
    const c = new DeltaCoalescer((m) => posted.push(m), 1000);
    c.append('t1', 0, 'a');
    c.append('t2', 0, 'b');
    c.flush();
    assert.deepEqual(posted, [
      { type: 'blockDeltas', turnId: 't1', deltas: [{ index: 0, text: 'a' }] },
      { type: 'blockDeltas', turnId: 't2', deltas: [{ index: 0, text: 'b' }] },
    ]);
  });
});
