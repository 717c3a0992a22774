import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { IgnoreRules, ToolFailure, ToolRefusal, createNodeFileSystem, resolveToolPath, type ToolContext } from '../../../src/core/tools';
import { skipBecause } from '../../support/skip';
import { folder, makeContext, removeTempDirs, tempDir, writeTree } from './helpers';

describe('tools: resolveToolPath', () => {
  let root: string;
  let ctx: ToolContext;
  before(() => {
    root = tempDir('cc-resolve-');
    writeTree(root, { 'src/a.ts': 'a', 'docs/readme.md': 'r', '%2e%2e/x.txt': 'literal' });
    fs.symlinkSync(path.join(root, 'src'), path.join(root, 'src-alias'));
    fs.symlinkSync(path.join(root, 'loop1'), path.join(root, 'loop2'));
    fs.symlinkSync(path.join(root, 'loop2'), path.join(root, 'loop1'));
    ctx = makeContext([folder('ws', root)]);
  });
  after(removeTempDirs);

  it('normalises separators and `.`/`..` that stay inside, and returns real, display and relative paths', async () => {
    for (const p of ['src/a.ts', 'src\\a.ts', './src/a.ts', 'src//a.ts', 'docs/../src/a.ts', 'src/./a.ts', 'src/a.ts/']) {
      const r = await resolveToolPath(p, ctx, { mustExist: true });
      assert.deepEqual([r.absPath, r.relPath, r.displayPath, r.type, r.folder.name], [path.join(root, 'src', 'a.ts'), 'src/a.ts', 'src/a.ts', 'file', 'ws'], p);
    }
    const top = await resolveToolPath('.', ctx, { mustExist: true });
    assert.deepEqual([top.absPath, top.relPath, top.displayPath, top.type], [root, '', '.', 'directory']);
  });

  it('percent-encoding is never decoded: `%2e%2e` is just a name', async () => {
    const r = await resolveToolPath('%2e%2e/x.txt', ctx, { mustExist: true });
    assert.equal(r.absPath, path.join(root, '%2e%2e', 'x.txt'));
  });

  it('a new file in missing folders resolves inside; mustExist makes a missing file a failure', async () => {
    const r = await resolveToolPath('new/dir/f.ts', ctx, { mustExist: false });
    assert.deepEqual([r.absPath, r.type], [path.join(root, 'new', 'dir', 'f.ts'), undefined]);
    await assert.rejects(resolveToolPath('new/dir/f.ts', ctx, { mustExist: true }), (e: unknown) => e instanceof ToolFailure && /does not exist/.test(e.message));
  });

  it('symlinks inside the workspace resolve to their target; loops are refused', async () => {
    const r = await resolveToolPath('src-alias/a.ts', ctx, { mustExist: true });
    assert.deepEqual([r.absPath, r.displayPath], [path.join(root, 'src', 'a.ts'), 'src/a.ts']);
    const created = await resolveToolPath('src-alias/new.ts', ctx, { mustExist: false });
    assert.equal(created.absPath, path.join(root, 'src', 'new.ts'));
    await assert.rejects(resolveToolPath('loop1', ctx, { mustExist: false }), ToolRefusal);
  });

  it('paths are case-sensitive on Linux: `SRC/a.ts` is not `src/a.ts`', async function () {
    if (process.platform !== 'linux') skipBecause(this, 'only Linux file systems are case-sensitive by default');
    await assert.rejects(resolveToolPath('SRC/a.ts', ctx, { mustExist: true }), /does not exist/);
  });

  it('multi-root: the first segment picks the folder (exact, else a unique case-insensitive match)', async () => {
    const other = tempDir('cc-other-');
    writeTree(other, { 'b.txt': 'b' });
    const multi = makeContext([folder('app', root), folder('Lib', other)]);
    const r = await resolveToolPath('Lib/b.txt', multi, { mustExist: true });
    assert.deepEqual([r.absPath, r.displayPath, r.relPath], [path.join(other, 'b.txt'), 'Lib/b.txt', 'b.txt']);
    assert.equal((await resolveToolPath('lib/b.txt', multi, { mustExist: true })).folder.name, 'Lib');
    assert.equal((await resolveToolPath('app/src/../src/a.ts', multi, { mustExist: true })).displayPath, 'app/src/a.ts');
    assert.equal((await resolveToolPath('app', multi, { mustExist: true })).displayPath, 'app');
    await assert.rejects(resolveToolPath('src/a.ts', multi, { mustExist: true }), /first segment must be one of `app`, `Lib`/);
    await assert.rejects(resolveToolPath('app/../Lib/b.txt', multi, { mustExist: true }), /climbs out of workspace folder `app`/);
  });

  it('no workspace folder: every path is refused', async () => {
    await assert.rejects(resolveToolPath('a', makeContext([]), { mustExist: false }), /No workspace folder is open/);
  });
});

describe('tools: IgnoreRules', () => {
  after(removeTempDirs);
  const fsPort = createNodeFileSystem();

  it('names the rule and the file it comes from', async () => {
    const root = tempDir('cc-ign-');
    writeTree(root, { '.gitignore': '# c\ndist/\n*.log\n!keep.log\n', '.claudeignore': 'notes/\n', 'pkg/.gitignore': '/gen\n', 'pkg/sub/.gitignore': 'tmp*\n' });
    const rules = await IgnoreRules.load(fsPort, root, { exclude: ['coverage', '**/*.{snap,map}'], allowSecrets: false });
    const cases: [string, boolean, RegExp | undefined][] = [
      ['dist', true, /`dist\/` is ignored: it matched `dist\/` in \.gitignore/],
      ['dist/a/b.js', false, /matched `dist\/` in \.gitignore/],
      ['src/dist', false, undefined],
      ['x/debug.log', false, /matched `\*\.log` in \.gitignore/],
      ['keep.log', false, undefined],
      ['notes/a.md', false, /matched `notes\/` in \.claudeignore/],
      ['pkg/gen/x.ts', false, /matched `\/gen` in pkg\/\.gitignore/],
      ['pkg/src/gen/x.ts', false, undefined],
      ['pkg/sub/deeper/tmp1', false, /matched `tmp\*` in pkg\/sub\/\.gitignore/],
      ['pkg/tmp1', false, undefined],
      ['a/coverage/x', false, /matched `coverage` in claudeCompanion\.tools\.exclude/],
      ['src/x.test.ts.snap', false, /matched `\*\*\/\*\.\{snap,map\}` in claudeCompanion\.tools\.exclude/],
      ['.env', false, /`\.env` is excluded by the default secret patterns \(`\.env\*`\); set claudeCompanion\.tools\.allowSecrets to allow it/],
      ['config/.env.production', false, /secret patterns/],
      ['.envrc', false, /secret patterns/],
      ['.git', true, /secret patterns \(`\.git`\)/],
      ['.git/HEAD', false, /secret patterns/],
      ['sub/.git', false, /secret patterns/],
      ['a/b.PEM', false, /secret patterns \(`\*\.pem`\)/],
      ['tls.key', false, /secret patterns/],
      ['home/id_rsa.pub', false, /secret patterns/],
      ['src/keyboard.ts', false, undefined],
      ['src/environment.ts', false, undefined],
      ['', true, undefined],
    ];
    for (const [rel, isDir, expected] of cases) {
      const why = await rules.reason(rel, isDir);
      if (expected) assert.match(why ?? '(allowed)', expected, rel);
      else assert.equal(why, undefined, rel);
    }
  });

  it('allowSecrets lifts only the secret patterns', async () => {
    const root = tempDir('cc-ign-');
    writeTree(root, { '.gitignore': '.env.local\n' });
    const rules = await IgnoreRules.load(fsPort, root, { exclude: [], allowSecrets: true });
    assert.equal(await rules.reason('.env', false), undefined);
    assert.equal(await rules.reason('.git/config', false), undefined);
    assert.match((await rules.reason('.env.local', false))!, /in \.gitignore/);
  });

  it('is rebuilt per tool call, so an edited .gitignore applies at once', async () => {
    const root = tempDir('cc-ign-');
    writeTree(root, { 'a.txt': 'a' });
    const ctx = makeContext([folder('ws', root)]);
    assert.equal((await resolveToolPath('a.txt', ctx, { mustExist: true })).relPath, 'a.txt');
    fs.writeFileSync(path.join(root, '.gitignore'), 'a.txt\n');
    await assert.rejects(resolveToolPath('a.txt', ctx, { mustExist: true }), /matched `a\.txt` in \.gitignore/);
  });

  // Issue 15 changed this on purpose: a link leaving the folder is still not read, but it now refuses
  // (fail closed) instead of counting as "no rules".
  it('a .gitignore symlinked out of the folder is not followed: it refuses', async () => {
    const root = tempDir('cc-ign-');
    const elsewhere = tempDir('cc-ign-');
    writeTree(elsewhere, { rules: 'b.txt\n' });
    fs.symlinkSync(path.join(elsewhere, 'rules'), path.join(root, '.gitignore'));
    const rules = await IgnoreRules.load(fsPort, root, { exclude: [], allowSecrets: false });
    assert.match((await rules.reason('a.txt', false)) ?? '(allowed)', /`\.gitignore` could not be used \(it is a symbolic link to a file outside/);
  });
});
