// Fake Anthropic server: count_tokens, models and unknown paths.
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { rawRequest } from '../../fake-anthropic/http-client';
import { MODEL, rejection } from './helpers';
import { useFakeAnthropic } from '../../support/useFakeAnthropic';

describe('fake Anthropic server', function () {
  const f = useFakeAnthropic();

  describe('other endpoints', () => {
    it('count_tokens returns ceil(chars/4) of system+messages+tools', async () => {
      const body = {
        model: MODEL,
        system: 'Be brief.',
        messages: [{ role: 'user' as const, content: 'How many tokens is this?' }],
        tools: [{ name: 't', input_schema: { type: 'object' as const } }],
      };
      const res = await f.client.messages.countTokens(body);
      const chars = JSON.stringify(body.messages).length + JSON.stringify(body.system).length + JSON.stringify(body.tools).length;
      assert.equal(res.input_tokens, Math.ceil(chars / 4));
    });

    it('models.list pages through the three models; retrieve works; unknown ids 404', async () => {
      const ids: string[] = [];
      for await (const m of f.client.models.list({ limit: 1 })) ids.push(m.id);
      assert.deepEqual(ids, ['claude-haiku-5-5', 'claude-sonnet-5-5', 'claude-opus-5-5']);
      assert.equal(f.fake.requests.length, 3);
      const opus = await f.client.models.retrieve('claude-opus-5-5');
      assert.equal(opus.type, 'model');
      assert.equal(opus.max_input_tokens, 1_000_000);
      assert.equal(opus.max_tokens, 128_000);
      assert.equal(opus.capabilities?.thinking.types.adaptive.supported, true);
      for (const key of ['display_name', 'created_at', 'deprecated_at', 'lifecycle', 'line', 'retires_at']) {
        assert.ok(key in opus, key);
      }
      const before = await f.client.models.list({ before_id: 'claude-opus-5-5', limit: 1 });
      assert.deepEqual(before.data.map((m) => m.id), ['claude-sonnet-5-5']);
      assert.equal(before.has_more, true);
      assert.ok((await rejection(f.client.models.retrieve('claude-nope'))) instanceof Anthropic.NotFoundError);
    });

    it('unknown paths → 404 not_found_error JSON', async () => {
      const res = await rawRequest(f.fake.url, '/v1/nope');
      assert.equal(res.status, 404);
      const body = JSON.parse(res.body.toString());
      assert.equal(body.type, 'error');
      assert.equal(body.error.type, 'not_found_error');
      assert.equal(body.request_id, res.headers['request-id']);
    });
  });
});
