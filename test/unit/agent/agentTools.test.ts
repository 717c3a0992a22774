// How the loop runs tools: parallel calls answered in one message, reads together, writes alone and in
// order, and every kind of tool failure turned into an is_error result the model can act on.
import assert from 'node:assert/strict';
import type { RunTool } from '../../../src/core/agent/agentTypes';
import { text, toolUse } from '../../fake-anthropic';
import { barrier, boomTool, deferred, done, echoTool, failed, messagesOf, startRun, tool, useAgentFake } from './agentHarness';

type Block = { type: string; tool_use_id?: string; content?: unknown; is_error?: boolean };

describe('agent loop: running tools (real client, fake API)', () => {
  const f = useAgentFake();

  const lastMessage = (i: number) => messagesOf(f.fake.requests[i]).at(-1)!;

  it('answers parallel calls in ONE user message, ids matching and in tool_use order, even when they finish out of order', async () => {
    const bFinished = deferred();
    const latch = tool('latch', 'read', async (input) => {
      const { id } = input as { id: string };
      // `a` can only finish after `b`: run one at a time, this would never end (the guard turns it into an error).
      if (id === 'a') {
        const overlapped = await Promise.race([bFinished.promise.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 3000).unref())]);
        // One macrotask lets b's result settle all the way through the loop first.
        await new Promise((r) => setImmediate(r));
        return overlapped ? done('a done') : failed('ran sequentially');
      }
      bFinished.resolve();
      return done('b done');
    });
    f.fake.enqueue(
      toolUse([
        { id: 'toolu_a', name: 'latch', input: { id: 'a' } },
        { id: 'toolu_b', name: 'latch', input: { id: 'b' } },
      ]),
    );
    const r = startRun(f.fake, { tools: [latch] });
    await r.promise;

    const messages = messagesOf(f.fake.requests[1]);
    assert.equal(messages.length, 3, 'user, assistant, ONE user message with both results');
    assert.deepEqual(messages[2], {
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 'toolu_a', content: 'a done' },
        { type: 'tool_result', tool_use_id: 'toolu_b', content: 'b done' },
      ],
    });
    const finished = r.events.flatMap((e) => (e.type === 'toolFinished' ? [e.toolUseId] : []));
    assert.deepEqual(finished, ['toolu_b', 'toolu_a'], 'b really finished first');
  });

  it('runs consecutive reads concurrently and each write alone, in order', async () => {
    const log: string[] = [];
    const bothReadsStarted = barrier(2);
    const read = tool('read', 'read', async (input) => {
      const { id } = input as { id: string };
      log.push(`start ${id}`);
      const together = await bothReadsStarted();
      log.push(`end ${id}`);
      return together ? done(`${id} ok`) : failed('reads did not overlap');
    });
    const write = tool('write', 'write', async (input) => {
      const { id } = input as { id: string };
      log.push(`start ${id}`);
      await new Promise((r) => setImmediate(r));
      log.push(`end ${id}`);
      return done(`${id} written`);
    });
    f.fake.enqueue(
      toolUse([
        { id: 'toolu_w1', name: 'write', input: { id: 'w1' } },
        { id: 'toolu_w2', name: 'write', input: { id: 'w2' } },
        { id: 'toolu_r1', name: 'read', input: { id: 'r1' } },
        { id: 'toolu_r2', name: 'read', input: { id: 'r2' } },
        { id: 'toolu_w3', name: 'write', input: { id: 'w3' } },
      ]),
    );
    const r = startRun(f.fake, { tools: [read, write] });
    await r.promise;

    assert.deepEqual(log.slice(0, 4), ['start w1', 'end w1', 'start w2', 'end w2'], 'writes one at a time, in order');
    assert.deepEqual(log.slice(4, 6).sort(), ['start r1', 'start r2'], 'both reads started before either ended');
    assert.deepEqual(log.slice(6, 8).sort(), ['end r1', 'end r2']);
    assert.deepEqual(log.slice(8), ['start w3', 'end w3'], 'the write after the reads waits for both');
    const results = lastMessage(1).content as Block[];
    assert.deepEqual(
      results.map((b) => [b.tool_use_id, b.content, b.is_error ?? false]),
      [
        ['toolu_w1', 'w1 written', false],
        ['toolu_w2', 'w2 written', false],
        ['toolu_r1', 'r1 ok', false],
        ['toolu_r2', 'r2 ok', false],
        ['toolu_w3', 'w3 written', false],
      ],
    );
  });

  it('uses the given runTool, and its is_error result (bad input) goes back while the loop carries on', async () => {
    const seen: string[] = [];
    const runTool: RunTool = async (spec, input, ctx, toolUseId) => {
      seen.push(toolUseId);
      if (typeof (input as { text?: unknown }).text !== 'string') return { content: 'Invalid input: /text must be string', isError: true, status: 'failed', summary: 'invalid input' };
      return spec.run(input, ctx, toolUseId);
    };
    f.fake.enqueue(toolUse({ id: 'toolu_bad', name: 'echo', input: { text: 5 } }), toolUse({ id: 'toolu_good', name: 'echo', input: { text: 'fixed' } }), text('Fixed it.'));
    const r = startRun(f.fake, { runTool });
    const result = await r.promise;

    assert.equal(result.reason, 'end_turn');
    assert.deepEqual(seen, ['toolu_bad', 'toolu_good']);
    assert.deepEqual(lastMessage(1).content, [{ type: 'tool_result', tool_use_id: 'toolu_bad', content: 'Invalid input: /text must be string', is_error: true }]);
    assert.deepEqual(lastMessage(2).content, [{ type: 'tool_result', tool_use_id: 'toolu_good', content: 'echo: fixed' }]);
  });

  it('a tool that throws becomes an is_error result and the loop continues', async () => {
    f.fake.enqueue(toolUse({ id: 'toolu_1', name: 'boom', input: {} }), text('I see the tool failed.'));
    const r = startRun(f.fake, { tools: [echoTool(), boomTool] });
    const result = await r.promise;
    assert.equal(result.reason, 'end_turn');
    assert.deepEqual(lastMessage(1).content, [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'The boom tool failed: disk on fire', is_error: true }]);
    const finished = r.events.find((e) => e.type === 'toolFinished');
    assert.ok(finished?.type === 'toolFinished' && finished.outcome.status === 'failed');
  });

  it('a throwing runTool is contained the same way', async () => {
    f.fake.enqueue(toolUse({ id: 'toolu_1', name: 'echo', input: { text: 'x' } }));
    const r = startRun(f.fake, { runTool: () => Promise.reject(new Error('validator crashed')) });
    assert.equal((await r.promise).reason, 'end_turn');
    assert.deepEqual(lastMessage(1).content, [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'The echo tool failed: validator crashed', is_error: true }]);
  });

  it('a call naming an unknown tool gets an is_error result listing the available tools', async () => {
    f.fake.enqueue(
      toolUse([
        { id: 'toolu_1', name: 'delete_everything', input: {} },
        { id: 'toolu_2', name: 'echo', input: { text: 'still runs' } },
      ]),
    );
    const r = startRun(f.fake, { tools: [echoTool(), boomTool] });
    assert.equal((await r.promise).reason, 'end_turn');
    assert.deepEqual(lastMessage(1).content, [
      { type: 'tool_result', tool_use_id: 'toolu_1', content: 'unknown tool delete_everything; available: echo, boom', is_error: true },
      { type: 'tool_result', tool_use_id: 'toolu_2', content: 'echo: still runs' },
    ]);
    assert.deepEqual(
      r.events.flatMap((e) => (e.type === 'toolStarted' ? [e.name] : [])),
      ['delete_everything', 'echo'],
      'the panel hears about the unknown call too',
    );
  });
});
