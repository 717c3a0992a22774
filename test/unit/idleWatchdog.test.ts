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
    const dog = new IdleWatchdog(50, () => fired++, () => clock);
    dog.start();
    // Simulated clock: activity every 30 ms of "time" for a while; the timer re-checks against it.
    for (let i = 0; i < 5; i++) {
      clock += 30;
      dog.touch();
      await new Promise((r) => setTimeout(r, 60));
    }
    assert.equal(fired, 0);
    clock += 100;
    await new Promise<void>((resolve) => {
      const poll = () => (fired > 0 ? resolve() : setTimeout(poll, 5));
      poll();
    });
    assert.equal(fired, 1);
    dog.stop();
  });

  it('never fires after stop()', async () => {
    let fired = 0;
    const dog = new IdleWatchdog(5, () => fired++);
    dog.start();
    dog.stop();
    await new Promise((r) => setTimeout(r, 30));
    assert.equal(fired, 0);
  });
});
