// How a turn ends: the API's stop reasons (max_tokens, refusal, context window) and the loop's own limits
// (iterations, cost, a call that keeps failing), through the real client and the fake API.
import assert from 'node:assert/strict';
import { runAgentTurn } from '../../../src/core/agent/agentLoop';
import { DEFAULT_LIMITS } from '../../../src/core/agent/agentTypes';
import type { TurnResult } from '../../../src/core/claude/streamEvents';
import type { TurnStreamer } from '../../../src/core/claude/turnStreamer';
import { refusal, text, toolUse } from '../../fake-anthropic';
import { boomTool, echoTool, messagesOf, startRun, stubContext, useAgentFake } from './agentHarness';

describe('agent loop: stop reasons and limits (real client, fake API)', () => {
  const f = useAgentFake();

  it('max_tokens ends the turn with reason max_tokens (the panel offers Continue)', async () => {
    f.fake.enqueue(text('A very long answer that got cut', { stopReason: 'max_tokens' }));
    const result = await startRun(f.fake).promise;
    assert.equal(result.reason, 'max_tokens');
    assert.match(result.detail ?? '', /output limit/);
    assert.equal(f.fake.requests.length, 1);
    assert.deepEqual(result.newMessages, [{ role: 'assistant', content: [{ type: 'text', text: 'A very long answer that got cut' }] }]);
  });

  it('max_tokens with tool_use blocks: the calls are not run, but still answered so the history stays valid', async () => {
    const echoed: unknown[] = [];
    f.fake.enqueue(toolUse({ id: 'toolu_1', name: 'echo', input: { text: 'x' } }, { stopReason: 'max_tokens' }));
    const r = startRun(f.fake, { tools: [echoTool(echoed)] });
    const result = await r.promise;
    assert.equal(result.reason, 'max_tokens');
    assert.deepEqual(echoed, []);
    assert.equal(f.fake.requests.length, 1);
    assert.deepEqual(result.newMessages[1], {
      role: 'user',
      content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'Not run: the answer was cut off at the output limit.', is_error: true }],
    });
    assert.ok(r.events.some((e) => e.type === 'toolFinished' && e.toolUseId === 'toolu_1'), 'the tool card is resolved');
  });

  it('refusal ends the turn with reason refusal and words for the panel', async () => {
    f.fake.enqueue(refusal({ text: 'I can’t help with that.', explanation: 'This request was refused due to policy.' }));
    const result = await startRun(f.fake).promise;
    assert.equal(result.reason, 'refusal');
    assert.ok(result.detail && result.detail.length > 0);
    assert.equal(f.fake.requests.length, 1);
  });

  it('refusal: the API explanation is shown once the client passes stop_details on', async () => {
    const refused = { messageId: 'msg_1', model: 'claude-sonnet-5-5', content: [], stopReason: 'refusal', usage: { inputTokens: 10, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0, cacheWrite1hTokens: 0, thinkingTokens: 0 } };
    const streamer: TurnStreamer = { streamTurn: async () => ({ ...refused, stopDetails: { type: 'refusal', category: 'cyber', explanation: 'Declined: this looks like malware.' } }) as TurnResult };
    const signal = new AbortController().signal;
    const result = await runAgentTurn({ streamer, history: [{ role: 'user', content: 'x' }], tools: [], context: stubContext(signal), limits: DEFAULT_LIMITS, signal, onEvent: () => {}, costOf: () => 0 });
    assert.equal(result.reason, 'refusal');
    assert.equal(result.detail, 'Declined: this looks like malware.');
    assert.deepEqual(result.newMessages, [], 'an empty assistant message is not added to the history');
  });

  it('model_context_window_exceeded ends with context_exceeded and advice', async () => {
    f.fake.enqueue(text('Partial', { stopReason: 'model_context_window_exceeded' }));
    const result = await startRun(f.fake).promise;
    assert.equal(result.reason, 'context_exceeded');
    assert.match(result.detail ?? '', /new chat/i);
    assert.match(result.detail ?? '', /compact/i);
  });

  it('stop_sequence is a normal end', async () => {
    f.fake.enqueue(text('Up to the marker', { stopReason: 'stop_sequence', stopSequence: '###' }));
    const result = await startRun(f.fake).promise;
    assert.equal(result.reason, 'stop_sequence');
    assert.equal(result.detail, undefined);
  });

  it('maxIterations stops the loop and says how many requests were made', async () => {
    f.fake.setDefault(() => toolUse({ name: 'echo', input: { text: 'again' } }));
    const result = await startRun(f.fake, { limits: { maxIterations: 3 } }).promise;
    assert.equal(result.reason, 'max_iterations');
    assert.match(result.detail ?? '', /after 3 model requests/);
    assert.equal(f.fake.requests.length, 3);
    assert.equal(result.newMessages.length, 6, 'three assistant messages, each with its tool results');
    assert.equal(result.newMessages.at(-1)!.role, 'user');
  });

  describe('the cost limit', () => {
    // claude-sonnet-5-5: $2/M input, $10/M output, $0.20/M cache read, $2.50/M cache write.
    // Each answer is pinned at 100k uncached input + 1k output = $0.21. The estimate for the next request
    // is 100k re-read ($0.02) + the new ~100 tokens written (~$0.0003) + 1k output ($0.01) ≈ $0.0303.
    const pinned = { input_tokens: 100_000, output_tokens: 1_000, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 };
    beforeEach(() => f.fake.setDefault(() => toolUse({ name: 'echo', input: { text: 'again' } }, { usage: pinned })));

    it('stops before the request that would pass the limit', async () => {
      // $0.21 + $0.03 ≤ $0.45 lets request 2 go; $0.42 + $0.03 > $0.45 holds request 3 back.
      const result = await startRun(f.fake, { limits: { maxCostPerTaskUsd: 0.45 } }).promise;
      assert.equal(result.reason, 'cost_limit');
      assert.equal(f.fake.requests.length, 2);
      assert.match(result.detail ?? '', /\$0\.42 of its \$0\.45 limit/);
      assert.match(result.detail ?? '', /about \$0\.03\d* more/);
    });

    it('a limit below the first request plus the estimate stops after one request', async () => {
      const result = await startRun(f.fake, { limits: { maxCostPerTaskUsd: 0.22 } }).promise;
      assert.equal(result.reason, 'cost_limit');
      assert.equal(f.fake.requests.length, 1);
    });

    it('0 means no limit', async () => {
      const result = await startRun(f.fake, { limits: { maxCostPerTaskUsd: 0, maxIterations: 4 } }).promise;
      assert.equal(result.reason, 'max_iterations');
      assert.equal(f.fake.requests.length, 4);
    });

    it('a model without a known price cannot be limited, so the loop goes on', async () => {
      const result = await startRun(f.fake, { limits: { maxCostPerTaskUsd: 0.01, maxIterations: 3 }, costOf: () => undefined }).promise;
      assert.equal(result.reason, 'max_iterations');
      assert.equal(f.fake.requests.length, 3);
    });
  });

  it('stops when the same call (name + canonical input) fails 3 times in a row', async () => {
    let n = 0;
    // Same input, keys in a different order each time: still the same call.
    f.fake.setDefault(() => toolUse({ name: 'boom', input: n++ % 2 ? { path: 'a.ts', line: 3 } : { line: 3, path: 'a.ts' } }));
    const result = await startRun(f.fake, { tools: [boomTool], limits: { maxRepeatedFailures: 3, maxIterations: 10 } }).promise;
    assert.equal(result.reason, 'repeated_failure');
    assert.match(result.detail ?? '', /same boom call failed 3 times/);
    assert.equal(f.fake.requests.length, 3);
    const lastResults = result.newMessages.at(-1)!;
    assert.equal(lastResults.role, 'user', 'the failing result is still in the history');
  });

  it('different inputs failing are not a repeated failure', async () => {
    let n = 0;
    f.fake.setDefault(() => toolUse({ name: 'boom', input: { path: `file${n++}.ts` } }));
    const result = await startRun(f.fake, { tools: [boomTool], limits: { maxRepeatedFailures: 3, maxIterations: 5 } }).promise;
    assert.equal(result.reason, 'max_iterations');
    assert.equal(f.fake.requests.length, 5);
    assert.equal(messagesOf(f.fake.requests[4]).length, 9);
  });
});
