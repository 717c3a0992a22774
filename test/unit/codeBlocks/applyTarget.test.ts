// Apply to File's target: the fence's path or the active editor's file, always inside the workspace.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveApplyTarget, workspaceRelative } from '../../../src/core/codeBlocks/applyTarget';
import { createNodeFileSystem } from '../../../src/core/tools';
import { removeTempDirs, tempDir, writeTree } from '../tools/helpers';

describe('Apply to File target', () => {
  let root: string;
  let outside: string;
  const ctx = () => ({ folders: [{ name: 'ws', root }], fs: createNodeFileSystem(), exclude: [], allowSecrets: false });

  beforeEach(() => {
    root = tempDir();
    outside = tempDir();
    writeTree(root, { 'src/a.ts': 'old\n', '.env': 'SECRET=1\n' });
    writeTree(outside, { 'x.ts': 'x\n' });
  });
  after(removeTempDirs);

  it('uses the path the fence names, relative to the workspace', async () => {
    const target = await resolveApplyTarget({ path: 'src/a.ts', activeFile: path.join(root, 'other.ts') }, ctx());
    assert.ok(target.ok);
    assert.equal(target.file.displayPath, 'src/a.ts');
    assert.equal(target.file.absPath, path.join(root, 'src', 'a.ts'));
  });

  it('allows a new file inside the workspace', async () => {
    const target = await resolveApplyTarget({ path: 'src/new/b.ts' }, ctx());
    assert.ok(target.ok);
    assert.equal(target.file.type, undefined);
  });

  it('accepts an absolute fence path inside the workspace', async () => {
    const target = await resolveApplyTarget({ path: path.join(root, 'src', 'a.ts') }, ctx());
    assert.ok(target.ok);
    assert.equal(target.file.displayPath, 'src/a.ts');
  });

  it('falls back to the active editor’s file', async () => {
    const target = await resolveApplyTarget({ activeFile: path.join(root, 'src', 'a.ts') }, ctx());
    assert.ok(target.ok);
    assert.equal(target.file.displayPath, 'src/a.ts');
  });

  it('refuses paths outside the workspace, with a clear message', async () => {
    for (const request of [{ path: '../x.ts' }, { path: path.join(outside, 'x.ts') }, { activeFile: path.join(outside, 'x.ts') }, { path: '/etc/passwd' }]) {
      const target = await resolveApplyTarget(request, ctx());
      assert.equal(target.ok, false, JSON.stringify(request));
      assert.match((target as { message: string }).message, /outside the workspace|climbs out of the workspace|absolute/i, JSON.stringify(request));
    }
  });

  it('refuses a symbolic link that leads out of the workspace', async () => {
    fs.symlinkSync(outside, path.join(root, 'link'));
    const target = await resolveApplyTarget({ path: 'link/x.ts' }, ctx());
    assert.equal(target.ok, false);
    assert.match((target as { message: string }).message, /outside/);
  });

  it('refuses secret files, folders, and having no target at all', async () => {
    assert.equal((await resolveApplyTarget({ path: '.env' }, ctx())).ok, false);
    assert.match((await resolveApplyTarget({ path: 'src' }, ctx()) as { message: string }).message, /folder/);
    assert.match((await resolveApplyTarget({}, ctx()) as { message: string }).message, /open the file/);
    assert.match((await resolveApplyTarget({ path: 'a.ts' }, { ...ctx(), folders: [] }) as { message: string }).message, /no folder is open/);
  });

  it('names multi-root paths by folder', () => {
    const folders = [{ name: 'front', root: '/w/front' }, { name: 'back', root: '/w/back' }];
    assert.equal(workspaceRelative('/w/back/src/a.ts', folders, path.posix), 'back/src/a.ts');
    assert.equal(workspaceRelative('/w/other/a.ts', folders, path.posix), undefined);
    assert.equal(workspaceRelative('/w/front', folders, path.posix), undefined);
  });
});
