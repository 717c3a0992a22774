// "Revert this turn" in the real editor never destroys later work: files changed, deleted or recreated
// since the turn wrote them (on disk or unsaved in an editor) are listed in a modal first, and Cancel
// changes nothing; untouched files are restored silently; created files go to the trash, never deleted
// for good unasked; nothing is reverted while a turn runs. The modals are answered through the test API.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CompanionApi } from '../../src/vscode/testApi';
import { text, toolUse, type FakeAnthropic } from '../fake-anthropic';
import { skipBecause } from '../support/skip';
import { lastAssistant, useExtensionWithFake, waitFor, workspaceRoot } from './support';

const DIR = 'revert-tmp';

describe('hostile workspace: revert in the editor', () => {
  let fake: FakeAnthropic;
  let api: CompanionApi;
  let root: string;
  const config = () => vscode.workspace.getConfiguration('claudeCompanion');
  // A fresh folder per test: an editor model left from an earlier test would meet rewritten files.
  let dir = '';
  let count = 0;
  const file = (name: string) => path.join(root, ...dir.split('/'), name);
  const rel = (name: string) => `${dir}/${name}`;

  useExtensionWithFake((f, a) => ([fake, api] = [f, a]), { freshChat: true, settings: ['agent.autoApprove.writes'] });
  before(async () => {
    root = workspaceRoot();
    await config().update('agent.autoApprove.writes', true, vscode.ConfigurationTarget.Global);
  });

  beforeEach(() => {
    dir = `${DIR}/t${++count}`;
    fs.mkdirSync(path.join(root, ...dir.split('/')), { recursive: true });
    fs.writeFileSync(file('a.txt'), 'original a\n');
    // Every modal is answered by the test (Cancel / Keep unless a test says otherwise).
    api.revertDialogs.answerWith([]);
  });

  afterEach(async () => {
    await api.session.idle();
    api.revertDialogs.answerWith(undefined);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(() => fs.rmSync(path.join(root, DIR), { recursive: true, force: true }));

  /** Runs one turn that writes `content` to each `name`, and returns the turn's id. */
  async function turnWriting(files: Record<string, string>): Promise<string> {
    fake.enqueue(toolUse(Object.entries(files).map(([name, content]) => ({ name: 'write_file', input: { path: rel(name), content } }))), text('Done.'));
    await api.session.send('change the files');
    const turn = lastAssistant(await api.session.snapshot());
    assert.equal(turn.canRevert, true, `the turn wrote: ${JSON.stringify(turn.blocks.map((b) => b.tool?.status))}`);
    return turn.id;
  }

  it('a file the user edited after the turn: revert asks, and Cancel keeps the edit byte for byte', async () => {
    const turnId = await turnWriting({ 'a.txt': 'turn a\n' });
    const mine = Buffer.from('turn a\r\nmy own work \u00e9\n');
    fs.writeFileSync(file('a.txt'), mine);
    assert.equal(await api.session.revertTurn(turnId), undefined);
    assert.deepEqual(api.revertDialogs.asked, [{ kind: 'changed', paths: [rel('a.txt')] }]);
    assert.deepEqual(fs.readFileSync(file('a.txt')), mine);
    assert.equal(lastAssistant(await api.session.snapshot()).canRevert, true);
  });

  it('a file the user edited after the turn: Revert Anyway restores the original bytes', async () => {
    const turnId = await turnWriting({ 'a.txt': 'turn a\n' });
    fs.writeFileSync(file('a.txt'), 'turn a\nmine\n');
    api.revertDialogs.answerWith([true]);
    assert.match(String(await api.session.revertTurn(turnId)), /restored 1 file/);
    assert.equal(api.revertDialogs.asked.length, 1);
    assert.equal(fs.readFileSync(file('a.txt'), 'utf8'), 'original a\n');
  });

  it('a file nobody touched since the turn: restored without asking', async () => {
    const turnId = await turnWriting({ 'a.txt': 'turn a\n' });
    assert.match(String(await api.session.revertTurn(turnId)), /restored 1 file/);
    assert.deepEqual(api.revertDialogs.asked, []);
    assert.equal(fs.readFileSync(file('a.txt'), 'utf8'), 'original a\n');
  });

  it('a file the turn created goes to the trash, never deleted for good unasked', async () => {
    const name = `created-${Date.now()}.md`;
    const turnId = await turnWriting({ [name]: '# created by the turn\n' });
    const summary = String(await api.session.revertTurn(turnId));
    const trashed = trashCopies(name);
    if (api.revertDialogs.asked.length === 0) {
      // A trash exists here: the file is in it, with its content.
      assert.match(summary, /removed 1 created file \(moved to the trash\)/);
      assert.equal(fs.existsSync(file(name)), false);
      assert.ok(trashed.some((p) => fs.readFileSync(p, 'utf8') === '# created by the turn\n'), `in the trash: ${trashed.join(', ') || 'nothing found'}`);
      for (const p of trashed) fs.rmSync(p, { force: true });
    } else {
      // No trash on this file system: the user was asked, answered Keep, and the file is still there.
      assert.deepEqual(api.revertDialogs.asked, [{ kind: 'permanentDelete', paths: [rel(name)] }]);
      assert.match(summary, /kept created files/);
      assert.equal(fs.readFileSync(file(name), 'utf8'), '# created by the turn\n');
    }
  });

  it('where there is no trash, Delete Permanently removes a created file only after asking', async function () {
    const turnId = await turnWriting({ 'made.md': '# made\n' });
    api.revertDialogs.answerWith([true]);
    const summary = String(await api.session.revertTurn(turnId));
    if (api.revertDialogs.asked.length === 0) skipBecause(this, 'this file system has a trash, so nothing is deleted permanently: the trash path is covered above');
    assert.deepEqual(api.revertDialogs.asked, [{ kind: 'permanentDelete', paths: [rel('made.md')] }]);
    assert.match(summary, /removed 1 created file permanently/);
    assert.equal(fs.existsSync(file('made.md')), false);
  });

  it('a file the turn created and the user then edited: asks before removing it', async () => {
    const turnId = await turnWriting({ 'new.md': '# new\n' });
    fs.writeFileSync(file('new.md'), '# new\nmy notes\n');
    await api.session.revertTurn(turnId);
    assert.deepEqual(api.revertDialogs.asked, [{ kind: 'changed', paths: [rel('new.md')] }]);
    assert.equal(fs.readFileSync(file('new.md'), 'utf8'), '# new\nmy notes\n');
  });

  it('a file the turn edited and that was deleted later: asks before bringing it back', async () => {
    const turnId = await turnWriting({ 'a.txt': 'turn a\n' });
    fs.rmSync(file('a.txt'));
    await api.session.revertTurn(turnId);
    assert.equal(api.revertDialogs.asked.length, 1);
    assert.equal(api.revertDialogs.asked[0]!.kind, 'changed');
    assert.match(api.revertDialogs.asked[0]!.paths[0]!, /^revert-tmp\/t\d+\/a\.txt \(deleted since\)$/);
    assert.equal(fs.existsSync(file('a.txt')), false);
  });

  it('unsaved edits in an editor count as later work: asks, and Cancel leaves the editor as it was', async () => {
    const turnId = await turnWriting({ 'a.txt': 'turn a\n' });
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file('a.txt')));
    await waitFor('the editor shows the turn\'s text', () => doc.getText() === 'turn a\n');
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((e) => e.insert(new vscode.Position(1, 0), 'typed, not saved\n'));
    assert.equal(doc.isDirty, true);
    await api.session.revertTurn(turnId);
    assert.deepEqual(api.revertDialogs.asked, [{ kind: 'changed', paths: [rel('a.txt')] }]);
    assert.equal(doc.getText(), 'turn a\ntyped, not saved\n');
    assert.equal(fs.readFileSync(file('a.txt'), 'utf8'), 'turn a\n');
  });

  it('a file replaced by a symbolic link to a file outside the workspace: asks, and Revert Anyway never writes through the link', async () => {
    const outside = path.join(fs.realpathSync(os.tmpdir()), `cc-revert-outside-${Date.now()}.txt`);
    fs.writeFileSync(outside, 'outside secret\n');
    try {
      const turnId = await turnWriting({ 'a.txt': 'turn a\n' });
      fs.rmSync(file('a.txt'));
      fs.symlinkSync(outside, file('a.txt'));
      api.revertDialogs.answerWith([true]);
      const summary = String(await api.session.revertTurn(turnId));
      assert.deepEqual(api.revertDialogs.asked, [{ kind: 'changed', paths: [rel('a.txt')] }]);
      assert.equal(fs.readFileSync(outside, 'utf8'), 'outside secret\n');
      assert.equal(fs.lstatSync(file('a.txt')).isSymbolicLink(), true, 'the link is left as it is');
      assert.match(summary, /failed: .*a\.txt: .*symbolic link/);
    } finally {
      fs.rmSync(outside, { force: true });
    }
  });

  it('a folder replaced by a symbolic link to a folder outside the workspace: Revert Anyway never writes into it', async () => {
    const outside = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), 'cc-revert-outside-'));
    fs.writeFileSync(path.join(outside, 'x.txt'), 'outside x\n');
    try {
      fs.mkdirSync(file('sub'));
      fs.writeFileSync(file('sub/x.txt'), 'original x\n');
      const turnId = await turnWriting({ 'sub/x.txt': 'turn x\n' });
      fs.rmSync(file('sub'), { recursive: true });
      fs.symlinkSync(outside, file('sub'));
      api.revertDialogs.answerWith([true]);
      const summary = String(await api.session.revertTurn(turnId));
      assert.equal(api.revertDialogs.asked.length, 1);
      assert.equal(fs.readFileSync(path.join(outside, 'x.txt'), 'utf8'), 'outside x\n');
      assert.match(summary, /failed: .*x\.txt: .*symbolic link/);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('two turns edit the same file: reverting the earlier one after the later one wrote asks', async () => {
    const first = await turnWriting({ 'a.txt': 'first\n' });
    await turnWriting({ 'a.txt': 'second\n' });
    await api.session.revertTurn(first);
    assert.deepEqual(api.revertDialogs.asked, [{ kind: 'changed', paths: [rel('a.txt')] }]);
    assert.equal(fs.readFileSync(file('a.txt'), 'utf8'), 'second\n');
  });

  it('revert requested while a turn is running: refused, nothing changes', async () => {
    const turnId = await turnWriting({ 'a.txt': 'turn a\n' });
    await config().update('agent.autoApprove.writes', false, vscode.ConfigurationTarget.Global);
    try {
      fake.enqueue(toolUse({ name: 'write_file', input: { path: rel('b.txt'), content: 'b\n' } }), text('Left it.'));
      const running = api.session.send('write b');
      const [id] = await waitFor('the next turn waits for approval', () => api.approvals.pendingIds().length > 0 && api.approvals.pendingIds());
      assert.equal(api.session.streaming, true);
      assert.equal(await api.session.revertTurn(turnId), undefined);
      assert.equal(fs.readFileSync(file('a.txt'), 'utf8'), 'turn a\n');
      assert.deepEqual(api.revertDialogs.asked, []);
      api.approvals.decide(id!, false);
      await running;
    } finally {
      await config().update('agent.autoApprove.writes', true, vscode.ConfigurationTarget.Global);
    }
    assert.match(String(await api.session.revertTurn(turnId)), /restored 1 file/, 'allowed once the turn ended');
  });
});

/** Copies of `name` in the user's trash (freedesktop layout: $XDG_DATA_HOME/Trash/files). */
function trashCopies(name: string): string[] {
  const dataHome = process.env['XDG_DATA_HOME'] || path.join(os.homedir(), '.local', 'share');
  const dir = path.join(dataHome, 'Trash', 'files');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => f === name || f.startsWith(name.replace(/\.md$/, ''))).map((f) => path.join(dir, f));
}
