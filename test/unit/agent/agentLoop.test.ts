// The agent loop's main path through the real ClaudeClient and the fake API: tool calls and their results,
// the messages the turn adds, thinking blocks going back unchanged, pause_turn, and block numbering.
import assert from 'node:assert/strict';
import type { AgentEvent } from '../../../src/core/agent/agentTypes';
import { fakeSignature, message, text, toolUse } from '../../fake-anthropic';
import { addedMessages, echoTool, messagesOf, startRun, useAgentFake } from './agentHarness';

const USER = { role: 'user', content: 'Please do the task.' };

describe('agent loop: the main path (real client, fake API)', () => {
  const f = useAgentFake();

  it('runs a tool call, sends its result back, and ends at end_turn', async () => {
    const echoed: unknown[] = [];
    f.fake.enqueue(toolUse({ id: 'toolu_1', name: 'echo', input: { text: 'hi' } }, { text: 'Let me echo.' }), text('All done.'));
    const r = startRun(f.fake, { tools: [echoTool(echoed)] });
    const result = await r.promise;

    assert.equal(result.reason, 'end_turn');
    assert.equal(result.model, 'claude-sonnet-5-5');
    assert.equal(f.fake.requests.length, 2);
    assert.deepEqual(echoed, [{ text: 'hi' }]);
    const tools = (f.fake.requests[0]!.body as { tools: unknown[] }).tools;
    assert.deepEqual(tools, [{ name: 'echo', description: 'The echo test tool.', input_schema: { type: 'object', properties: { text: { type: 'string' } } } }]);

    const assistant = { role: 'assistant', content: [{ type: 'text', text: 'Let me echo.' }, { type: 'tool_use', id: 'toolu_1', name: 'echo', input: { text: 'hi' } }] };
    const results = { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'echo: hi' }] };
    assert.deepEqual(messagesOf(f.fake.requests[1]), [USER, assistant, results]);
    assert.deepEqual(result.newMessages, [assistant, results, { role: 'assistant', content: [{ type: 'text', text: 'All done.' }] }]);
    assert.deepEqual(addedMessages(r.events), result.newMessages, 'messagesAdded events add up to newMessages');

    const lifecycle = r.events.filter((e) => e.type !== 'stream' && e.type !== 'messagesAdded').map((e) => e.type);
    assert.deepEqual(lifecycle, ['requestDone', 'toolStarted', 'toolFinished', 'requestDone']);
    const started = r.events.find((e): e is Extract<AgentEvent, { type: 'toolStarted' }> => e.type === 'toolStarted')!;
    assert.deepEqual({ ...started }, { type: 'toolStarted', blockIndex: 1, toolUseId: 'toolu_1', name: 'echo', input: { text: 'hi' } });
    const dones = r.events.filter((e): e is Extract<AgentEvent, { type: 'requestDone' }> => e.type === 'requestDone');
    assert.deepEqual(
      dones.map((d) => [d.iteration, d.stopReason, d.model]),
      [
        [1, 'tool_use', 'claude-sonnet-5-5'],
        [2, 'end_turn', 'claude-sonnet-5-5'],
      ],
    );
    assert.ok(dones.every((d) => d.usage.inputTokens > 0));
  });

  it('keeps block indexes counting up across the requests of one turn', async () => {
    f.fake.enqueue(
      toolUse([{ id: 'toolu_a', name: 'echo', input: { text: 'a' } }, { id: 'toolu_b', name: 'echo', input: { text: 'b' } }], { thinking: 'Two echoes.', text: 'Echoing.' }),
      toolUse({ id: 'toolu_c', name: 'echo', input: { text: 'c' } }),
      text('Finished.'),
    );
    const r = startRun(f.fake);
    await r.promise;

    const starts = r.events.flatMap((e) => (e.type === 'stream' && e.event.type === 'blockStart' ? [[e.event.index, e.event.kind]] : []));
    assert.deepEqual(starts, [
      [0, 'thinking'],
      [1, 'text'],
      [2, 'tool_use'],
      [3, 'tool_use'],
      [4, 'tool_use'],
      [5, 'text'],
    ]);
    // Every indexed event of a block carries the shifted index, not just its start.
    const deltas = r.events.flatMap((e) => (e.type === 'stream' && e.event.type === 'textDelta' ? [e.event.index] : []));
    assert.deepEqual([...new Set(deltas)], [1, 5]);
    const toolBlocks = r.events.flatMap((e) => (e.type === 'toolStarted' || e.type === 'toolFinished' ? [[e.type, e.toolUseId, e.blockIndex]] : []));
    assert.deepEqual(toolBlocks, [
      ['toolStarted', 'toolu_a', 2],
      ['toolStarted', 'toolu_b', 3],
      ['toolFinished', 'toolu_a', 2],
      ['toolFinished', 'toolu_b', 3],
      ['toolStarted', 'toolu_c', 4],
      ['toolFinished', 'toolu_c', 4],
    ]);
  });

  it('passes thinking (with its signature) and redacted thinking back byte-identical across tool turns', async () => {
    const first = { type: 'thinking', thinking: 'Plan: echo one, then two.', signature: 'c2lnbmF0dXJlLW9uZQ==' };
    const redacted = { type: 'redacted_thinking', data: 'RW5jcnlwdGVkQmxvYg==' };
    f.fake.enqueue(
      message([first as { type: 'thinking'; thinking: string; signature: string }, redacted as { type: 'redacted_thinking'; data: string }, { type: 'tool_use', id: 'toolu_1', name: 'echo', input: { text: '1' } }]),
      toolUse({ id: 'toolu_2', name: 'echo', input: { text: '2' } }, { thinking: 'Now the second.' }),
      text('Both echoed.'),
    );
    const r = startRun(f.fake);
    const result = await r.promise;
    assert.equal(result.reason, 'end_turn');
    assert.equal(f.fake.requests.length, 3, 'the fake accepted every request (tool_result pairing validated)');

    const second = { type: 'thinking', thinking: 'Now the second.', signature: fakeSignature('Now the second.') };
    const sent = messagesOf(f.fake.requests[2]);
    const firstAssistant = sent[1]!.content as unknown[];
    const secondAssistant = sent[3]!.content as unknown[];
    assert.equal(JSON.stringify(firstAssistant[0]), JSON.stringify(first), 'thinking block unchanged, key order too');
    assert.equal(JSON.stringify(firstAssistant[1]), JSON.stringify(redacted));
    assert.equal(JSON.stringify(secondAssistant[0]), JSON.stringify(second));
    assert.deepEqual(messagesOf(f.fake.requests[1])[1], sent[1], 'the first assistant message is sent identically in both follow-ups');
    assert.deepEqual(result.newMessages[0], sent[1]);
    assert.deepEqual(result.newMessages[2], sent[3]);
  });

  it('pause_turn: sends the assistant content back as-is, without a user message, and requests again', async () => {
    f.fake.enqueue(text('Searching the docs…', { stopReason: 'pause_turn' }), text('Found it.'));
    const r = startRun(f.fake);
    const result = await r.promise;
    assert.equal(result.reason, 'end_turn');
    assert.equal(f.fake.requests.length, 2);
    const paused = { role: 'assistant', content: [{ type: 'text', text: 'Searching the docs…' }] };
    assert.deepEqual(messagesOf(f.fake.requests[1]), [USER, paused]);
    assert.deepEqual(result.newMessages, [paused, { role: 'assistant', content: [{ type: 'text', text: 'Found it.' }] }]);
  });

  it('pause_turn counts toward maxIterations', async () => {
    f.fake.setDefault(text('Still working…', { stopReason: 'pause_turn' }));
    const r = startRun(f.fake, { limits: { maxIterations: 2 } });
    const result = await r.promise;
    assert.equal(result.reason, 'max_iterations');
    assert.equal(f.fake.requests.length, 2);
  });

  it('sends no tools field when the turn has no tools, and a plain answer ends the turn', async () => {
    const r = startRun(f.fake, { tools: [] });
    const result = await r.promise;
    assert.equal(result.reason, 'end_turn');
    assert.equal('tools' in (f.fake.requests[0]!.body as object), false);
    assert.deepEqual(result.newMessages, [{ role: 'assistant', content: [{ type: 'text', text: 'Done.' }] }]);
  });
});
