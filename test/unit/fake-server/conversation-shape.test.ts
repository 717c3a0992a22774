// Fake Anthropic server: the conversation's shape (tool_use answered in the next message, strict role
// alternation when asked for) and count_tokens failures on demand.
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { httpError, text } from '../../fake-anthropic';
import { MODEL, rejection } from './helpers';
import { useFakeAnthropic } from '../../support/useFakeAnthropic';

type Messages = Anthropic.MessageParam[];
const call = (id: string): Anthropic.MessageParam => ({ role: 'assistant', content: [{ type: 'tool_use', id, name: 't', input: {} }] });
const result = (id: string): Anthropic.MessageParam => ({ role: 'user', content: [{ type: 'tool_result', tool_use_id: id, content: 'ok' }] });
const body = (messages: Messages) => ({ model: MODEL, max_tokens: 100, messages });

async function badRequest(p: Promise<unknown>): Promise<string> {
  const err = await rejection(p);
  assert.ok(err instanceof Anthropic.BadRequestError, `got ${String(err)}`);
  assert.equal(err.type, 'invalid_request_error');
  return err.apiMessage ?? '';
}

describe('fake Anthropic server: conversation shape', () => {
  describe('default rules', () => {
    const f = useFakeAnthropic();

    it('400 when a tool_use is not answered in the very next message, in the API\'s words', async () => {
      const late: Messages = [{ role: 'user', content: 'hi' }, call('toolu_a'), { role: 'user', content: 'never mind' }, { role: 'assistant', content: 'ok' }, { role: 'user', content: 'go on' }];
      const message = await badRequest(f.client.messages.create(body(late)));
      assert.match(message, /^messages\.1: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_a\. Each `tool_use` block must have a corresponding `tool_result` block in the next message\.$/);
      const countMessage = await badRequest(f.client.messages.countTokens({ model: MODEL, messages: late }));
      assert.match(countMessage, /toolu_a/);
    });

    it('400 when a tool_use id repeats (e.g. a message sent twice)', async () => {
      const twice: Messages = [{ role: 'user', content: 'hi' }, call('toolu_d'), result('toolu_d'), call('toolu_d'), result('toolu_d')];
      assert.match(await badRequest(f.client.messages.create(body(twice))), /^messages\.3\.content\.0: `tool_use` ids must be unique$/);
    });

    it('accepts answered tool calls, a trailing tool_use (prefill), and two user messages in a row (the API merges them)', async () => {
      await f.client.messages.create(body([{ role: 'user', content: 'hi' }, call('toolu_b'), result('toolu_b')]));
      await f.client.messages.create(body([{ role: 'user', content: 'hi' }, call('toolu_c')]));
      await f.client.messages.create(body([{ role: 'user', content: 'one' }, { role: 'user', content: 'two' }]));
    });

    it('count_tokens answers with an injected error until cleared, and reset clears it', async () => {
      f.fake.failCountTokens(httpError(404));
      const err = await rejection(f.client.messages.countTokens({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] }));
      assert.ok(err instanceof Anthropic.NotFoundError, `got ${String(err)}`);
      f.fake.enqueue(text('messages still work'));
      const res = await f.client.messages.create(body([{ role: 'user', content: 'hi' }]));
      assert.equal(res.content[0]?.type, 'text');
      f.fake.failCountTokens(undefined);
      assert.ok((await f.client.messages.countTokens({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] })).input_tokens > 0);
      f.fake.failCountTokens(httpError(500));
      f.fake.reset();
      assert.ok((await f.client.messages.countTokens({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] })).input_tokens > 0);
    });
  });

  describe('strictRoles', () => {
    const f = useFakeAnthropic({ server: { strictRoles: true } });

    it('400 on two user or two assistant messages in a row, system messages aside', async () => {
      const users = await badRequest(f.client.messages.create(body([{ role: 'user', content: 'one' }, { role: 'user', content: 'two' }])));
      assert.match(users, /^messages\.1: roles must alternate .*"user"/);
      const assistants = await badRequest(f.client.messages.create(body([{ role: 'user', content: 'q' }, { role: 'assistant', content: 'a' }, { role: 'assistant', content: 'b' }])));
      assert.match(assistants, /^messages\.2: .*"assistant"/);
      await f.client.messages.create(body([{ role: 'user', content: 'q' }, { role: 'assistant', content: 'a' }, { role: 'user', content: 'q2' }]));
    });
  });
});
