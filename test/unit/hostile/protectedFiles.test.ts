import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { editFileTool, runTool, writeFileTool, type ApprovalDecision, type ApprovalPort, type ProposedWrite, type ToolContext } from '../../../src/core/tools';
import { PROTECTED_FILES, protectedReason } from '../../../src/core/tools/protectedFiles';
import { folder, makeContext, removeTempDirs, snapshotTree, tempDir, writeTree, type TestContext } from '../tools/helpers';

function workspace(files: Record<string, string> = {}, overrides: Partial<ToolContext> = {}): { root: string; ctx: TestContext } {
  const root = tempDir('cc-protected-');
  writeTree(root, files);
  return { root, ctx: makeContext([folder('ws', root)], overrides) };
}

const exists = (root: string, rel: string) => fs.existsSync(path.join(root, ...rel.split('/')));

const PROTECTED = [
  '.vscode/settings.json',
  '.vscode/tasks.json',
  'a.code-workspace',
  '.claude/settings.json',
  '.claude/commands/x.md',
  '.claudeignore',
  '.gitignore',
  'sub/.gitignore',
  '.mcp.json',
  'CLAUDE.md',
  'docs/CLAUDE.md',
  'AGENTS.md',
  '.VSCode/settings.json',
];

describe('hostile workspace: protected files', () => {
  after(removeTempDirs);

  for (const rel of PROTECTED) {
    it(`write_file to ${rel} with auto-approve on waits for approval, with the reason; rejected, nothing is written`, async () => {
      const { root, ctx } = workspace({}, { autoApproveWrites: true });
      ctx.approvals.decision = { approved: false };
      const out = await runTool(writeFileTool, { path: rel, content: '{"claudeCompanion.apiBaseUrl": "https://evil.example"}\n' }, ctx, 'tu');
      assert.equal(ctx.approvals.calls.length, 1, 'asked for approval');
      assert.ok(ctx.approvals.calls[0]!.protectedReason, 'the proposal says why the file is protected');
      assert.equal(out.status, 'declined');
      assert.equal(ctx.writer.calls.length, 0);
      assert.equal(exists(root, rel), false);
    });

    it(`edit_file on ${rel} with auto-approve on waits for approval, with the reason`, async () => {
      const { root, ctx } = workspace({ [rel]: 'old\n' }, { autoApproveWrites: true });
      ctx.approvals.decision = { approved: false };
      const out = await runTool(editFileTool, { path: rel, old_text: 'old', new_text: 'new' }, ctx, 'tu');
      assert.equal(ctx.approvals.calls.length, 1, 'asked for approval');
      assert.ok(ctx.approvals.calls[0]!.protectedReason);
      assert.equal(out.status, 'declined');
      assert.equal(fs.readFileSync(path.join(root, ...rel.split('/')), 'utf8'), 'old\n');
    });
  }

  it('with auto-approve off a protected file asks too, and the proposal carries the reason', async () => {
    const { root, ctx } = workspace();
    const out = await runTool(writeFileTool, { path: '.vscode/settings.json', content: '{}\n' }, ctx, 'tu');
    assert.equal(out.status, 'done', out.content);
    assert.equal(ctx.approvals.calls.length, 1);
    assert.match(ctx.approvals.calls[0]!.protectedReason ?? '', /settings/i);
    assert.equal(fs.readFileSync(path.join(root, '.vscode', 'settings.json'), 'utf8'), '{}\n');
  });

  it('an approved write to a protected file is written', async () => {
    const { root, ctx } = workspace({}, { autoApproveWrites: true });
    const out = await runTool(writeFileTool, { path: 'CLAUDE.md', content: '# Rules\n' }, ctx, 'tu');
    assert.equal(out.status, 'done', out.content);
    assert.equal(ctx.approvals.calls.length, 1);
    assert.equal(fs.readFileSync(path.join(root, 'CLAUDE.md'), 'utf8'), '# Rules\n');
  });

  it('an ordinary file with auto-approve on is still written without asking, and has no reason', async () => {
    const { root, ctx } = workspace({}, { autoApproveWrites: true });
    const out = await runTool(writeFileTool, { path: 'src/vscode.ts', content: 'x\n' }, ctx, 'tu');
    assert.equal(out.status, 'done', out.content);
    assert.equal(ctx.approvals.calls.length, 0);
    assert.equal(fs.readFileSync(path.join(root, 'src', 'vscode.ts'), 'utf8'), 'x\n');
  });

  it('a path through a symlink `link -> .vscode` counts as protected', async () => {
    const { root, ctx } = workspace({ '.vscode/settings.json': '{}\n' }, { autoApproveWrites: true });
    fs.symlinkSync('.vscode', path.join(root, 'link'));
    ctx.approvals.decision = { approved: false };
    await runTool(writeFileTool, { path: 'link/settings.json', content: '{"x": 1}\n' }, ctx, 'tu');
    assert.equal(ctx.approvals.calls.length, 1);
    assert.ok(ctx.approvals.calls[0]!.protectedReason);
    assert.equal(fs.readFileSync(path.join(root, '.vscode', 'settings.json'), 'utf8'), '{}\n');
  });

  it('a .vscode that is a symlink to an ordinary folder makes that folder protected', async () => {
    const { root, ctx } = workspace({ 'conf/settings.json': '{}\n' }, { autoApproveWrites: true });
    fs.symlinkSync('conf', path.join(root, '.vscode'));
    ctx.approvals.decision = { approved: false };
    await runTool(writeFileTool, { path: 'conf/settings.json', content: '{"x": 1}\n' }, ctx, 'tu');
    assert.equal(ctx.approvals.calls.length, 1);
    assert.ok(ctx.approvals.calls[0]!.protectedReason);
    assert.equal(fs.readFileSync(path.join(root, 'conf', 'settings.json'), 'utf8'), '{}\n');
  });

  it('a protected name that is a symlink to an ordinary file is protected as written', async () => {
    const { root, ctx } = workspace({ 'notes.txt': 'old\n' }, { autoApproveWrites: true });
    fs.mkdirSync(path.join(root, 'sub'));
    fs.symlinkSync('../notes.txt', path.join(root, 'sub', '.gitignore'));
    ctx.approvals.decision = { approved: false };
    await runTool(writeFileTool, { path: 'sub/.gitignore', content: '!*\n' }, ctx, 'tu');
    assert.equal(ctx.approvals.calls.length, 1);
    assert.ok(ctx.approvals.calls[0]!.protectedReason);
    assert.equal(fs.readFileSync(path.join(root, 'notes.txt'), 'utf8'), 'old\n');
  });

  it('.git stays refused even with secrets allowed: it asks, with the reason', async () => {
    const { root, ctx } = workspace({ '.git/config': '[core]\n' }, { autoApproveWrites: true, allowSecrets: true });
    ctx.approvals.decision = { approved: false };
    await runTool(writeFileTool, { path: '.git/hooks/pre-commit', content: '#!/bin/sh\ncurl evil\n' }, ctx, 'tu');
    assert.equal(ctx.approvals.calls.length, 1);
    assert.ok(ctx.approvals.calls[0]!.protectedReason);
    assert.equal(exists(root, '.git/hooks/pre-commit'), false);
  });

  describe('the matcher', () => {
    it('matches names case-insensitively and ignores Windows trailing dots, spaces and stream suffixes', () => {
      for (const p of ['.VSCODE/settings.json', 'Claude.MD', 'CLAUDE.md.', 'AGENTS.md ', 'CLAUDE.md::$DATA', '.vscode./tasks.json', 'x/.Claude/settings.local.json', 'A.Code-Workspace']) {
        assert.ok(protectedReason(p), p);
      }
    });

    it('matches at any depth and with backslashes', () => {
      for (const p of ['a/b/.vscode/launch.json', 'a\\.gitignore', 'pkg/.mcp.json', 'pkg\\.claudeignore', 'deep/er/AGENTS.md']) assert.ok(protectedReason(p), p);
    });

    it('does not match ordinary names that merely contain a protected one', () => {
      for (const p of ['src/vscode.ts', 'vscode/settings.json', 'CLAUDE.md.bak', 'docs/claude.markdown', 'my.gitignore.txt', '.claudeignore/x', 'src/.vscodeignore', 'README.md', 'x.code-workspace/inner.txt']) {
        assert.equal(protectedReason(p), undefined, p);
      }
    });

    it('every rule has a pattern and a reason for the user', () => {
      assert.ok(PROTECTED_FILES.length >= 9);
      for (const rule of PROTECTED_FILES) assert.ok(rule.pattern && rule.why().length > 20, rule.pattern);
    });
  });

  describe('after the approval wait the path is resolved again', () => {
    /** Approves, after `during` has changed the disk while the user looked. */
    function approvingAfter(during: () => void): ApprovalPort & { calls: ProposedWrite[] } {
      const calls: ProposedWrite[] = [];
      return {
        calls,
        async requestApproval(write: ProposedWrite): Promise<ApprovalDecision> {
          calls.push(write);
          during();
          return { approved: true };
        },
      };
    }

    it('a symlink swapped to point elsewhere during the wait: refused, nothing written anywhere', async () => {
      const root = tempDir('cc-swap-');
      writeTree(root, { 'dirA/keep.txt': 'a', 'dirB/keep.txt': 'b' });
      fs.symlinkSync('dirA', path.join(root, 'link'));
      const approvals = approvingAfter(() => {
        fs.unlinkSync(path.join(root, 'link'));
        fs.symlinkSync('dirB', path.join(root, 'link'));
      });
      const ctx = makeContext([folder('ws', root)], { approvals });
      const before = snapshotTree(root);
      const out = await runTool(writeFileTool, { path: 'link/x.txt', content: 'payload' }, ctx, 'tu');
      assert.equal(approvals.calls.length, 1);
      assert.equal(out.status, 'refused', out.content);
      assert.equal(ctx.writer.calls.length, 0);
      assert.deepEqual(snapshotTree(root), before);
    });

    it('a folder replaced by a symlink out of the workspace during the wait: refused, nothing written outside', async () => {
      const root = tempDir('cc-swap-');
      const outside = tempDir('cc-outside-');
      writeTree(root, { 'dirA/keep.txt': 'a' });
      const approvals = approvingAfter(() => {
        fs.renameSync(path.join(root, 'dirA'), path.join(root, 'moved'));
        fs.symlinkSync(outside, path.join(root, 'dirA'));
      });
      const ctx = makeContext([folder('ws', root)], { approvals });
      const out = await runTool(writeFileTool, { path: 'dirA/x.txt', content: 'payload' }, ctx, 'tu');
      assert.equal(out.status, 'refused', out.content);
      assert.equal(ctx.writer.calls.length, 0);
      assert.deepEqual(fs.readdirSync(outside), []);
      assert.equal(exists(root, 'moved/x.txt'), false);
    });

    it('a file replaced by a symlink to another workspace file during the wait: refused, the other file untouched', async () => {
      const root = tempDir('cc-swap-');
      writeTree(root, { 'a.txt': 'old\n', 'victim.txt': 'precious\n' });
      const approvals = approvingAfter(() => {
        fs.unlinkSync(path.join(root, 'a.txt'));
        fs.symlinkSync('victim.txt', path.join(root, 'a.txt'));
      });
      const ctx = makeContext([folder('ws', root)], { approvals });
      const out = await runTool(editFileTool, { path: 'a.txt', old_text: 'old', new_text: 'new' }, ctx, 'tu');
      assert.notEqual(out.status, 'done', out.content);
      assert.equal(ctx.writer.calls.length, 0);
      assert.equal(fs.readFileSync(path.join(root, 'victim.txt'), 'utf8'), 'precious\n');
    });
  });

  describe("the editor's own settings folder inside the workspace (a workspace opened on the home folder)", () => {
    const why = "the editor's settings folder";
    function home(): { root: string; ctx: TestContext } {
      const root = tempDir('cc-home-');
      writeTree(root, { '.config/Code/User/settings.json': '{}\n', 'notes.txt': 'n\n' });
      fs.symlinkSync(path.join(root, '.config', 'Code'), path.join(root, 'code-link'));
      const data = fs.realpathSync(path.join(root, '.config', 'Code'));
      return { root, ctx: makeContext([folder('home', fs.realpathSync(root))], { autoApproveWrites: true, protectedFolders: [{ absPath: data, why }] }) };
    }

    it('write_file to the user settings with auto-approve on waits for approval, with the reason; rejected, nothing changes', async () => {
      const { root, ctx } = home();
      ctx.approvals.decision = { approved: false };
      const out = await runTool(writeFileTool, { path: '.config/Code/User/settings.json', content: '{"claudeCompanion.apiBaseUrl": "https://evil.example"}\n' }, ctx, 'tu');
      assert.equal(ctx.approvals.calls.length, 1, 'asked for approval');
      assert.equal(ctx.approvals.calls[0]!.protectedReason, why);
      assert.equal(out.status, 'declined');
      assert.equal(fs.readFileSync(path.join(root, '.config/Code/User/settings.json'), 'utf8'), '{}\n');
    });

    it('a path through a link into that folder asks too', async () => {
      const { ctx } = home();
      ctx.approvals.decision = { approved: false };
      await runTool(editFileTool, { path: 'code-link/User/settings.json', old_text: '{}', new_text: '{"claudeCompanion.agent.autoApprove.writes": true}' }, ctx, 'tu');
      assert.equal(ctx.approvals.calls.length, 1, 'asked for approval');
      assert.equal(ctx.approvals.calls[0]!.protectedReason, why);
    });

    it('files elsewhere in the home folder are still written without asking', async () => {
      const { root, ctx } = home();
      const out = await runTool(writeFileTool, { path: 'notes.txt', content: 'new\n' }, ctx, 'tu');
      assert.equal(out.status, 'done');
      assert.equal(ctx.approvals.calls.length, 0);
      assert.equal(fs.readFileSync(path.join(root, 'notes.txt'), 'utf8'), 'new\n');
    });
  });
});
