import assert from 'node:assert/strict';
import { IdleWatchdog } from '../../src/core/claude/idleWatchdog';

describe('IdleWatchdog', () => {
  it('fires once after the idle period with no activity', async () => {
    let fired = 0;
    const dog = new IdleWatchdog(20, () => fired++);
    dog.start();
    await new Promise<void>((resolve) => {
      const poll = () => (fired > 0 ? resolve() : setTimeout(poll, 2));
      poll();
    });
    assert.equal(fired, 1);
    dog.stop();
  });

  it('does not fire while activity keeps arriving, and re-arms from the last touch', async () => {
    let clock = 0;
    let fired = 0;
    // The timer reads the (simulated) clock each time it wakes up: counting the reads that were not
    // start() or touch() tells when it has looked and decided, so "not fired" is asserted after a look.
    let reads = 0;
    let touches = 0;
    const dog = new IdleWatchdog(50, () => fired++, () => (reads++, clock));
    const looks = () => reads - 1 - touches;
    dog.start();
    for (let i = 0; i < 5; i++) {
      clock += 30;
      dog.touch();
      touches++;
      const before = looks();
      await until(() => looks() > before);
      assert.equal(fired, 0, `fired after a touch ${i + 1}`);
    }
    clock += 100;
    await until(() => fired > 0);
    assert.equal(fired, 1);
    dog.stop();
  });

  it('never fires after stop()', async () => {
    let fired = 0;
    const dog = new IdleWatchdog(5, () => fired++);
    dog.start();
    dog.stop();
    // A watchdog started after it with the same period: timers of one duration run in the order they
    // were set, so once this one fires, the stopped one's moment has passed.
    let later = 0;
    new IdleWatchdog(5, () => later++).start();
    await until(() => later > 0);
    assert.equal(fired, 0);
  });
});

/** Resolves once `condition()` holds, checking on each turn of the event loop's timer phase. */
function until(condition: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const poll = () => (condition() ? resolve() : setTimeout(poll, 1));
    poll();
  });
}
