// First integration tests: the extension is installed in a real VS Code, activates, and contributes
// what CONTRACT.md promises.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BREAK_FEATURE_ENV, type CompanionApi } from '../../src/vscode/testApi';
import { startFakeAnthropic, text, type FakeAnthropic } from '../fake-anthropic';
import { EXTENSION_ID, activatedApi, lastAssistant, waitFor } from './support';

const CORE_COMMANDS = ['claudeCompanion.newChat', 'claudeCompanion.stop', 'claudeCompanion.setApiKey', 'claudeCompanion.clearApiKey'];

interface ContributedCommand {
  command: string;
}

// Runs first (this file sorts first, and this describe is its first): the test-only switch is read at
// activation. Compaction stays broken for the rest of the run; no other integration suite uses it (the
// e2e tier covers it, in a window of its own).
describe('Claude Companion activation with a broken feature', () => {
  const BROKEN = 'compaction';
  const config = () => vscode.workspace.getConfiguration('claudeCompanion');
  const savedKey = process.env['ANTHROPIC_API_KEY'];
  let api: CompanionApi;
  let fake: FakeAnthropic;

  before(async () => {
    const ext = vscode.extensions.getExtension<CompanionApi>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    assert.equal(ext.isActive, false, 'the extension was activated before this suite ran, so the test-only switch (read at activation) cannot apply');
    process.env[BREAK_FEATURE_ENV] = BROKEN;
    try {
      api = await activatedApi(ext);
    } finally {
      delete process.env[BREAK_FEATURE_ENV];
    }
    await api.features.settled;
    fake = await startFakeAnthropic();
    process.env['ANTHROPIC_API_KEY'] = 'test-key';
    await config().update('apiBaseUrl', fake.url, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await config().update('apiBaseUrl', undefined, vscode.ConfigurationTarget.Global);
    if (savedKey === undefined) delete process.env['ANTHROPIC_API_KEY'];
    else process.env['ANTHROPIC_API_KEY'] = savedKey;
    await fake?.close();
  });

  it('only the broken feature failed, and it was shown once, by name', () => {
    assert.deepEqual(api.features.failures.map((f) => f.id), [BROKEN]);
    assert.equal(api.features.shown.length, 1);
    assert.match(api.features.shown[0]!, /^Claude Companion: Conversation compaction failed to start\./);
  });

  it('the failure is in the log channel with the feature id', async () => {
    // The LogOutputChannel's file sits in the extension's log folder, next to the request log.
    const logFile = path.join(path.dirname(api.requestLog.file), 'Claude Companion.log');
    const line = await waitFor('the failure in the log', () => fs.existsSync(logFile) && fs.readFileSync(logFile, 'utf8').split('\n').find((l) => l.includes('Feature "compaction" failed to start')));
    assert.match(line, /\[error\]/);
    assert.match(line, /made to fail by the test-only switch/);
  });

  it("its command answers with an error instead of \"command not found\"", async () => {
    await vscode.commands.executeCommand('claudeCompanion.compactConversation');
    assert.equal(api.features.shown.at(-1), 'Claude Companion: Conversation compaction is unavailable because it failed to start. The log says what went wrong.');
  });

  it('the chat view opens and answers', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.claudeCompanion');
    await vscode.commands.executeCommand('claudeCompanion.chat.focus');
    fake.enqueue(text('Still here.'));
    await api.session.send('are you there?');
    const turn = lastAssistant(await api.session.snapshot());
    assert.equal(turn.status, 'done');
    assert.deepEqual(turn.blocks.filter((b) => b.kind === 'text').map((b) => b.text), ['Still here.']);
  });

  it('the other features still work: New Chat, Show History, Clear Review Findings', async () => {
    await vscode.commands.executeCommand('claudeCompanion.newChat');
    assert.equal((await api.session.snapshot()).turns.length, 0, 'New Chat emptied the chat');
    await vscode.commands.executeCommand('claudeCompanion.showHistory');
    await vscode.commands.executeCommand('claudeCompanion.clearReviewFindings');
    assert.deepEqual(api.features.failures.map((f) => f.id), [BROKEN], 'nothing else failed meanwhile');
  });
});

describe('Claude Companion activation', () => {
  let ext: vscode.Extension<unknown>;

  before(() => {
    const found = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(found, `${EXTENSION_ID} is not installed in this VS Code (installed: ${vscode.extensions.all.map((e) => e.id).join(', ')})`);
    ext = found;
  });

  it('activates', async () => {
    await ext.activate();
    assert.equal(ext.isActive, true);
  });

  it('registers the core commands', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = CORE_COMMANDS.filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `commands not registered: ${missing.join(', ')}`);
  });

  it('registers every command it contributes', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed: ContributedCommand[] = ext.packageJSON?.contributes?.commands ?? [];
    assert.ok(contributed.length >= CORE_COMMANDS.length, 'package.json contributes too few commands');
    const missing = contributed.map((c) => c.command).filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  it('has the documented configuration defaults', () => {
    const config = vscode.workspace.getConfiguration('claudeCompanion');
    assert.equal(config.inspect<string>('model')?.defaultValue, 'claude-sonnet-5-5');
    assert.equal(config.inspect<number>('maxRetries')?.defaultValue, 2);
    assert.equal(config.get('model'), 'claude-sonnet-5-5');
    assert.equal(config.get('maxRetries'), 2);
  });

  it('opens the Claude view and its chat webview', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.claudeCompanion');
    // `<viewId>.focus` is generated by VS Code for every view; it resolves the chat webview.
    await vscode.commands.executeCommand('claudeCompanion.chat.focus');
  });
});
