// Where the key may go (apiBaseUrl: https, or http to a loopback host only), where batch results may be
// fetched from (the configured API origin only), and the request log on disk (0600, rotated).
import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { apiOriginOnly, checkApiBaseUrl, ForeignOriginError, UnsafeApiBaseUrlError } from '../../../src/core/claude/apiBaseUrl';
import { ClaudeClient } from '../../../src/core/claude/claudeClient';
import { toErrorInfo } from '../../../src/core/claude/errors';
import { DEFAULT_SETTINGS, type ClaudeSettings } from '../../../src/core/claude/settings';
import { TurnFailure } from '../../../src/core/claude/turnStreamer';
import { RequestLogFile } from '../../../src/vscode/requestLogFile';
import { startFakeAnthropic, text, type FakeAnthropic } from '../../fake-anthropic';
import { useFakeAnthropic } from '../../support/useFakeAnthropic';
import { skipBecause } from '../../support/skip';

const KEY = 'sk-ant-api03-hostile-test-key';

interface SentRequest {
  readonly url: string;
  readonly headers: Headers;
}

/** Replaces the global fetch the SDK picks up with one that records every request and answers 500. */
function recordFetch(): { readonly sent: SentRequest[]; restore(): void } {
  const original = globalThis.fetch;
  const sent: SentRequest[] = [];
  globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    sent.push({ url, headers: new Headers(init?.headers) });
    return new Response(JSON.stringify({ type: 'error', error: { type: 'api_error', message: 'recorded' } }), { status: 500, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { sent, restore: () => void (globalThis.fetch = original) };
}

function clientFor(apiBaseUrl: string): ClaudeClient {
  const settings: ClaudeSettings = { ...DEFAULT_SETTINGS, apiBaseUrl, maxRetries: 0, requestTimeoutSeconds: 10, fallbackModels: [] };
  return new ClaudeClient({ getSettings: () => settings, getApiKey: async () => KEY });
}

async function turnError(client: ClaudeClient): Promise<TurnFailure> {
  try {
    await client.streamTurn({ messages: [{ role: 'user', content: 'hi' }], signal: new AbortController().signal, onEvent: () => undefined });
  } catch (error) {
    assert.ok(error instanceof TurnFailure, `expected a TurnFailure, got ${String(error)}`);
    return error;
  }
  assert.fail('the turn should have failed');
}

describe('hostile workspace: key hygiene', () => {
  describe('apiBaseUrl refuses anything but https (http only for loopback) before the key leaves', () => {
    let fetchRecorder: ReturnType<typeof recordFetch>;
    beforeEach(() => (fetchRecorder = recordFetch()));
    afterEach(() => fetchRecorder.restore());

    const refused: readonly [string, string][] = [
      ['plain http to a remote collector', 'http://collector.example'],
      ['ftp', 'ftp://collector.example/'],
      ['a javascript: URL', 'javascript:fetch("https://collector.example")'],
      ['a value that is not a URL', 'collector.example:8080'],
      ['a host that only starts like a loopback address', 'http://127.0.0.1.evil.example'],
      ['localhost as a subdomain of another host', 'http://localhost.evil.example:8787'],
      ['a file: URL', 'file:///etc/passwd'],
      ['a loopback address as user info before the real host', 'http://127.0.0.1:8787@collector.example'],
      ['an IPv4-mapped address that is not spelled as loopback', 'http://[::ffff:7f00:1]:8787'],
    ];
    for (const [what, url] of refused) {
      it(`refuses ${what} (${url}) with an error naming the setting, and sends nothing`, async () => {
        const failure = await turnError(clientFor(url));
        assert.equal(failure.info.kind, 'unsafe_api_base_url');
        assert.match(failure.info.title, /claudeCompanion\.apiBaseUrl/);
        assert.ok(failure.info.actions.includes('openSettings'), 'offers a way to fix it');
        assert.deepEqual(fetchRecorder.sent, [], 'no request left');
      });
    }

    it('refuses it for token counting and the batches API too', async () => {
      const client = clientFor('http://collector.example');
      await assert.rejects(client.countTokens({ messages: [{ role: 'user', content: 'hi' }], signal: new AbortController().signal }), UnsafeApiBaseUrlError);
      await assert.rejects(client.batches(), UnsafeApiBaseUrlError);
      assert.deepEqual(fetchRecorder.sent, []);
    });

    const allowed: readonly string[] = ['http://127.0.0.1:8787', 'http://localhost:8787', 'http://[::1]:8787', 'http://127.1.2.3', 'https://gateway.example/anthropic'];
    for (const url of allowed) {
      it(`allows ${url}: the request goes there`, async () => {
        await turnError(clientFor(url)); // the recorder answers 500
        assert.equal(fetchRecorder.sent.length, 1);
        assert.ok(fetchRecorder.sent[0]!.url.startsWith(new URL(url).origin), fetchRecorder.sent[0]!.url);
      });
    }

    it('recognises loopback however the address is spelled (the URL parser normalises it first)', () => {
      for (const url of ['http://0x7f.1:8787', 'http://2130706433', 'http://[0:0:0:0:0:0:0:1]', 'HTTP://LOCALHOST:8787']) {
        assert.equal(checkApiBaseUrl(url), url, url);
      }
    });

    it('an empty value means the SDK default (the setting check passes)', () => {
      assert.equal(checkApiBaseUrl('  '), undefined);
    });

    it('the typed error maps to a message that says what to do next', () => {
      const info = toErrorInfo(new UnsafeApiBaseUrlError('http://collector.example'));
      assert.equal(info.kind, 'unsafe_api_base_url');
      assert.match(info.detail, /https:\/\//);
      assert.match(info.detail, /user settings/i);
    });
  });

  describe('batch results come only from the configured API origin', () => {
    const f = useFakeAnthropic();
    let collector: FakeAnthropic;
    before(async () => (collector = await startFakeAnthropic()));
    after(() => collector.close());
    beforeEach(() => collector.reset());

    const settings = (): ClaudeSettings => ({ ...DEFAULT_SETTINGS, apiBaseUrl: f.fake.url, maxRetries: 0, requestTimeoutSeconds: 10, fallbackModels: [] });

    it('a results_url on another origin is refused and that origin receives nothing', async () => {
      f.fake.batches.configure({ endAfterPolls: 1, resultsBaseUrl: collector.url });
      const client = new ClaudeClient({ getSettings: settings, getApiKey: async () => KEY });
      const port = await client.batches();
      const batch = await port.create([{ custom_id: 'a', params: { model: DEFAULT_SETTINGS.model, max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] } }]);
      assert.equal((await port.retrieve(batch.id)).processing_status, 'ended');
      await assert.rejects(port.results(batch.id), (error: unknown) => {
        assert.ok(error instanceof ForeignOriginError, String(error));
        const info = toErrorInfo(error);
        assert.equal(info.kind, 'foreign_origin');
        assert.match(info.title, new RegExp(collector.url.replace(/[.]/g, '\\.')));
        assert.match(info.detail, /claudeCompanion\.apiBaseUrl/);
        return true;
      });
      assert.equal(collector.requests.length, 0, 'the collector saw no request (and no key)');
    });

    it('the client refuses any request to another origin, not only results (same host, other port included)', async () => {
      const guard = apiOriginOnly(() => 'http://127.0.0.1:8787');
      let forwarded = 0;
      const next = async () => {
        forwarded++;
        return new Response('{}');
      };
      const ctx = {} as Parameters<typeof guard>[2];
      const request = (url: string) => ({ url, method: 'GET', headers: new Headers({ 'x-api-key': KEY }) }) as Parameters<typeof guard>[0];
      for (const url of ['http://127.0.0.1:9999/v1/messages', 'https://127.0.0.1:8787/v1/models', 'http://collector.example/v1/messages/batches/x/results', 'not a url']) {
        await assert.rejects(guard(request(url), next, ctx), ForeignOriginError, url);
      }
      assert.equal(forwarded, 0);
      await guard(request('http://127.0.0.1:8787/v1/messages'), next, ctx);
      assert.equal(forwarded, 1);
    });

    it('a results_url on the configured origin is fetched as before', async () => {
      f.fake.batches.configure({ endAfterPolls: 1 });
      f.fake.setDefault(text('ok'));
      const client = new ClaudeClient({ getSettings: settings, getApiKey: async () => KEY });
      const port = await client.batches();
      const batch = await port.create([{ custom_id: 'a', params: { model: DEFAULT_SETTINGS.model, max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] } }]);
      await port.retrieve(batch.id);
      const lines = [];
      for await (const line of await port.results(batch.id)) lines.push(line);
      assert.equal(lines.length, 1);
      assert.equal(lines[0]!.custom_id, 'a');
    });
  });

  describe('the request log file', () => {
    let dir: string;
    beforeEach(async () => (dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cc-log-'))));
    afterEach(() => fs.rm(dir, { recursive: true, force: true }));

    it('is created readable by the user only (0600)', async function () {
      if (process.platform === 'win32') skipBecause(this, 'Windows has no POSIX file modes');
      const file = path.join(dir, 'logs', 'requests.jsonl');
      await new RequestLogFile(file).append('{"a":1}');
      assert.equal((await fs.stat(file)).mode & 0o777, 0o600);
    });

    it('tightens an existing log file that others could read', async function () {
      if (process.platform === 'win32') skipBecause(this, 'Windows has no POSIX file modes');
      const file = path.join(dir, 'requests.jsonl');
      await fs.writeFile(file, '{"old":1}\n', { mode: 0o644 });
      await fs.chmod(file, 0o644);
      await new RequestLogFile(file).append('{"a":1}');
      assert.equal((await fs.stat(file)).mode & 0o777, 0o600);
    });

    it('rotates at the size limit and keeps a bounded number of files', async () => {
      const file = path.join(dir, 'requests.jsonl');
      const log = new RequestLogFile(file, { maxBytes: 100, keep: 3 });
      const line = 'x'.repeat(39); // 40 bytes with the newline: two lines fit, the third rotates
      for (let i = 0; i < 20; i++) await log.append(line);
      const names = (await fs.readdir(dir)).sort();
      assert.deepEqual(names, ['requests.jsonl', 'requests.jsonl.1', 'requests.jsonl.2']);
      for (const name of names) {
        const stat = await fs.stat(path.join(dir, name));
        assert.ok(stat.size <= 100, `${name} is ${stat.size} bytes`);
        if (process.platform !== 'win32') assert.equal(stat.mode & 0o777, 0o600, name);
      }
    });
  });
});
