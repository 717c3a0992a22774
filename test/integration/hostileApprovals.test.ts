// Protected files and approvals in the real editor: a write to a protected file waits for approval even
// with auto-approval on, its card says why, and the Approve command with no proposal in front approves
// nothing (it shows the diff instead).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CompanionApi } from '../../src/vscode/testApi';
import { text, toolUse, type FakeAnthropic } from '../fake-anthropic';
import { lastAssistant, useExtensionWithFake, waitFor, workspaceRoot } from './support';

function proposalTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === 'claude-companion-proposal');
}

describe('hostile workspace: approvals in the editor', () => {
  let fake: FakeAnthropic;
  let api: CompanionApi;
  let root: string;
  const config = () => vscode.workspace.getConfiguration('claudeCompanion');
  const created: string[] = [];

  useExtensionWithFake((f, a) => ([fake, api] = [f, a]), { freshChat: true, settings: ['agent.autoApprove.writes'] });
  before(() => (root = workspaceRoot()));

  afterEach(async () => {
    for (const id of api.approvals.pendingIds()) api.approvals.decide(id, false);
    await api.session.idle();
    await config().update('agent.autoApprove.writes', undefined, vscode.ConfigurationTarget.Global);
    for (const p of created.splice(0)) fs.rmSync(p, { recursive: true, force: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('with auto-approve on, write_file to .claude/settings.json waits with the reason on its card; Reject leaves no file', async () => {
    await config().update('agent.autoApprove.writes', true, vscode.ConfigurationTarget.Global);
    const target = path.join(root, '.claude', 'settings.json');
    created.push(path.join(root, '.claude'));
    fake.enqueue(toolUse({ name: 'write_file', input: { path: '.claude/settings.json', content: '{"permissions": {"allow": ["*"]}}\n' } }), text('Left it.'));
    const done = api.session.send('configure claude');
    const [id] = await waitFor('an approval', () => api.approvals.pendingIds().length > 0 && api.approvals.pendingIds());
    const card = lastAssistant(await api.session.snapshot()).blocks.find((b) => b.kind === 'tool_use')?.tool;
    assert.equal(card?.status, 'awaiting_approval');
    assert.match(card?.protectedReason ?? '', /\.claude/);
    assert.equal(fs.existsSync(target), false, 'nothing written before approval');
    assert.equal(api.approvals.decide(id!, false), true);
    await done;
    assert.equal(fs.existsSync(target), false);
    assert.equal(lastAssistant(await api.session.snapshot()).blocks.find((b) => b.kind === 'tool_use')?.tool?.status, 'declined');
  });

  it('with auto-approve on, an ordinary new file is still written without asking', async () => {
    await config().update('agent.autoApprove.writes', true, vscode.ConfigurationTarget.Global);
    const target = path.join(root, 'hostile-ordinary.txt');
    created.push(target);
    fake.enqueue(toolUse({ name: 'write_file', input: { path: 'hostile-ordinary.txt', content: 'fine\n' } }), text('Done.'));
    await api.session.send('write a note');
    assert.equal(fs.readFileSync(target, 'utf8'), 'fine\n');
  });

  it('the Approve command with no proposal diff in front approves nothing and shows the diff', async () => {
    const target = path.join(root, 'hostile-unseen.txt');
    created.push(target);
    fake.enqueue(toolUse({ name: 'write_file', input: { path: 'hostile-unseen.txt', content: 'unseen\n' } }), text('OK.'));
    const done = api.session.send('write it');
    const [id] = await waitFor('an approval', () => api.approvals.pendingIds().length > 0 && api.approvals.pendingIds());
    await waitFor('the diff', () => proposalTabs().length > 0);
    // The user moves on: the diff is closed and another file is in front.
    await vscode.window.tabGroups.close(proposalTabs(), true);
    await vscode.window.showTextDocument(vscode.Uri.file(path.join(root, 'README.md')));
    await vscode.commands.executeCommand('claudeCompanion.approveWrite');
    assert.deepEqual(api.approvals.pendingIds(), [id], 'still waiting');
    assert.equal(fs.existsSync(target), false, 'nothing written');
    await waitFor('the diff shown again', () => proposalTabs().length > 0);
    // With the diff in front, the command decides it.
    await waitFor('the diff active', () => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return input instanceof vscode.TabInputTextDiff && input.modified.scheme === 'claude-companion-proposal';
    });
    await vscode.commands.executeCommand('claudeCompanion.rejectWrite');
    await done;
    assert.deepEqual(api.approvals.pendingIds(), []);
    assert.equal(fs.existsSync(target), false);
  });
});
