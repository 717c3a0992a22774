// Shared pieces of the integration suites (not a suite itself: index.ts loads only *.test.js).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { ChatSnapshot, TurnSnapshot } from '../../src/shared/protocol';
import type { CompanionApi } from '../../src/vscode/testApi';
import { startFakeAnthropic, type FakeAnthropic } from '../fake-anthropic';

export const EXTENSION_ID = 'claude-companion.claude-companion';

/** Polls `probe` every 20 ms until it returns something other than undefined or false, and returns that. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The chat's latest assistant turn (fails the test when there is none). */
export function lastAssistant(chat: ChatSnapshot): TurnSnapshot {
  const turn = [...chat.turns].reverse().find((t) => t.role === 'assistant');
  assert.ok(turn, 'an assistant turn exists');
  return turn;
}

/**
 * Mocha hooks every suite driven by the fake API needs: before, start a fake, activate the extension and
 * point it at the fake with a test key (`ready` gets both); after, put the key and `settings` (apiBaseUrl
 * always) back and close the fake. Call it in a describe body, before the suite's own hooks.
 */
export function useExtensionWithFake(ready: (fake: FakeAnthropic, api: CompanionApi) => void, { settings = [] as readonly string[], freshChat = false } = {}): void {
  const config = () => vscode.workspace.getConfiguration('claudeCompanion');
  const savedKey = process.env['ANTHROPIC_API_KEY'];
  let fake: FakeAnthropic | undefined;
  before(async () => {
    fake = await startFakeAnthropic();
    const ext = vscode.extensions.getExtension<CompanionApi>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    const api = await activatedApi(ext);
    // Same process as the extension host: the extension reads this when it needs a key.
    process.env['ANTHROPIC_API_KEY'] = 'test-key';
    await config().update('apiBaseUrl', fake.url, vscode.ConfigurationTarget.Global);
    ready(fake, api);
    apiRef = api;
  });
  let apiRef: CompanionApi | undefined;
  // `freshChat`: every test starts with an empty fake queue and a new chat, after any turn still running.
  if (freshChat) {
    beforeEach(async () => {
      fake?.reset();
      await apiRef?.session.idle();
      apiRef?.session.newChat();
    });
  }
  after(async () => {
    for (const key of ['apiBaseUrl', ...settings]) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    if (savedKey === undefined) delete process.env['ANTHROPIC_API_KEY'];
    else process.env['ANTHROPIC_API_KEY'] = savedKey;
    await fake?.close();
  });
}

/** What activate() returns; there is an API only in ExtensionMode.Test (the harness runs the suite in it). */
export async function activatedApi(ext: vscode.Extension<CompanionApi | undefined>): Promise<CompanionApi> {
  const api = await ext.activate();
  assert.ok(api, `${EXTENSION_ID} returned no test API: run this suite as the extension's tests (ExtensionMode.Test), e.g. node scripts/run-integration.mjs`);
  return api;
}

/** The first workspace folder's real path (tests compare it with the paths tools resolve). */
export function workspaceRoot(): string {
  return fs.realpathSync(vscode.workspace.workspaceFolders![0]!.uri.fsPath);
}
