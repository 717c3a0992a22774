import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { editFileTool, runTool, writeFileTool, type ToolContext } from '../../../src/core/tools';
import { folder, makeContext, removeTempDirs, tempDir, writeTree, type TestContext } from './helpers';

function workspace(files: Record<string, string | Uint8Array> = {}): { root: string; ctx: TestContext; make: (o?: Partial<ToolContext>) => TestContext } {
  const root = tempDir('cc-write-');
  writeTree(root, files);
  const make = (o: Partial<ToolContext> = {}) => makeContext([folder('ws', root)], o);
  return { root, ctx: make(), make };
}

const read = (root: string, rel: string) => fs.readFileSync(path.join(root, rel));

describe('tools: write_file', () => {
  after(removeTempDirs);

  it('creates a new file in a missing folder after approval: checkpoint first, then the exact content', async () => {
    const { root, ctx } = workspace();
    const out = await runTool(writeFileTool, { path: 'src/deep/new.ts', content: 'export {};\n' }, ctx, 'tu-1');
    assert.equal(out.status, 'done', out.content);
    assert.equal(out.isError, false);
    assert.match(out.content, /Created `src\/deep\/new\.ts` \(1 line\)/);
    assert.equal(ctx.approvals.calls.length, 1);
    const proposed = ctx.approvals.calls[0]!;
    assert.equal(proposed.tool, 'write_file');
    assert.equal(proposed.toolUseId, 'tu-1');
    assert.equal(proposed.displayPath, 'src/deep/new.ts');
    assert.equal(proposed.absPath, path.join(root, 'src', 'deep', 'new.ts'));
    assert.equal(proposed.before, undefined);
    assert.equal(proposed.after, 'export {};\n');
    assert.deepEqual(ctx.order, [`checkpoint ${proposed.absPath}`, `write ${proposed.absPath}`]);
    assert.deepEqual(ctx.checkpoints.calls, [{ absPath: proposed.absPath, before: undefined }]);
    assert.equal(read(root, 'src/deep/new.ts').toString(), 'export {};\n');
  });

  it('replaces an existing file, passing its original bytes to the approval and the checkpoint', async () => {
    const { root, ctx } = workspace({ 'a.txt': 'old\n' });
    const out = await runTool(writeFileTool, { path: 'a.txt', content: 'new\n' }, ctx, 'tu');
    assert.equal(out.status, 'done');
    assert.equal(Buffer.from(ctx.approvals.calls[0]!.before!).toString(), 'old\n');
    assert.equal(Buffer.from(ctx.checkpoints.calls[0]!.before!).toString(), 'old\n');
    assert.equal(read(root, 'a.txt').toString(), 'new\n');
  });

  it('declined: nothing is written and the model is told not to retry the same change', async () => {
    const { root, make } = workspace({ 'a.txt': 'old\n' });
    const ctx = make();
    ctx.approvals.decision = { approved: false, reason: 'keep the old wording' };
    const out = await runTool(writeFileTool, { path: 'a.txt', content: 'new\n' }, ctx, 'tu');
    assert.equal(out.status, 'declined');
    assert.equal(out.isError, true);
    assert.match(out.content, /declined/);
    assert.match(out.content, /keep the old wording/);
    assert.match(out.content, /Do not retry the same change/);
    assert.equal(ctx.writer.calls.length, 0);
    assert.equal(ctx.checkpoints.calls.length, 0);
    assert.equal(read(root, 'a.txt').toString(), 'old\n');
  });

  it('auto-approval skips asking but still checkpoints', async () => {
    const { root, make } = workspace();
    const ctx = make({ autoApproveWrites: true });
    const out = await runTool(writeFileTool, { path: 'b.txt', content: 'x' }, ctx, 'tu');
    assert.equal(out.status, 'done');
    assert.equal(ctx.approvals.calls.length, 0);
    assert.equal(ctx.checkpoints.calls.length, 1);
    assert.equal(read(root, 'b.txt').toString(), 'x');
  });

  it('Restricted Mode: refused without asking, nothing written', async () => {
    const { root, make } = workspace({ 'a.txt': 'old' });
    const ctx = make({ trusted: false, autoApproveWrites: true });
    const out = await runTool(writeFileTool, { path: 'a.txt', content: 'new' }, ctx, 'tu');
    assert.equal(out.status, 'refused');
    assert.match(out.content, /the workspace is not trusted; writes are disabled in Restricted Mode/i);
    assert.equal(ctx.approvals.calls.length, 0);
    assert.equal(ctx.writer.calls.length, 0);
    assert.equal(read(root, 'a.txt').toString(), 'old');
  });

  it('keeps CRLF line endings of an existing file, and skips a write that changes nothing', async () => {
    const { root, ctx } = workspace({ 'w.txt': 'a\r\nb\r\n' });
    const same = await runTool(writeFileTool, { path: 'w.txt', content: 'a\nb\n' }, ctx, 'tu');
    assert.equal(same.status, 'done');
    assert.match(same.content, /already has exactly this content/);
    assert.equal(ctx.approvals.calls.length, 0);
    const out = await runTool(writeFileTool, { path: 'w.txt', content: 'a\nc\n' }, ctx, 'tu');
    assert.equal(out.status, 'done');
    assert.equal(read(root, 'w.txt').toString(), 'a\r\nc\r\n');
  });

  it('refuses folders and binary files, and writes nothing when the file changed while waiting', async () => {
    const { root, make } = workspace({ 'dir/x.txt': 'x', 'bin.dat': Buffer.from([1, 0, 2]), 'race.txt': 'v1' });
    const ctx = make();
    const dir = await runTool(writeFileTool, { path: 'dir', content: 'x' }, ctx, 'tu');
    assert.equal(dir.status, 'failed');
    assert.match(dir.content, /is a folder/);
    const bin = await runTool(writeFileTool, { path: 'bin.dat', content: 'x' }, ctx, 'tu');
    assert.match(bin.content, /binary/);

    const racing = make();
    racing.approvals.requestApproval = async () => {
      fs.writeFileSync(path.join(root, 'race.txt'), 'edited by the user');
      return { approved: true };
    };
    const race = await runTool(writeFileTool, { path: 'race.txt', content: 'v2' }, racing, 'tu');
    assert.equal(race.status, 'failed');
    assert.match(race.content, /changed on disk/);
    assert.equal(read(root, 'race.txt').toString(), 'edited by the user');
    assert.equal(racing.writer.calls.length + racing.checkpoints.calls.length, 0);
  });

  it('a writer failure becomes an error result, not an exception', async () => {
    const { make } = workspace();
    const ctx = make();
    ctx.writer.apply = async () => {
      throw new Error('disk full');
    };
    const out = await runTool(writeFileTool, { path: 'x.txt', content: 'x' }, ctx, 'tu');
    assert.equal(out.status, 'failed');
    assert.match(out.content, /disk full/);
  });
});

describe('tools: edit_file', () => {
  after(removeTempDirs);

  const source = 'function a() {\n  return 1;\n}\n\nfunction b() {\n  return 1;\n}\n';

  it('replaces the unique match after approval', async () => {
    const { root, ctx } = workspace({ 'src/f.ts': source });
    const out = await runTool(editFileTool, { path: 'src/f.ts', old_text: 'function b() {\n  return 1;', new_text: 'function b() {\n  return 2;' }, ctx, 'tu');
    assert.equal(out.status, 'done', out.content);
    assert.match(out.content, /Edited `src\/f\.ts`: replaced lines 5–6/);
    assert.equal(read(root, 'src/f.ts').toString(), 'function a() {\n  return 1;\n}\n\nfunction b() {\n  return 2;\n}\n');
    const w = ctx.approvals.calls[0]!;
    assert.equal(w.tool, 'edit_file');
    assert.equal(Buffer.from(w.before!).toString(), source);
    assert.deepEqual(ctx.order.map((o) => o.split(' ')[0]), ['checkpoint', 'write']);
  });

  it('zero matches: a clear error, and the file bytes are identical', async () => {
    const { root, ctx } = workspace({ 'f.ts': source });
    const before = read(root, 'f.ts');
    const out = await runTool(editFileTool, { path: 'f.ts', old_text: 'return 3;', new_text: 'return 4;' }, ctx, 'tu');
    assert.equal(out.status, 'failed');
    assert.match(out.content, /was not found/);
    assert.match(out.content, /whitespace and indentation/);
    assert.match(out.content, /read_file/);
    assert.deepEqual(read(root, 'f.ts'), before);
    assert.equal(ctx.approvals.calls.length + ctx.writer.calls.length, 0);
  });

  it('zero matches: hints at whitespace differences and at line-number prefixes', async () => {
    const { ctx } = workspace({ 'f.ts': source });
    const ws = await runTool(editFileTool, { path: 'f.ts', old_text: 'function b() {\n    return 1;', new_text: 'x' }, ctx, 'tu');
    assert.match(ws.content, /whitespace is ignored, at line 5/);
    const prefixed = await runTool(editFileTool, { path: 'f.ts', old_text: '    2|   return 1;', new_text: 'x' }, ctx, 'tu');
    assert.match(prefixed.content, /line-number prefixes/);
  });

  it('several matches: the count and the line numbers, nothing changed', async () => {
    const { root, ctx } = workspace({ 'f.ts': source });
    const before = read(root, 'f.ts');
    const out = await runTool(editFileTool, { path: 'f.ts', old_text: '  return 1;', new_text: '  return 2;' }, ctx, 'tu');
    assert.equal(out.status, 'failed');
    assert.match(out.content, /occurs 2 times/);
    assert.match(out.content, /lines 2, 6/);
    assert.match(out.content, /more surrounding lines/);
    assert.deepEqual(read(root, 'f.ts'), before);
    assert.equal(ctx.writer.calls.length, 0);
  });

  it('empty old_text, identical texts, a missing file and invalid UTF-8 are errors that say what to do', async () => {
    const { root, ctx } = workspace({ 'f.ts': source, 'bad.txt': Buffer.from([0x61, 0xff, 0x62]) });
    const empty = await runTool(editFileTool, { path: 'f.ts', old_text: '', new_text: 'x' }, ctx, 'tu');
    assert.match(empty.content, /`old_text` must be a non-empty string/);
    const same = await runTool(editFileTool, { path: 'f.ts', old_text: 'a', new_text: 'a' }, ctx, 'tu');
    assert.match(same.content, /identical/);
    const missing = await runTool(editFileTool, { path: 'nope.ts', old_text: 'a', new_text: 'b' }, ctx, 'tu');
    assert.match(missing.content, /does not exist.*use write_file/);
    const bad = await runTool(editFileTool, { path: 'bad.txt', old_text: 'a', new_text: 'c' }, ctx, 'tu');
    assert.match(bad.content, /not valid UTF-8/);
    assert.deepEqual(read(root, 'bad.txt'), Buffer.from([0x61, 0xff, 0x62]));
    assert.equal(ctx.writer.calls.length, 0);
  });

  it('CRLF file: LF old_text/new_text match, and the result keeps CRLF', async () => {
    const crlf = 'one\r\ntwo\r\nthree\r\n';
    const { root, ctx } = workspace({ 'w.txt': crlf });
    const out = await runTool(editFileTool, { path: 'w.txt', old_text: 'one\ntwo\n', new_text: 'one\n2\n2b\n' }, ctx, 'tu');
    assert.equal(out.status, 'done', out.content);
    assert.equal(read(root, 'w.txt').toString(), 'one\r\n2\r\n2b\r\nthree\r\n');
  });

  it('LF file: CRLF old_text still matches and writes LF', async () => {
    const { root, ctx } = workspace({ 'l.txt': 'a\nb\nc\n' });
    const out = await runTool(editFileTool, { path: 'l.txt', old_text: 'a\r\nb', new_text: 'a\r\nB' }, ctx, 'tu');
    assert.equal(out.status, 'done', out.content);
    assert.equal(read(root, 'l.txt').toString(), 'a\nB\nc\n');
  });

  it('declined and untrusted edits leave the file untouched', async () => {
    const { root, make } = workspace({ 'f.ts': source });
    const before = read(root, 'f.ts');
    const declining = make();
    declining.approvals.decision = { approved: false };
    const d = await runTool(editFileTool, { path: 'f.ts', old_text: 'function a', new_text: 'function z' }, declining, 'tu');
    assert.equal(d.status, 'declined');
    assert.match(d.content, /Do not retry/);
    const untrusted = make({ trusted: false });
    const u = await runTool(editFileTool, { path: 'f.ts', old_text: 'function a', new_text: 'function z' }, untrusted, 'tu');
    assert.equal(u.status, 'refused');
    assert.match(u.content, /Restricted Mode/);
    assert.equal(untrusted.approvals.calls.length, 0);
    assert.deepEqual(read(root, 'f.ts'), before);
  });

  it('edits through an in-workspace symlink change the target, reported at its real path', async () => {
    const { root, ctx } = workspace({ 'real/t.txt': 'hello\n' });
    fs.symlinkSync(path.join(root, 'real', 't.txt'), path.join(root, 'alias.txt'));
    const out = await runTool(editFileTool, { path: 'alias.txt', old_text: 'hello', new_text: 'bye' }, ctx, 'tu');
    assert.equal(out.status, 'done', out.content);
    assert.equal(ctx.approvals.calls[0]!.displayPath, 'real/t.txt');
    assert.equal(read(root, 'real/t.txt').toString(), 'bye\n');
    assert.ok(fs.lstatSync(path.join(root, 'alias.txt')).isSymbolicLink());
  });
});
