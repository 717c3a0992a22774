import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { changesAfterCommand, restoreCommandChanges, snapshotBeforeCommand, type CommandSnapshotOptions } from '../../../src/core/commands/commandChanges';
import { digestOf } from '../../../src/core/commands/workspaceSnapshot';
import type { WorkspaceFolderRef } from '../../../src/core/tools';
import { removeTempDirs, tempDir, writeTree } from '../tools/helpers';
import { binaryBytes, treePicture } from './changesHelpers';

const OPTIONS: CommandSnapshotOptions = { exclude: [], allowSecrets: false };

function git(root: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: root, encoding: 'utf8' });
}

/** What the user's repository state is made of: every ref, the stash list and the index file's bytes. */
function repoState(root: string): { refs: string; stash: string; index: string } {
  return {
    refs: git(root, 'rev-parse', '--all'),
    stash: git(root, 'stash', 'list'),
    index: createHash('sha256').update(fs.readFileSync(path.join(root, '.git', 'index'))).digest('hex'),
  };
}

/** A repository with history, a stash entry, a staged change, a change not staged and an untracked file. */
function repository(): { root: string; folders: WorkspaceFolderRef[] } {
  const root = tempDir('cc-cmd-git-');
  git(root, 'init', '-q');
  writeTree(root, { 'README.md': 'v1\n', 'src/app.ts': 'app v1\n', 'src/lib.ts': 'lib v1\n', 'data.bin': binaryBytes(4000, 5), '.gitignore': 'dist/\n', 'old.txt': 'old\n' });
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'one');
  fs.writeFileSync(path.join(root, 'README.md'), 'stashed edit\n');
  git(root, 'stash', '-q');
  fs.writeFileSync(path.join(root, 'src/lib.ts'), 'lib staged\n');
  git(root, 'add', 'src/lib.ts');
  fs.writeFileSync(path.join(root, 'src/app.ts'), 'app edited before the command\n');
  writeTree(root, { 'notes.txt': 'untracked before\n', '.env': 'SECRET=1\n', 'dist/out.js': 'built\n' });
  return { root, folders: [{ name: 'repo', root }] };
}

describe('run_command changes: git snapshot', function () {
  // Real processes and file trees: generous for a busy CI box; the tests wait on conditions, not time.
  this.timeout(30_000);
  afterEach(removeTempDirs);

  it('restores tracked, untracked and edited-before files without touching refs, stash list or index', async () => {
    const { root, folders } = repository();
    const original = treePicture(root);
    const state = repoState(root);

    const snap = await snapshotBeforeCommand(folders, OPTIONS);
    assert.ok(snap.git.has(root), 'the git snapshot was taken');
    const app = snap.workspace.files.get(path.join(root, 'src/app.ts'));
    assert.equal(app?.content, undefined, 'tracked contents live in git objects, not in memory');
    assert.deepEqual(repoState(root), state, 'taking the snapshot changed the repository state');

    // The command: edits tracked and untracked files, deletes and renames tracked ones, creates files.
    fs.writeFileSync(path.join(root, 'src/app.ts'), 'app rewritten by the command\n');
    fs.writeFileSync(path.join(root, 'src/lib.ts'), 'lib rewritten\n');
    fs.writeFileSync(path.join(root, 'notes.txt'), 'untracked after\n');
    fs.rmSync(path.join(root, 'data.bin'));
    fs.renameSync(path.join(root, 'old.txt'), path.join(root, 'new.txt'));
    writeTree(root, { 'src/generated.ts': 'gen\n' });

    const changes = await changesAfterCommand(snap);
    assert.deepEqual(changes.created.map((c) => c.displayPath), ['new.txt', 'src/generated.ts']);
    assert.deepEqual(changes.modified.map((c) => c.displayPath), ['notes.txt', 'src/app.ts', 'src/lib.ts']);
    assert.deepEqual(changes.deleted.map((c) => c.displayPath), ['data.bin', 'old.txt']);

    const outcomes = await restoreCommandChanges(changes);
    assert.deepEqual(outcomes.filter((o) => o.result === 'failed'), []);
    assert.deepEqual(treePicture(root), original);
    // The file edited before the command gets its pre-command bytes back, not HEAD's.
    assert.equal(fs.readFileSync(path.join(root, 'src/app.ts'), 'utf8'), 'app edited before the command\n');
    assert.deepEqual(repoState(root), state, 'restoring changed the repository state');
    assert.match(git(root, 'stash', 'list'), /^stash@\{0\}/);
    assert.equal(git(root, 'diff', '--cached', '--name-only'), 'src/lib.ts\n', 'the staged change is still staged');
  });

  it('never hands ignored or secret files to git', async () => {
    const { root, folders } = repository();
    const snap = await snapshotBeforeCommand(folders, OPTIONS);
    const blobs = [...snap.git.get(root)!.blobs.keys()].sort();
    assert.deepEqual(blobs, ['.gitignore', 'README.md', 'data.bin', 'notes.txt', 'old.txt', 'src/app.ts', 'src/lib.ts']);
    for (const secret of ['SECRET=1\n', 'built\n']) {
      const oid = digestOf('git-sha1', new TextEncoder().encode(secret));
      assert.throws(() => execFileSync('git', ['cat-file', '-e', oid], { cwd: root, stdio: 'ignore' }), `${JSON.stringify(secret)} was written to the object store`);
    }
  });

  it('falls back to the scan when git cannot be run', async () => {
    const { root, folders } = repository();
    const original = treePicture(root);
    const snap = await snapshotBeforeCommand(folders, { ...OPTIONS, git: path.join(root, 'no-such-git') });
    assert.equal(snap.git.size, 0);
    fs.writeFileSync(path.join(root, 'src/app.ts'), 'changed\n');
    fs.rmSync(path.join(root, 'old.txt'));
    const outcomes = await restoreCommandChanges(await changesAfterCommand(snap));
    assert.deepEqual(outcomes, [
      { path: 'src/app.ts', result: 'restored' },
      { path: 'old.txt', result: 'restored' },
    ]);
    assert.deepEqual(treePicture(root), original);
  });

  it('keeps files of a nested repository in memory and restores them', async () => {
    const { root, folders } = repository();
    const inner = path.join(root, 'vendor/lib');
    fs.mkdirSync(inner, { recursive: true });
    git(inner, 'init', '-q');
    fs.writeFileSync(path.join(inner, 'index.js'), 'inner\n');
    const snap = await snapshotBeforeCommand(folders, OPTIONS);
    assert.ok(snap.git.has(root));
    fs.writeFileSync(path.join(inner, 'index.js'), 'changed\n');
    const outcomes = await restoreCommandChanges(await changesAfterCommand(snap));
    assert.deepEqual(outcomes, [{ path: 'vendor/lib/index.js', result: 'restored' }]);
    assert.equal(fs.readFileSync(path.join(inner, 'index.js'), 'utf8'), 'inner\n');
  });
});
