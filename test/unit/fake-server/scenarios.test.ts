// Fake Anthropic server: each scenario builder, consumed through the real SDK.
import assert from 'node:assert/strict';
import {
  message,
  redactedThinking,
  refusal,
  replaySse,
  text,
  thinking,
  toolUse,
  reportFindings,
} from '../../fake-anthropic';
import { params, rawStream } from './helpers';
import { useFakeAnthropic } from '../../support/useFakeAnthropic';

describe('fake Anthropic server', function () {
  const f = useFakeAnthropic();

  describe('scenarios through the SDK', () => {
    it('text: several word-chunked deltas', async () => {
      f.fake.enqueue(text('The answer is forty two, as everybody knows.'));
      const deltas: string[] = [];
      const stream = f.client.messages.stream(params()).on('text', (d) => deltas.push(d));
      assert.equal(await stream.finalText(), 'The answer is forty two, as everybody knows.');
      assert.ok(deltas.length >= 3);
    });

    it('thinking then text', async () => {
      f.fake.enqueue(thinking('Let me think about this.', 'Here you go.', { signature: 'sig-abc' }));
      const thoughts: string[] = [];
      const msg = await f.client.messages.stream(params()).on('thinking', (d) => thoughts.push(d)).finalMessage();
      assert.deepEqual(msg.content, [
        { type: 'thinking', thinking: 'Let me think about this.', signature: 'sig-abc' },
        { type: 'text', text: 'Here you go.' },
      ]);
      assert.equal(thoughts.join(''), 'Let me think about this.');
      assert.equal(msg.usage.output_tokens_details?.thinking_tokens, 3);
    });

    it('redacted thinking then text', async () => {
      f.fake.enqueue(redactedThinking('EmwKAhgBEgy3va3pzix/LafPsn4a', 'Visible answer.'));
      const msg = await f.client.messages.stream(params()).finalMessage();
      assert.deepEqual(msg.content, [
        { type: 'redacted_thinking', data: 'EmwKAhgBEgy3va3pzix/LafPsn4a' },
        { type: 'text', text: 'Visible answer.' },
      ]);
    });

    it('parallel tool_use blocks after leading text', async () => {
      f.fake.enqueue(
        toolUse(
          [
            { name: 'get_weather', input: { location: 'San Francisco, CA', unit: 'c' }, id: 'toolu_a' },
            { name: 'get_weather', input: { location: 'Paris', nested: { days: [1, 2, 3] } }, id: 'toolu_b' },
          ],
          { text: 'Checking both cities.' },
        ),
      );
      const msg = await f.client.messages.stream(params()).finalMessage();
      assert.equal(msg.stop_reason, 'tool_use');
      assert.deepEqual(msg.content, [
        { type: 'text', text: 'Checking both cities.' },
        { type: 'tool_use', id: 'toolu_a', name: 'get_weather', caller: { type: 'direct' }, input: { location: 'San Francisco, CA', unit: 'c' } },
        { type: 'tool_use', id: 'toolu_b', name: 'get_weather', caller: { type: 'direct' }, input: { location: 'Paris', nested: { days: [1, 2, 3] } } },
      ]);
    });

    it('reportFindings(): a report_findings tool_use the SDK assembles, answering a forced tool_choice', async () => {
      const report = { summary: 'One issue.', findings: [{ severity: 'warning', line: 7, endLine: 8, title: 'Divides by zero', detail: 'Guard it.', suggestion: 'x' }] };
      f.fake.enqueue(reportFindings(report, { id: 'toolu_r', jsonChunkSize: 5 }));
      const tools = [{ name: 'report_findings', input_schema: { type: 'object' as const } }];
      const msg = await f.client.messages.stream({ ...params(), tools, tool_choice: { type: 'tool', name: 'report_findings' } }).finalMessage();
      assert.equal(msg.stop_reason, 'tool_use');
      assert.deepEqual(msg.content, [{ type: 'tool_use', id: 'toolu_r', name: 'report_findings', caller: { type: 'direct' }, input: report }]);
    });

    it('thinking → tool_use via message(), then a valid tool_result turn', async () => {
      f.fake.enqueue(
        message([
          { type: 'thinking', thinking: 'Need the file.' },
          { type: 'tool_use', name: 'read_file', input: { path: 'a.ts' }, id: 'toolu_x' },
        ]),
        text('The file is empty.'),
      );
      const first = await f.client.messages.stream(params()).finalMessage();
      assert.equal(first.stop_reason, 'tool_use');
      assert.deepEqual(first.content.map((b) => b.type), ['thinking', 'tool_use']);
      const second = await f.client.messages.create({
        ...params(),
        messages: [
          { role: 'user', content: 'read a.ts' },
          { role: 'assistant', content: first.content },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_x', content: '' }] },
        ],
      });
      assert.equal(second.stop_reason, 'end_turn');
    });

    it('refusal with stop_details', async () => {
      f.fake.enqueue(refusal({ category: 'cyber', explanation: 'Not allowed.' }));
      const msg = await f.client.messages.stream(params()).finalMessage();
      assert.equal(msg.stop_reason, 'refusal');
      assert.deepEqual(msg.stop_details, { type: 'refusal', category: 'cyber', explanation: 'Not allowed.' });
    });

    it('replays raw SSE text verbatim', async () => {
      const sse =
        'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_r","type":"message","role":"assistant","model":"m","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":1,"output_tokens":1}}}\n\n' +
        'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\n' +
        'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"replayed"}}\n\n' +
        'event: content_block_stop\ndata: {"type":"content_block_stop","index":0}\n\n' +
        'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":3}}\n\n' +
        'event: message_stop\ndata: {"type":"message_stop"}\n\n';
      f.fake.enqueue(replaySse(sse), replaySse(sse));
      const { raw } = await rawStream(f.fake);
      assert.equal(raw, sse);
      const msg = await f.client.messages.stream(params()).finalMessage();
      assert.equal(msg.id, 'msg_r');
      assert.equal(msg.model, 'm');
      assert.deepEqual(msg.content, [{ type: 'text', text: 'replayed' }]);
    });
  });
});
