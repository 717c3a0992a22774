// The vertical slice in a real extension host: the chat session streams from the fake Messages API
// through the real SDK, honours settings, stops on request, and turns failures into actionable errors.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TurnSnapshot } from '../../src/shared/protocol';
import type { CompanionApi } from '../../src/vscode/testApi';
import { httpError, midStreamError, stall, startFakeAnthropic, text, type FakeAnthropic } from '../fake-anthropic';
import { EXTENSION_ID, lastAssistant, useExtensionWithFake, waitFor } from './support';

/** Messages as sent, minus cache breakpoints (which turn string content into one text block). */
function plain(messages: unknown): unknown {
  return (messages as { role: string; content: unknown }[]).map((m) => {
    if (!Array.isArray(m.content)) return m;
    const blocks = m.content.map((b: Record<string, unknown>) => Object.fromEntries(Object.entries(b).filter(([k]) => k !== 'cache_control')));
    return { role: m.role, content: blocks.length === 1 && blocks[0]!['type'] === 'text' && m.role === 'user' ? blocks[0]!['text'] : blocks };
  });
}

const textOf = (turn: TurnSnapshot) => turn.blocks.filter((b) => b.kind === 'text').map((b) => b.text).join('');

describe('Chat slice (real extension host, fake API)', () => {
  let fake: FakeAnthropic;
  let api: CompanionApi;
  const config = () => vscode.workspace.getConfiguration('claudeCompanion');
  useExtensionWithFake((f, a) => ([fake, api] = [f, a]), { settings: ['model', 'maxTokens', 'systemPrompt', 'maxRetries'], freshChat: true });

  it('streams an answer through the SDK with the API of today', async () => {
    fake.enqueue(text('Hello from the fake API, streamed in pieces.'));
    await api.session.send('hello there');
    const turn = lastAssistant(await api.session.snapshot());
    assert.equal(turn.status, 'done');
    assert.equal(textOf(turn), 'Hello from the fake API, streamed in pieces.');
    assert.equal(turn.model, 'claude-sonnet-5-5');
    assert.ok(turn.usage && turn.usage.outputTokens > 0);

    const [req] = fake.requests.filter((r) => r.path === '/v1/messages');
    assert.ok(req);
    const body = req.body as Record<string, unknown>;
    assert.equal(body['stream'], true);
    assert.equal(body['model'], 'claude-sonnet-5-5');
    assert.deepEqual(plain(body['messages']), [{ role: 'user', content: 'hello there' }]);
    for (const banned of ['temperature', 'top_p', 'top_k']) assert.ok(!(banned in body), `${banned} must not be sent`);
    assert.equal(req.headers['anthropic-version'], '2026-10-21');
    assert.equal(req.headers['authorization'], 'Bearer test-key');
  });

  it('takes model, max tokens and system prompt from settings', async () => {
    await config().update('model', 'claude-haiku-5-5', vscode.ConfigurationTarget.Global);
    await config().update('maxTokens', 1234, vscode.ConfigurationTarget.Global);
    await config().update('systemPrompt', 'Answer in haiku.', vscode.ConfigurationTarget.Global);
    try {
      await api.session.send('settings please');
      const body = fake.requests.find((r) => r.path === '/v1/messages')?.body as Record<string, unknown>;
      assert.equal(body['model'], 'claude-haiku-5-5');
      assert.equal(body['max_tokens'], 1234);
      const system = body['system'] as { type: string; text: string }[];
      assert.match(system.map((b) => b.text).join('\n'), /Answer in haiku\.$/);
      assert.equal(lastAssistant(await api.session.snapshot()).status, 'done');
    } finally {
      for (const key of ['model', 'maxTokens', 'systemPrompt']) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('keeps the conversation: the second request carries the first exchange', async () => {
    await api.session.send('first');
    await api.session.send('second');
    const bodies = fake.requests.filter((r) => r.path === '/v1/messages').map((r) => r.body as { messages: unknown[] });
    assert.deepEqual(plain(bodies[1]?.messages), [
      { role: 'user', content: 'first' },
      { role: 'assistant', content: [{ type: 'text', text: 'You said: first' }] },
      { role: 'user', content: 'second' },
    ]);
  });

  it('Stop (the command) aborts the HTTP request and keeps the partial answer', async () => {
    fake.enqueue(stall(4));
    const done = api.session.send('a long answer please');
    await waitFor('partial text', async () => textOf(lastAssistant(await api.session.snapshot())).length > 0 || undefined);
    assert.equal(api.session.streaming, true);
    await vscode.commands.executeCommand('claudeCompanion.stop');
    await done;
    const turn = lastAssistant(await api.session.snapshot());
    assert.equal(turn.status, 'stopped');
    assert.ok(textOf(turn).length > 0, 'partial answer kept');
    assert.equal(api.session.streaming, false);
  });

  it('a rejected key (401) becomes an error that offers Set API Key', async () => {
    fake.enqueue(httpError(401));
    await api.session.send('who am I');
    const turn = lastAssistant(await api.session.snapshot());
    assert.equal(turn.status, 'error');
    assert.equal(turn.error?.kind, 'authentication');
    assert.deepEqual(turn.error?.actions, ['setApiKey']);
  });

  it('an `event: error` mid-stream keeps the partial answer and offers Retry, which then succeeds', async () => {
    await config().update('maxRetries', 0, vscode.ConfigurationTarget.Global);
    fake.enqueue(midStreamError(2), text('Recovered answer.'));
    await api.session.send('fragile');
    const failed = lastAssistant(await api.session.snapshot());
    assert.equal(failed.status, 'error');
    assert.equal(failed.error?.kind, 'overloaded');
    assert.ok(failed.error?.actions.includes('retry'));
    assert.ok(textOf(failed).length > 0, 'partial text kept');
    await api.session.retry();
    const retried = lastAssistant(await api.session.snapshot());
    assert.equal(retried.status, 'done');
    assert.equal(textOf(retried), 'Recovered answer.');
  });

  it('with no API key anywhere, nothing is sent and the error offers Set API Key', async () => {
    delete process.env['ANTHROPIC_API_KEY'];
    try {
      const chat = await api.session.snapshot();
      assert.equal(chat.hasApiKey, false);
      await api.session.send('anyone there?');
      const turn = lastAssistant(await api.session.snapshot());
      assert.equal(turn.error?.kind, 'missing_api_key');
      assert.deepEqual(turn.error?.actions, ['setApiKey']);
      assert.equal(fake.requests.length, 0);
    } finally {
      process.env['ANTHROPIC_API_KEY'] = 'test-key';
    }
  });
});

describe('Request log (real extension host)', () => {
  let fake: FakeAnthropic;
  let api: CompanionApi;
  const config = () => vscode.workspace.getConfiguration('claudeCompanion');

  before(async () => {
    fake = await startFakeAnthropic();
    api = await vscode.extensions.getExtension<CompanionApi>(EXTENSION_ID)!.activate();
    process.env['ANTHROPIC_API_KEY'] = 'sk-ant-test-integration-key-000';
    await config().update('apiBaseUrl', fake.url, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await config().update('apiBaseUrl', undefined, vscode.ConfigurationTarget.Global);
    await config().update('log.includeContent', undefined, vscode.ConfigurationTarget.Global);
    process.env['ANTHROPIC_API_KEY'] = 'test-key';
    await fake.close();
  });

  async function lastLogLine(): Promise<Record<string, unknown>> {
    await api.requestLog.flushed();
    const { readFile } = await import('node:fs/promises');
    const lines = (await readFile(api.requestLog.file, 'utf8')).trim().split('\n');
    return JSON.parse(lines.at(-1)!) as Record<string, unknown>;
  }

  it('writes one JSON line per request to the log folder, without the key or the content', async () => {
    api.session.newChat();
    await api.session.send('log me');
    const line = await lastLogLine();
    assert.equal(line['outcome'], 'done');
    assert.equal(line['model'], 'claude-sonnet-5-5');
    assert.match(String(line['requestId']), /^req_/);
    assert.equal(typeof line['totalMs'], 'number');
    assert.equal(typeof line['timeToFirstTokenMs'], 'number');
    assert.equal(line['retries'], 0);
    assert.ok(!('request' in line), 'no content by default');
    const raw = JSON.stringify(line);
    assert.ok(!raw.includes('sk-ant-test-integration-key'), 'the key never reaches the log');
    assert.ok(!raw.includes('log me'));
  });

  it('includes the request content only when claudeCompanion.log.includeContent is on', async () => {
    await config().update('log.includeContent', true, vscode.ConfigurationTarget.Global);
    api.session.newChat();
    await api.session.send('please log my content');
    assert.ok(JSON.stringify(await lastLogLine()).includes('please log my content'));
  });

  it('an error is logged with its type', async () => {
    fake.enqueue(httpError(401));
    api.session.newChat();
    await api.session.send('bad key');
    const line = await lastLogLine();
    assert.equal(line['outcome'], 'error');
    assert.equal(line['errorType'], 'authentication');
    assert.equal(line['status'], 401);
  });
});
