// Fake Anthropic server: request validation (400s and 404s before any scenario is consumed).
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { text } from '../../fake-anthropic';
import { rawRequest } from '../../fake-anthropic/http-client';
import { params, rejection } from './helpers';
import { useFakeAnthropic } from '../../support/useFakeAnthropic';

/** The first bytes of a PNG (signature and IHDR) for the given size; enough for the fake's checks. */
function pngHeader(width: number, height: number): string {
  const b = Buffer.alloc(30);
  Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').copy(b);
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  return b.toString('base64');
}
const PNG_1x1 = pngHeader(1, 1);
const imageOf = (media_type: string, data: string) => ({ type: 'image', source: { type: 'base64', media_type, data } });

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
      ['tool_choice naming a tool that is not defined', { tools: [{ name: 'a', input_schema: { type: 'object' } }], tool_choice: { type: 'tool', name: 'b' } }, 'tool_choice'],
      ['forced tool_choice with thinking', { tools: [{ name: 'a', input_schema: { type: 'object' } }], tool_choice: { type: 'tool', name: 'a' }, thinking: { type: 'adaptive' } }, 'Thinking may not be enabled'],
      ['image with an unknown media type', { messages: [{ role: 'user', content: [imageOf('image/bmp', PNG_1x1)] }] }, 'media_type'],
      ['image bytes not of the stated type', { messages: [{ role: 'user', content: [imageOf('image/jpeg', PNG_1x1)] }] }, 'does not match the provided media type'],
      ['image data not base64', { messages: [{ role: 'user', content: [imageOf('image/png', 'not base64!')] }] }, 'base64'],
      ['image wider than 8000 px', { messages: [{ role: 'user', content: [imageOf('image/png', pngHeader(8001, 10))] }] }, 'dimensions'],
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

    it('accepts a valid image block before the text', async () => {
      f.fake.enqueue(text('a picture'));
      const res = await f.client.messages.create(bad({ messages: [{ role: 'user', content: [imageOf('image/png', pngHeader(1568, 1045)), { type: 'text', text: 'what is it?' }] }] }));
      assert.equal(res.content[0]?.type, 'text');
    });

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
