// Fake Anthropic server: request validation (400s and 404s before any scenario is consumed).
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { text } from '../../fake-anthropic';
import { rawRequest } from '../../fake-anthropic/http-client';
import { params, rejection } from './helpers';
import { useFakeAnthropic } from '../../support/useFakeAnthropic';

describe('fake Anthropic server', function () {
  const f = useFakeAnthropic();

  describe('validation', () => {
    /** params() with `extra` merged in; keys set to undefined are removed. */
    const bad = (extra: Record<string, unknown>) => {
      const body: Record<string, unknown> = { ...params(), ...extra };
      for (const [k, v] of Object.entries(body)) if (v === undefined) delete body[k];
      return body as unknown as Anthropic.MessageCreateParamsNonStreaming;
    };

    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['temperature', { temperature: 1 }, 'temperature'],
      ['top_p', { top_p: 0.9 }, 'top_p'],
      ['top_k', { top_k: 5 }, 'top_k'],
      ['missing model', { model: undefined }, 'model'],
      ['missing max_tokens', { max_tokens: undefined }, 'max_tokens'],
      ['max_tokens too large', { max_tokens: 200_000 }, 'max_tokens'],
      ['empty messages', { messages: [] }, 'messages'],
      ['first message not user', { messages: [{ role: 'assistant', content: 'hi' }] }, 'messages'],
      ['budget_tokens < 1024', { thinking: { type: 'enabled', budget_tokens: 1000 } }, 'budget_tokens'],
      ['budget_tokens >= max_tokens', { thinking: { type: 'enabled', budget_tokens: 2048 } }, 'budget_tokens'],
      [
        'tool_result without a matching tool_use',
        {
          messages: [
            { role: 'user', content: 'hi' },
            { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_real', name: 't', input: {} }] },
            { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_other', content: 'x' }] },
          ],
        },
        'tool_use_id',
      ],
    ];
    for (const [name, extra, field] of cases) {
      it(`400 invalid_request_error for ${name}`, async () => {
        f.fake.enqueue(text('must not be consumed'));
        const err = await rejection(f.client.messages.create(bad(extra)));
        assert.ok(err instanceof Anthropic.BadRequestError, `got ${String(err)}`);
        assert.equal(err.type, 'invalid_request_error');
        assert.ok(err.apiMessage?.includes(field), `message names ${field}: ${err.apiMessage}`);
        assert.equal(f.fake.pending(), 1);
      });
    }

    it('unknown model → 404 not_found_error', async () => {
      const err = await rejection(f.client.messages.create({ ...params(), model: 'claude-nope-1' }));
      assert.ok(err instanceof Anthropic.NotFoundError);
      assert.equal(err.type, 'not_found_error');
    });

    it('a body that is not JSON → 400, recorded as a raw string', async () => {
      const res = await rawRequest(f.fake.url, '/v1/messages', { body: '{oops' });
      assert.equal(res.status, 400);
      assert.equal(f.fake.requests[0]!.body, '{oops');
    });
  });
});
