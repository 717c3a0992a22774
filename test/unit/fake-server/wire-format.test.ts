// Fake Anthropic server: the raw SSE bytes, read with node:http.
import assert from 'node:assert/strict';
import { text, thinking, toolUse } from '../../fake-anthropic';
import { dataOf, rawStream } from './helpers';
import { useFakeAnthropic } from '../../support/useFakeAnthropic';

describe('fake Anthropic server', function () {
  const f = useFakeAnthropic();

  describe('wire format', () => {
    it('sends well-formed SSE with the API headers and event shapes', async () => {
      f.fake.enqueue(text('one two three four five six seven'));
      const { res, raw, events } = await rawStream(f.fake);
      assert.equal(res.status, 200);
      assert.equal(res.headers['content-type'], 'text/event-stream; charset=utf-8');
      assert.equal(res.headers['cache-control'], 'no-cache');
      assert.match(res.headers['request-id']!, /^req_/);
      assert.ok(raw.endsWith('\n\n'));
      for (const block of raw.slice(0, -2).split('\n\n')) {
        assert.match(block, /^event: [a-z_]+\ndata: \{.*\}$/);
      }
      assert.deepEqual(
        events.map((e) => e.event),
        ['message_start', 'ping', 'content_block_start', 'content_block_delta', 'content_block_delta', 'content_block_delta',
          'content_block_stop', 'message_delta', 'message_stop'],
      );
      assert.equal(events[1]!.data, '{"type": "ping"}');
      const start = JSON.parse(events[0]!.data);
      assert.deepEqual(Object.keys(start.message).sort(), [
        'content', 'id', 'model', 'role', 'stop_details', 'stop_reason', 'stop_sequence', 'type', 'usage',
      ]);
      assert.deepEqual(start.message.content, []);
      assert.equal(start.message.stop_details, null);
      assert.deepEqual(start.message.usage.cache_creation, { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 });
      assert.equal(start.message.usage.output_tokens, 1);
      assert.equal(start.message.usage.service_tier, 'standard');
      const deltas = dataOf(events, 'content_block_delta').map((d) => d.delta.text);
      assert.deepEqual(deltas, ['one two three', ' four five six', ' seven']);
      const md = dataOf(events, 'message_delta')[0];
      assert.deepEqual(md.delta, { stop_reason: 'end_turn', stop_sequence: null, stop_details: null });
      assert.equal(md.usage.output_tokens, 3);
    });

    it('streams thinking deltas, then one signature_delta just before the block stops', async () => {
      f.fake.enqueue(thinking('First I consider the question carefully.', 'Done.', { signature: 'sig-123' }));
      const { json } = await rawStream(f.fake);
      const block0 = json.filter((e) => e.index === 0);
      assert.deepEqual(block0[0].content_block, { type: 'thinking', thinking: '', signature: '' });
      const kinds = block0.slice(1).map((e) => (e.type === 'content_block_stop' ? 'stop' : e.delta.type));
      assert.deepEqual(kinds, ['thinking_delta', 'thinking_delta', 'signature_delta', 'stop']);
      const md = json.find((e) => e.type === 'message_delta');
      assert.equal(md.usage.output_tokens_details.thinking_tokens, 3);
    });

    it('streams tool input as input_json_delta chunks starting with ""', async () => {
      f.fake.enqueue(toolUse({ name: 'read_file', input: { path: 'src/a/very/long/path/to/file.ts' }, id: 'toolu_1' }));
      const { json } = await rawStream(f.fake);
      const start = json.find((e) => e.type === 'content_block_start');
      assert.deepEqual(start.content_block, {
        type: 'tool_use', id: 'toolu_1', name: 'read_file', input: {}, caller: { type: 'direct' },
      });
      const partials = json.filter((e) => e.delta?.type === 'input_json_delta').map((e) => e.delta.partial_json);
      assert.equal(partials[0], '');
      assert.ok(partials.length > 2);
      assert.deepEqual(JSON.parse(partials.join('')), { path: 'src/a/very/long/path/to/file.ts' });
    });
  });
});
