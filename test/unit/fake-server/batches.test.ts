// Fake Anthropic server: the Message Batches API, driven through the real SDK (create, retrieve, list,
// cancel, delete, results from the absolute results_url).
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { batchCanceled, batchErrored, batchExpired, batchSucceeded, httpError, text, toolUse } from '../../fake-anthropic';
import { rawRequest } from '../../fake-anthropic/http-client';
import { useFakeAnthropic } from '../../support/useFakeAnthropic';
import { MODEL, params, rejection } from './helpers';

const req = (custom_id: string, content = `review ${custom_id}`) => ({ custom_id, params: params(content) });

async function allResults(client: Anthropic, id: string) {
  const out: Anthropic.Messages.MessageBatchIndividualResponse[] = [];
  for await (const line of await client.messages.batches.results(id)) out.push(line);
  return out;
}

describe('fake Anthropic server: message batches', () => {
  const f = useFakeAnthropic();

  it('create → in_progress with every request processing; retrieve ends it after the configured polls', async () => {
    f.fake.batches.configure({ endAfterPolls: 3 });
    const batch = await f.client.messages.batches.create({ requests: [req('a'), req('b')] });
    assert.match(batch.id, /^msgbatch_01[1-9A-HJ-NP-Za-km-z]{22}$/);
    assert.equal(batch.type, 'message_batch');
    assert.equal(batch.processing_status, 'in_progress');
    assert.deepEqual(batch.request_counts, { processing: 2, succeeded: 0, errored: 0, canceled: 0, expired: 0 });
    assert.equal(batch.results_url, null);
    assert.equal(batch.ended_at, null);
    assert.equal(Date.parse(batch.expires_at) - Date.parse(batch.created_at), 24 * 3600 * 1000);

    assert.equal((await f.client.messages.batches.retrieve(batch.id)).processing_status, 'in_progress');
    assert.equal((await f.client.messages.batches.retrieve(batch.id)).processing_status, 'in_progress');
    const ended = await f.client.messages.batches.retrieve(batch.id);
    assert.equal(ended.processing_status, 'ended');
    assert.deepEqual(ended.request_counts, { processing: 0, succeeded: 2, errored: 0, canceled: 0, expired: 0 });
    assert.ok(ended.ended_at);
    assert.equal(ended.results_url, `${f.fake.url}/v1/messages/batches/${batch.id}/results`, 'an absolute URL at the fake itself');
    assert.equal(f.fake.batches.polls(batch.id), 3);
  });

  it('results: JSONL over the results_url with Accept: application/binary, every outcome, matched by custom_id', async () => {
    f.fake.batches.configure({ endAfterPolls: null });
    f.fake.batches.respond((r) => {
      switch (r.custom_id) {
        case 'ok':
          return batchSucceeded(toolUse({ name: 'report_findings', input: { summary: 'fine', findings: [] } }));
        case 'bad':
          return batchErrored('invalid_request_error', 'prompt is too long');
        case 'late':
          return batchExpired();
        case 'overloaded':
          return batchSucceeded(httpError(529));
        default:
          return batchCanceled();
      }
    });
    const batch = await f.client.messages.batches.create({ requests: [req('ok'), req('bad'), req('late'), req('gone'), req('overloaded')] });
    assert.equal((await f.client.messages.batches.retrieve(batch.id)).processing_status, 'in_progress', 'endAfterPolls null: polls never end it');
    f.fake.batches.complete(batch.id);

    const lines = await allResults(f.client, batch.id);
    assert.deepEqual(lines.map((l) => l.custom_id), ['overloaded', 'gone', 'late', 'bad', 'ok'], 'not in request order');
    const byId = new Map(lines.map((l) => [l.custom_id, l.result]));
    const ok = byId.get('ok')!;
    assert.equal(ok.type, 'succeeded');
    if (ok.type === 'succeeded') {
      assert.equal(ok.message.model, MODEL);
      assert.equal(ok.message.stop_reason, 'tool_use');
      const block = ok.message.content[0]!;
      assert.equal(block.type, 'tool_use');
      if (block.type === 'tool_use') assert.deepEqual(block.input, { summary: 'fine', findings: [] });
      assert.ok(ok.message.usage.input_tokens > 0);
    }
    const bad = byId.get('bad')!;
    assert.equal(bad.type, 'errored');
    if (bad.type === 'errored') {
      assert.equal(bad.error.type, 'error');
      assert.deepEqual(bad.error.error, { type: 'invalid_request_error', message: 'prompt is too long' });
      assert.match(String(bad.error.request_id), /^req_01/);
    }
    assert.equal(byId.get('overloaded')!.type, 'errored');
    assert.deepEqual(byId.get('late'), { type: 'expired' });
    assert.deepEqual(byId.get('gone'), { type: 'canceled' });
    const counts = (await f.client.messages.batches.retrieve(batch.id)).request_counts;
    assert.deepEqual(counts, { processing: 0, succeeded: 1, errored: 2, canceled: 1, expired: 1 });

    const get = f.fake.requests.find((r) => r.path.endsWith('/results'))!;
    assert.equal(get.headers.accept, 'application/binary');
    const raw = await rawRequest(f.fake.url, `/v1/messages/batches/${batch.id}/results`);
    assert.equal(raw.headers['content-type'], 'application/binary');
    assert.equal(raw.body.toString().split('\n').filter(Boolean).length, 5);
    assert.ok(raw.body.toString().endsWith('\n'));
  });

  it('succeeded requests answer with the default scenario (setDefault), like /v1/messages', async () => {
    f.fake.setDefault(text('Looks good.'));
    f.fake.batches.configure({ endAfterPolls: 1 });
    const batch = await f.client.messages.batches.create({ requests: [req('x')] });
    const [line] = await allResults(f.client, batch.id);
    assert.equal(line!.result.type, 'succeeded');
    if (line!.result.type === 'succeeded') assert.deepEqual(line!.result.message.content.map((b) => (b.type === 'text' ? b.text : b.type)), ['Looks good.']);
  });

  it('cancel → canceling, then ended with unprocessed requests canceled; delete only once ended', async () => {
    f.fake.batches.configure({ endAfterPolls: null, processedBeforeCancel: 1 });
    const batch = await f.client.messages.batches.create({ requests: [req('a'), req('b'), req('c')] });
    assert.ok((await rejection(f.client.messages.batches.delete(batch.id))) instanceof Anthropic.BadRequestError, 'cannot delete while processing');
    const canceling = await f.client.messages.batches.cancel(batch.id);
    assert.equal(canceling.processing_status, 'canceling');
    assert.ok(canceling.cancel_initiated_at);
    const ended = await f.client.messages.batches.retrieve(batch.id);
    assert.equal(ended.processing_status, 'ended');
    assert.deepEqual(ended.request_counts, { processing: 0, succeeded: 1, errored: 0, canceled: 2, expired: 0 });
    assert.ok((await rejection(f.client.messages.batches.cancel(batch.id))) instanceof Anthropic.BadRequestError, 'an ended batch cannot be canceled');

    const deleted = await f.client.messages.batches.delete(batch.id);
    assert.deepEqual(deleted, { id: batch.id, type: 'message_batch_deleted' });
    assert.ok((await rejection(f.client.messages.batches.retrieve(batch.id))) instanceof Anthropic.NotFoundError);
  });

  it('expire(): requests not processed become expired', async () => {
    f.fake.batches.configure({ endAfterPolls: null });
    const batch = await f.client.messages.batches.create({ requests: [req('a'), req('b')] });
    f.fake.batches.expire(batch.id);
    const lines = await allResults(f.client, batch.id);
    assert.deepEqual(lines.map((l) => l.result.type), ['expired', 'expired']);
  });

  it('list pages newest first with after_id / before_id', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await f.client.messages.batches.create({ requests: [req(`r${i}`)] })).id);
    const seen: string[] = [];
    for await (const b of f.client.messages.batches.list({ limit: 2 })) seen.push(b.id);
    assert.deepEqual(seen, [...ids].reverse());
    const page = await f.client.messages.batches.list({ limit: 1, after_id: ids[2]! });
    assert.deepEqual(page.data.map((b) => b.id), [ids[1]]);
    assert.equal(page.has_more, true);
    const before = await f.client.messages.batches.list({ before_id: ids[0]!, limit: 5 });
    assert.deepEqual(before.data.map((b) => b.id), [ids[2], ids[1]]);
    assert.ok((await rejection(f.client.messages.batches.list({ limit: 0 }))) instanceof Anthropic.BadRequestError);
  });

  it('validates the batch and each request like /v1/messages', async () => {
    const create = (requests: unknown) => rejection(f.client.messages.batches.create({ requests } as Anthropic.Messages.BatchCreateParams));
    const cases: Array<[unknown, RegExp]> = [
      [[], /at least 1 item/],
      [[{ custom_id: 'has space', params: params() }], /requests\.0\.custom_id: String should match pattern/],
      [[{ custom_id: 'x'.repeat(65), params: params() }], /custom_id: String should match pattern/],
      [[req('dup'), req('dup')], /requests\.1\.custom_id: Duplicate custom_id `dup`/],
      [[{ custom_id: 'a' }], /requests\.0\.params: Field required/],
      [[{ custom_id: 'a', params: { ...params(), temperature: 0.5 } }], /requests\.0\.params\.temperature: this parameter is not supported/],
      [[{ custom_id: 'a', params: { model: MODEL, messages: [{ role: 'user', content: 'x' }] } }], /requests\.0\.params\.max_tokens: Field required/],
      [[{ custom_id: 'a', params: { ...params(), stream: true } }], /requests\.0\.params\.stream: streaming is not supported/],
    ];
    for (const [requests, message] of cases) {
      const error = await create(requests);
      assert.ok(error instanceof Anthropic.BadRequestError, String(error));
      assert.match(error.message, message);
    }
    assert.equal(f.fake.batches.ids().length, 0, 'nothing was created');
  });

  it('an unknown model errors that request alone (not_found_error), the batch is accepted', async () => {
    f.fake.batches.configure({ endAfterPolls: 1 });
    const batch = await f.client.messages.batches.create({ requests: [req('good'), { custom_id: 'nope', params: { ...params(), model: 'claude-nope' } }] });
    const byId = new Map((await allResults(f.client, batch.id)).map((l) => [l.custom_id, l.result]));
    assert.equal(byId.get('good')!.type, 'succeeded');
    const nope = byId.get('nope')!;
    assert.equal(nope.type, 'errored');
    if (nope.type === 'errored') assert.equal(nope.error.error.type, 'not_found_error');
  });

  it('unknown ids are 404 not_found_error; results before the end are refused', async () => {
    assert.ok((await rejection(f.client.messages.batches.retrieve('msgbatch_nope'))) instanceof Anthropic.NotFoundError);
    assert.ok((await rejection(f.client.messages.batches.cancel('msgbatch_nope'))) instanceof Anthropic.NotFoundError);
    f.fake.batches.configure({ endAfterPolls: null });
    const batch = await f.client.messages.batches.create({ requests: [req('a')] });
    const early = await rawRequest(f.fake.url, `/v1/messages/batches/${batch.id}/results`);
    assert.equal(early.status, 400);
    await assert.rejects(f.client.messages.batches.results(batch.id), /results_url/);
    assert.deepEqual(f.fake.batches.requests(batch.id), [req('a')]);
  });
});
