// Stop (the turn's AbortSignal) ends the loop promptly wherever it lands: before a request, mid-stream,
// or while tools run, and always as a TurnFailure with userAbort so the session marks the turn stopped.
import assert from 'node:assert/strict';
import { TurnFailure } from '../../../src/core/claude/turnStreamer';
import { stall, toolUse } from '../../fake-anthropic';
import { addedMessages, deferred, done, echoTool, startRun, tool, until, useAgentFake } from './agentHarness';

const isStop = (e: unknown) => TurnFailure.is(e) && e.userAbort;

describe('agent loop: Stop (real client, fake API)', () => {
  const f = useAgentFake();

  it('an already aborted signal sends nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(startRun(f.fake, { controller }).promise, isStop);
    assert.equal(f.fake.requests.length, 0);
  });

  it('mid-stream (second request): re-throws the client’s user-abort TurnFailure; the first round’s messages were reported', async () => {
    f.fake.enqueue(toolUse({ id: 'toolu_1', name: 'echo', input: { text: 'hi' } }), stall(3));
    const r = startRun(f.fake);
    await until(() => r.events.some((e) => e.type === 'stream' && e.event.type === 'textDelta'));
    const stoppedAt = Date.now();
    r.controller.abort();
    await assert.rejects(r.promise, isStop);
    assert.ok(Date.now() - stoppedAt < 1000, 'ended promptly');
    assert.equal(await f.fake.waitForOutcome(1), 'client_closed', 'the HTTP stream was closed');
    const added = addedMessages(r.events);
    assert.deepEqual(
      added.map((m) => m.role),
      ['assistant', 'user'],
      'the completed tool round is available to the session, the cut-off answer is not',
    );
    const delta = r.events.find((e) => e.type === 'stream' && e.event.type === 'textDelta');
    assert.ok(delta?.type === 'stream' && 'index' in delta.event && delta.event.index === 1, 'the partial block was already numbered after the first request');
  });

  it('mid-tool: the loop ends promptly, the tool saw the abort, and the call still gets a (cancelled) result', async () => {
    const started = deferred();
    const release = deferred();
    let sawAbort = false;
    let settled = false;
    const slow = tool('slow', 'read', (_input, ctx) => {
      started.resolve();
      return new Promise((resolve) => {
        ctx.signal.addEventListener('abort', () => {
          sawAbort = true;
          // Settles only when the test releases it, as slow cleanup would; the loop must not wait for it.
          void release.promise.then(() => {
            settled = true;
            resolve(done('finished anyway'));
          });
        });
      });
    });
    f.fake.enqueue(
      toolUse([
        { id: 'toolu_fast', name: 'echo', input: { text: 'quick' } },
        { id: 'toolu_slow', name: 'slow', input: {} },
      ]),
    );
    const r = startRun(f.fake, { tools: [echoTool(), slow] });
    await started.promise;
    r.controller.abort();
    await assert.rejects(r.promise, isStop);
    assert.equal(settled, false, 'the loop waited for the tool to settle');
    assert.equal(sawAbort, true, 'the tool got the abort through ctx.signal');
    assert.equal(f.fake.requests.length, 1, 'no request after Stop');

    const [assistant, results] = addedMessages(r.events);
    assert.equal(assistant?.role, 'assistant');
    assert.deepEqual(results, {
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 'toolu_fast', content: 'echo: quick' },
        { type: 'tool_result', tool_use_id: 'toolu_slow', content: 'Cancelled: the user stopped the task while this call was running.', is_error: true },
      ],
    });
    const finished = r.events.flatMap((e) => (e.type === 'toolFinished' ? [[e.toolUseId, e.outcome.summary]] : []));
    assert.deepEqual(finished, [
      ['toolu_fast', 'echo: quick'],
      ['toolu_slow', 'stopped'],
    ]);
    // The tool settles now; once every callback its outcome set off has run, nothing new was reported.
    release.resolve();
    await until(() => settled);
    await new Promise((res) => setImmediate(res));
    assert.equal(r.events.filter((e) => e.type === 'toolFinished').length, 2, 'the late outcome is dropped, not reported twice');
  });

  it('mid-tool: a tool that ignores the signal cannot hold the loop, and later calls are not run', async () => {
    const started = deferred();
    const stuck = tool('stuck', 'write', () => {
      started.resolve();
      return new Promise(() => {});
    });
    const echoed: unknown[] = [];
    f.fake.enqueue(
      toolUse([
        { id: 'toolu_stuck', name: 'stuck', input: {} },
        { id: 'toolu_after', name: 'echo', input: { text: 'never' } },
      ]),
    );
    const r = startRun(f.fake, { tools: [echoTool(echoed), stuck] });
    await started.promise;
    r.controller.abort();
    await assert.rejects(r.promise, isStop);
    assert.deepEqual(echoed, [], 'the read after the write never started');
    const results = addedMessages(r.events)[1]!.content as { tool_use_id: string; content: string }[];
    assert.deepEqual(
      results.map((b) => [b.tool_use_id, b.content]),
      [
        ['toolu_stuck', 'Cancelled: the user stopped the task while this call was running.'],
        ['toolu_after', 'Not run: the user stopped the task.'],
      ],
    );
  });
});
