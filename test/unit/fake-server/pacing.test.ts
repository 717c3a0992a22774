// Fake Anthropic server: token pacing and keep-alive pings.
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { paced, startFakeAnthropic, text } from '../../fake-anthropic';
import { params, rawStream, sdk } from './helpers';
import { useFakeAnthropic } from '../../support/useFakeAnthropic';

describe('fake Anthropic server', function () {
  const f = useFakeAnthropic();

  describe('pacing', () => {
    it('N chunks at T tokens/s take at least N/T seconds', async () => {
      f.fake.enqueue(paced(100, text(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'])));
      let deltas = 0;
      const t0 = performance.now();
      await f.client.messages.stream(params()).on('text', () => deltas++).finalMessage();
      const elapsed = performance.now() - t0;
      assert.equal(deltas, 10);
      assert.ok(elapsed >= 100, `took ${elapsed} ms`);
    });

    it('the server-wide default paces; tokensPerSecond 0 in a scenario turns it off', async () => {
      const own = await startFakeAnthropic({ tokensPerSecond: 50 });
      try {
        const c = sdk(own);
        own.enqueue(text(['1', '2', '3', '4', '5']));
        const t0 = performance.now();
        await c.messages.stream(params()).finalMessage();
        assert.ok(performance.now() - t0 >= 100);
        own.enqueue(paced(0, text(['1', '2', '3', '4', '5'])));
        const fast = await c.messages.stream(params()).finalText();
        assert.equal(fast, '12345');
      } finally {
        await own.close();
      }
    });

    it('periodic pings while streaming when pingIntervalMs is set', async () => {
      f.fake.enqueue(text(['a', 'b', 'c', 'd'], { tokensPerSecond: 25, pingIntervalMs: 10 }));
      const { events } = await rawStream(f.fake);
      assert.ok(events.filter((e) => e.event === 'ping').length >= 3);
    });
  });
});
