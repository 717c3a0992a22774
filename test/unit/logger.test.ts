// One logger: the "Claude Companion" log channel behind the core Logger port. A failure the code survives
// on purpose still leaves a log line; the SDK's own logger writes there at debug level; the API key never
// reaches the log.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { ClaudeClient } from '../../src/core/claude/claudeClient';
import { DEFAULT_SETTINGS, type ClaudeSettings } from '../../src/core/claude/settings';
import { LazyTurnStreamer } from '../../src/core/claude/turnStreamer';
import { ConversationRecorder } from '../../src/core/history/conversationRecorder';
import type { Transcript } from '../../src/core/chat/transcript';
import { IgnoreRules } from '../../src/core/tools/ignoreRules';
import { runTool, writeFileTool } from '../../src/core/tools';
import { createNodeFileSystem } from '../../src/core/tools/nodeFileSystem';
import { FsWriter, folder, makeContext, removeTempDirs, tempDir } from './tools/helpers';
import type { FileSystemPort } from '../../src/core/tools/toolTypes';
import { absentOrLogged, NO_LOG, whenSettled, type LogLevel } from '../../src/core/log';
import { OpenConversation } from '../../src/vscode/history/openConversation';
import { channelLogger, type LogChannel } from '../../src/vscode/log';
import { httpError, text } from '../fake-anthropic';
import { useFakeAnthropic } from '../support/useFakeAnthropic';

const KEY = 'sk-ant-api03-THISKEYMUSTNEVERBELOGGED0123456789';
const LEVELS = { off: 0, trace: 1, debug: 2, info: 3, warn: 4, error: 5 } as const;

/** A LogOutputChannel that keeps its lines, at a given level (as the Output view's "Set Log Level"). */
function fakeChannel(level: keyof typeof LEVELS = 'trace') {
  const lines: { level: LogLevel; text: string }[] = [];
  const at = (l: LogLevel) => (message: string | Error) => {
    if (LEVELS[level] !== 0 && LEVELS[level] <= LEVELS[l]) lines.push({ level: l, text: String(message) });
  };
  const channel: LogChannel = {
    logLevel: LEVELS[level] as vscode.LogLevel,
    error: at('error'),
    warn: at('warn'),
    info: at('info'),
    debug: at('debug'),
    trace: at('trace'),
  };
  return { channel, lines, logger: channelLogger(channel), all: () => lines.map((l) => l.text).join('\n') };
}

describe('one logger', () => {
  describe('the channel logger', () => {
    it('writes each level to the channel, with the error described', () => {
      const { logger, lines } = fakeChannel();
      logger.error('saving failed', Object.assign(new Error('disk full'), { code: 'ENOSPC' }));
      logger.warn('odd');
      logger.info('hello');
      logger.debug('details');
      logger.trace('noise');
      assert.deepEqual(lines.map((l) => l.level), ['error', 'warn', 'info', 'debug', 'trace']);
      assert.match(lines[0]!.text, /^saving failed: Error: disk full[\s\S]*ENOSPC/);
    });

    it('redacts an API key wherever it hides, and says which levels are on', () => {
      const { logger, all } = fakeChannel('info');
      logger.info(`header x-api-key: ${KEY}`);
      logger.error('request failed', new Error(`bad key ${KEY}`));
      assert.ok(!all().includes(KEY), all());
      assert.match(all(), /sk-ant-…\[redacted\]/);
      assert.equal(logger.enabled('debug'), false);
      assert.equal(logger.enabled('info'), true);
      assert.equal(fakeChannel('off').logger.enabled('error'), false);
    });

    it('never throws when the channel is already closed', () => {
      const closed: LogChannel = { ...fakeChannel().channel, error: () => { throw new Error('Channel has been closed'); } };
      assert.doesNotThrow(() => channelLogger(closed).error('late', new Error('x')));
    });
  });

  describe('a failure swallowed on purpose leaves a log line', () => {
    it('a failed preload of the Claude client', async () => {
      const { logger, lines } = fakeChannel();
      const streamer = new LazyTurnStreamer(() => Promise.reject(new Error('engine.js is missing')), logger);
      streamer.preload();
      await waitFor(() => lines.length > 0);
      assert.match(lines[0]!.text, /engine\.js is missing/);
    });

    it('remembering the open conversation (no console.error)', async () => {
      const { logger, lines } = fakeChannel();
      const state = { get: () => undefined, keys: () => [], update: () => Promise.reject(new Error('state is read-only')) } as unknown as vscode.Memento;
      await new OpenConversation(state, undefined, logger).remember('abc-1');
      assert.equal(lines.length, 1);
      assert.equal(lines[0]!.level, 'error');
      assert.match(lines[0]!.text, /Remembering the open conversation failed: Error: state is read-only/);
    });

    it('a save whose failure listener throws', async () => {
      const { logger, lines } = fakeChannel();
      const store = { newId: () => 'c-1', save: () => Promise.reject(new Error('disk full')) };
      const recorder = new ConversationRecorder(store, { onError: () => { throw new Error('the listener broke'); } }, { log: logger });
      recorder.observe(fakeTranscript(), 'settled');
      await recorder.flush({ close: true });
      assert.ok(lines.some((l) => l.level === 'error' && /the listener broke/.test(l.text)), lines.map((l) => l.text).join('\n'));
    });

    it('a stat of a maybe-absent file: absent is silent, any other failure is logged', () => {
      const { logger, lines } = fakeChannel();
      assert.equal(absentOrLogged(logger, 'stat a')(Object.assign(new Error('gone'), { code: 'ENOENT' })), undefined);
      assert.equal(absentOrLogged(logger, 'stat b')(Object.assign(new Error('not a folder'), { code: 'ENOTDIR' })), undefined);
      assert.equal(lines.length, 0);
      assert.equal(absentOrLogged(logger, 'stat c')(Object.assign(new Error('denied'), { code: 'EACCES' })), undefined);
      assert.equal(lines.length, 1);
      assert.match(lines[0]!.text, /^stat c: Error: denied[\s\S]*EACCES/);
    });

    it("a .claudeignore link whose target cannot be inspected says so (it is not reported as missing)", async () => {
      const denied = Object.assign(new Error('permission denied'), { code: 'EACCES' });
      const fs: FileSystemPort = {
        realpath: async (p) => (p.endsWith('.claudeignore') ? '/ws/shared/rules' : p),
        lstat: async (p) => {
          if (p === '/ws/.claudeignore') return { type: 'symlink', size: 10 };
          if (p === '/ws/shared/rules') throw denied;
          return undefined;
        },
        readFile: async () => new Uint8Array(),
        readDirectory: async () => [],
      };
      const rules = await IgnoreRules.load(fs, '/ws', { exclude: [], allowSecrets: false });
      const reason = await rules.reason('src/a.ts', false);
      assert.match(String(reason), /symbolic link target could not be inspected: EACCES/);
    });

    it('a file that cannot be read back after a write: the checkpoint records it unreadable, and the log says why', async () => {
      const { logger, lines } = fakeChannel();
      const root = tempDir('cc-log-');
      const node = createNodeFileSystem();
      let written = false;
      const fs: FileSystemPort = { ...node, readFile: (p) => (written ? Promise.reject(Object.assign(new Error('I/O error'), { code: 'EIO' })) : node.readFile(p)) };
      const writer = new FsWriter();
      const ctx = makeContext([folder('ws', root)], {
        fs,
        writer: { apply: async (w) => { await writer.apply(w); written = true; } },
        log: logger,
      });
      const out = await runTool(writeFileTool, { path: 'a.txt', content: 'new\n' }, ctx, 'tu-1');
      assert.equal(out.status, 'done', out.content);
      assert.deepEqual(ctx.checkpoints.written.map((w) => w.after), [undefined]);
      assert.equal(lines.length, 1);
      assert.equal(lines[0]!.level, 'warn');
      assert.match(lines[0]!.text, /^Reading a\.txt back after writing it failed: Error: I\/O error[\s\S]*EIO/);
      removeTempDirs();
    });

    it('whenSettled waits for a failure without rejecting (its owner reports it)', async () => {
      await whenSettled(Promise.reject(new Error('reported by its owner')));
      assert.ok(NO_LOG.enabled('error') === false);
    });
  });

  describe("the SDK's own logger", () => {
    const f = useFakeAnthropic();
    let settings: ClaudeSettings;

    beforeEach(() => {
      settings = { ...DEFAULT_SETTINGS, apiBaseUrl: f.fake.url, maxRetries: 1, requestTimeoutSeconds: 10, fallbackModels: [] };
    });

    const turn = (client: ClaudeClient, message = 'hi') =>
      client.streamTurn({ messages: [{ role: 'user', content: message }], signal: new AbortController().signal, onEvent: () => undefined });

    it('is connected at debug level: requests, retries and responses reach the log', async () => {
      const log = fakeChannel('debug');
      f.fake.enqueue(httpError(529));
      f.fake.enqueue(text('Hello'));
      await turn(new ClaudeClient({ getSettings: () => settings, getApiKey: async () => KEY, logger: log.logger }));
      assert.ok(log.lines.some((l) => l.level === 'debug' && /sending request/.test(l.text)), log.all());
      assert.ok(log.lines.some((l) => /status 529/.test(l.text) && /retrying/.test(l.text)), log.all());
      assert.ok(log.lines.some((l) => /response start/.test(l.text)), log.all());
    });

    it('never logs the API key (headers, errors, retries)', async () => {
      const log = fakeChannel('trace');
      f.fake.enqueue(httpError(529));
      f.fake.enqueue(httpError(401));
      await assert.rejects(turn(new ClaudeClient({ getSettings: () => settings, getApiKey: async () => KEY, logger: log.logger })));
      assert.ok(log.lines.length >= 4, log.all());
      assert.ok(!log.all().includes(KEY), 'the key is in the log');
      assert.ok(!log.all().includes(KEY.slice(-20)), 'part of the key is in the log');
    });

    it('leaves the conversation out unless log.includeContent is on', async () => {
      const secret = 'my private message 7f3a';
      const off = fakeChannel('debug');
      f.fake.enqueue(text('ok'));
      await turn(new ClaudeClient({ getSettings: () => settings, getApiKey: async () => KEY, logger: off.logger, logContent: () => false }), secret);
      assert.ok(off.lines.some((l) => /sending request/.test(l.text)), off.all());
      assert.ok(!off.all().includes(secret), off.all());
      const on = fakeChannel('debug');
      f.fake.enqueue(text('ok'));
      await turn(new ClaudeClient({ getSettings: () => settings, getApiKey: async () => KEY, logger: on.logger, logContent: () => true }), secret);
      assert.ok(on.all().includes(secret), on.all());
    });

    it('formats nothing when the channel is above debug', async () => {
      const log = fakeChannel('info');
      f.fake.enqueue(text('ok'));
      await turn(new ClaudeClient({ getSettings: () => settings, getApiKey: async () => KEY, logger: log.logger }));
      assert.deepEqual(log.lines.filter((l) => /sending request|response start/.test(l.text)), []);
    });
  });
});

describe('lint: no console in extension code', function () {
  // Loading the lint config (typescript-eslint) takes a few seconds on a busy machine.
  this.timeout(60_000);

  it('fails on console.error in src, and still allows it in scripts and tests', async () => {
    const { ESLint } = await import('eslint');
    const eslint = new ESLint({ cwd: path.resolve(__dirname, '../../..') });
    const code = "export function report(error: unknown): void {\n  console.error('failed', error);\n}\n";
    const [inSrc] = await eslint.lintText(code, { filePath: 'src/core/history/probe.ts' });
    assert.deepEqual(inSrc?.messages.map((m) => m.ruleId), ['no-console']);
    const [inTest] = await eslint.lintText(code, { filePath: 'test/unit/probe.ts' });
    assert.deepEqual(inTest?.messages.map((m) => m.ruleId), []);
  });
});

/** Just what the recorder reads of a transcript: one message to save. */
function fakeTranscript(): Transcript {
  return {
    persistedState: () => ({ messages: [{ role: 'user', content: 'hi' }], stableCount: 1, interrupted: false }),
    totals: { requests: 0 },
    compactions: [],
    turnCount: 1,
  } as unknown as Transcript;
}

/** Waits for a condition (a bounded number of event-loop turns, not a time). */
async function waitFor(condition: () => boolean): Promise<void> {
  for (let turn = 0; turn < 1000 && !condition(); turn++) await new Promise((resolve) => setImmediate(resolve));
}
