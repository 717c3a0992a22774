// The agent in the real editor: the model's writes show a diff and wait for approval; Approve applies
// them through a WorkspaceEdit (so Undo works), Reject leaves the file byte-identical, "Revert this
// turn" restores exactly, and paths that escape the workspace are refused.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TurnSnapshot } from '../../src/shared/protocol';
import type { CompanionApi } from '../../src/vscode/testApi';
import { text, toolUse, type FakeAnthropic } from '../fake-anthropic';
import { SECRET, SINGLE_ROOT, buildEscapeWorld } from '../fixtures/pathEscapeCorpus';
import { lastAssistant, useExtensionWithFake, waitFor, workspaceRoot } from './support';

const toolStates = (turn: TurnSnapshot) => turn.blocks.filter((b) => b.kind === 'tool_use').map((b) => b.tool?.status);

function diffTabOpen(): boolean {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === 'claude-companion-proposal');
}

describe('Agent tools in the real editor', () => {
  let fake: FakeAnthropic;
  let api: CompanionApi;
  let root: string;
  const config = () => vscode.workspace.getConfiguration('claudeCompanion');
  const file = (rel: string) => path.join(root, rel);

  useExtensionWithFake((f, a) => ([fake, api] = [f, a]), { freshChat: true });
  before(() => (root = workspaceRoot()));

  beforeEach(async () => {
    fs.writeFileSync(file('src/greet.ts'), 'export function greet(name: string): string {\n  return `Hello, ${name}!`;\n}\n');
    fs.rmSync(file('notes'), { recursive: true, force: true });
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('reads a file with line numbers and sends the result back in one user message', async () => {
    fake.enqueue(toolUse({ name: 'read_file', input: { path: 'src/greet.ts' } }), text('It greets.'));
    await api.session.send('what does greet do?');
    const second = fake.requests.filter((r) => r.path === '/v1/messages')[1]!.body as { messages: { role: string; content: { type: string; content?: string; tool_use_id?: string }[] }[] };
    const results = second.messages.at(-1)!;
    assert.equal(results.role, 'user');
    assert.equal(results.content[0]!.type, 'tool_result');
    assert.match(String(results.content[0]!.content), /1\| ?export function greet/);
    assert.deepEqual(toolStates(lastAssistant(await api.session.snapshot())), ['done']);
  });

  it('an edit shows the diff and waits; Approve applies it and Undo in the editor reverts it', async () => {
    fake.enqueue(toolUse({ name: 'edit_file', input: { path: 'src/greet.ts', old_text: 'Hello', new_text: 'Howdy' } }), text('Changed.'));
    const done = api.session.send('make it folksy');
    const [id] = await waitFor('an approval', () => api.approvals.pendingIds().length > 0 && api.approvals.pendingIds());
    await waitFor('the diff editor', () => diffTabOpen());
    assert.match(fs.readFileSync(file('src/greet.ts'), 'utf8'), /Hello/, 'nothing written before approval');
    assert.equal(api.approvals.decide(id!, true), true);
    await done;
    assert.match(fs.readFileSync(file('src/greet.ts'), 'utf8'), /Howdy/);
    assert.equal(diffTabOpen(), false, 'the diff closes once decided');

    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file('src/greet.ts')));
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    // Undo in the editor brings back exactly the text before the edit.
    await waitFor('undo', () => doc.getText() === 'export function greet(name: string): string {\n  return `Hello, ${name}!`;\n}\n');
    // Not saved: beforeEach rewrites the file on disk behind the editor's back, so a save here can meet a
    // stale-file conflict. Revert to the disk's text and close, so the next test starts clean.
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await waitFor('a clean document', () => !doc.isDirty);
  });

  it('Reject leaves the file byte-identical and tells the model the user declined', async () => {
    const before = fs.readFileSync(file('src/greet.ts'));
    fake.enqueue(toolUse({ name: 'write_file', input: { path: 'src/greet.ts', content: 'overwritten' } }), text('OK, left it.'));
    const done = api.session.send('overwrite it');
    const [id] = await waitFor('an approval', () => api.approvals.pendingIds().length > 0 && api.approvals.pendingIds());
    api.approvals.decide(id!, false);
    await done;
    assert.deepEqual(fs.readFileSync(file('src/greet.ts')), before);
    const result = JSON.stringify((fake.requests.filter((r) => r.path === '/v1/messages')[1]!.body as { messages: unknown[] }).messages.at(-1));
    assert.match(result, /declined/i);
    assert.deepEqual(toolStates(lastAssistant(await api.session.snapshot())), ['declined']);
  });

  it('Revert this turn restores every touched file exactly and removes created ones', async () => {
    await config().update('agent.autoApprove.writes', true, vscode.ConfigurationTarget.Global);
    try {
      const original = fs.readFileSync(file('src/greet.ts'));
      fake.enqueue(
        toolUse([
          { name: 'write_file', input: { path: 'notes/new.md', content: '# new\n' } },
          { name: 'edit_file', input: { path: 'src/greet.ts', old_text: 'Hello', new_text: 'Hi' } },
        ]),
        toolUse({ name: 'edit_file', input: { path: 'src/greet.ts', old_text: 'Hi', new_text: 'Yo' } }),
        text('All done.'),
      );
      await api.session.send('do several things');
      assert.ok(fs.existsSync(file('notes/new.md')));
      assert.match(fs.readFileSync(file('src/greet.ts'), 'utf8'), /Yo/);
      const turn = lastAssistant(await api.session.snapshot());
      assert.equal(turn.canRevert, true);
      // code-server's file system has no trash: revert asks before deleting the created file for good.
      api.revertDialogs.answerWith([true]);
      const summary = await api.session.revertTurn(turn.id);
      assert.match(String(summary), /restored 1 file.*removed 1 created file/);
      assert.deepEqual(fs.readFileSync(file('src/greet.ts')), original, 'byte-identical to before the turn');
      assert.equal(fs.existsSync(file('notes/new.md')), false);
    } finally {
      api.revertDialogs.answerWith(undefined);
      await config().update('agent.autoApprove.writes', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('searches with VS Code\'s bundled ripgrep and reports matches as path:line', async () => {
    assert.match(await api.searchEngine(), /^ripgrep \(/, 'code-server ships ripgrep; the tools should find it');
    fake.enqueue(toolUse({ name: 'search_files', input: { query: 'Hello, ${name}' } }), text('Found it.'));
    await api.session.send('where is the greeting?');
    const result = JSON.stringify((fake.requests.filter((r) => r.path === '/v1/messages')[1]!.body as { messages: unknown[] }).messages.at(-1));
    assert.match(result, /src\/greet\.ts:2:/);
  });

  it('with autoApprove.reads off, a read waits for the user; declining tells the model', async () => {
    await config().update('agent.autoApprove.reads', false, vscode.ConfigurationTarget.Global);
    try {
      fake.enqueue(toolUse({ name: 'read_file', input: { path: 'src/greet.ts' } }), text('Fine, I will not read it.'));
      const done = api.session.send('peek at greet');
      const [id] = await waitFor('a read approval', () => api.approvals.pendingIds().length > 0 && api.approvals.pendingIds());
      const waiting = lastAssistant(await api.session.snapshot());
      assert.deepEqual(toolStates(waiting), ['awaiting_approval']);
      api.approvals.decide(id!, false);
      await done;
      const result = JSON.stringify((fake.requests.filter((r) => r.path === '/v1/messages')[1]!.body as { messages: unknown[] }).messages.at(-1));
      assert.match(result, /declined/);
      assert.ok(!result.includes('Hello'), 'the file was not read');
    } finally {
      await config().update('agent.autoApprove.reads', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('refuses the whole path-escape corpus (reads and auto-approved writes) in the real extension host', async () => {
    const world = buildEscapeWorld(root);
    const sentinelMtime = fs.statSync(world.sentinel).mtimeMs;
    await config().update('agent.autoApprove.writes', true, vscode.ConfigurationTarget.Global);
    try {
      const attempts = SINGLE_ROOT.filter(([, expect]) => expect === 'refused').map(([p]) => p);
      assert.ok(attempts.length >= 50, `corpus has ${attempts.length} refusals`);
      const calls = attempts.flatMap((p) => [
        { name: 'read_file', input: { path: p } },
        { name: 'write_file', input: { path: p, content: 'pwned' } },
      ]);
      fake.enqueue(toolUse(calls), text('Nothing escaped.'));
      await api.session.send('try to escape');
      const body = fake.requests.filter((r) => r.path === '/v1/messages')[1]!.body as { messages: { content: { tool_use_id: string; is_error?: boolean; content?: string }[] }[] };
      const results = body.messages.at(-1)!.content;
      assert.equal(results.length, calls.length);
      results.forEach((r, i) => {
        assert.equal(r.is_error, true, `${calls[i]!.name} ${JSON.stringify(attempts[Math.floor(i / 2)])} was not refused: ${r.content}`);
        assert.ok(!String(r.content).includes(SECRET), 'no secret leaked');
      });
      assert.equal(fs.readFileSync(world.sentinel, 'utf8'), SECRET);
      assert.equal(fs.statSync(world.sentinel).mtimeMs, sentinelMtime);
      assert.deepEqual(fs.readdirSync(world.outside).sort(), ['dir', 'secret.txt'], 'nothing created outside');
      assert.equal(lastAssistant(await api.session.snapshot()).canRevert, undefined, 'no file was written');
    } finally {
      await config().update('agent.autoApprove.writes', undefined, vscode.ConfigurationTarget.Global);
      world.cleanup();
    }
  });

  it('refuses paths that leave the workspace, in the real extension host', async () => {
    const outside = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), 'cc-outside-'));
    fs.writeFileSync(path.join(outside, 'secret.txt'), 'top secret');
    fs.symlinkSync(outside, file('link-out'));
    try {
      const attempts = ['../outside.txt', '/etc/passwd', 'link-out/secret.txt', 'src/../../x', '.env', '%2e%2e/%2e%2e/etc/passwd', 'C:\\Windows\\win.ini', 'src\\..\\..\\x'];
      fake.enqueue(toolUse(attempts.map((p) => ({ name: 'read_file', input: { path: p } }))), text('Could not.'));
      await api.session.send('read outside');
      const results = (fake.requests.filter((r) => r.path === '/v1/messages')[1]!.body as { messages: { content: { is_error?: boolean; content?: string }[] }[] }).messages.at(-1)!.content;
      assert.equal(results.length, attempts.length);
      for (const r of results) {
        assert.equal(r.is_error, true, JSON.stringify(r));
        assert.ok(!String(r.content).includes('top secret'));
      }
    } finally {
      fs.rmSync(file('link-out'), { force: true });
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});
