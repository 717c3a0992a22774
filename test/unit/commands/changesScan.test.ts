import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { planRevert } from '../../../src/core/chat/revertPlan';
import { changesAfterCommand, commandCheckpoints, describeUnrestorable, restoreCommandChanges, snapshotBeforeCommand, type CommandSnapshotOptions } from '../../../src/core/commands/commandChanges';
import type { WorkspaceFolderRef } from '../../../src/core/tools';
import { removeTempDirs, tempDir, writeTree } from '../tools/helpers';
import { binaryBytes, spyOnReads, treePicture } from './changesHelpers';

const NO_GIT: CommandSnapshotOptions = { exclude: [], allowSecrets: false, git: false };

function workspace(files: Record<string, string | Uint8Array>): { root: string; folders: WorkspaceFolderRef[] } {
  const root = tempDir('cc-cmd-');
  writeTree(root, files);
  return { root, folders: [{ name: 'ws', root }] };
}

describe('run_command changes: scan', function () {
  // Real processes and file trees: generous for a busy CI box; the tests wait on conditions, not time.
  this.timeout(30_000);
  afterEach(removeTempDirs);

  it('detects created, modified, deleted and renamed files, and restore puts every byte back', async () => {
    const { root, folders } = workspace({ 'a.txt': 'alpha\n', 'b.bin': binaryBytes(3000, 1), 'c.txt': 'see\n', 'src/d.ts': 'export const d = 1;\n', 'bin/run.sh': '#!/bin/sh\necho hi\n' });
    fs.chmodSync(path.join(root, 'bin/run.sh'), 0o755);
    const original = treePicture(root);
    const snap = await snapshotBeforeCommand(folders, NO_GIT);

    // What a command might do: same-size edit, delete, rename into a new folder, a new file, chmod.
    fs.writeFileSync(path.join(root, 'a.txt'), 'ALPHA\n');
    fs.rmSync(path.join(root, 'b.bin'));
    fs.mkdirSync(path.join(root, 'moved'));
    fs.renameSync(path.join(root, 'c.txt'), path.join(root, 'moved/c2.txt'));
    fs.writeFileSync(path.join(root, 'src/new.ts'), 'new\n');
    fs.writeFileSync(path.join(root, 'src/d.ts'), 'export const d = 2; // longer now\n');
    fs.chmodSync(path.join(root, 'bin/run.sh'), 0o644);

    const changes = await changesAfterCommand(snap);
    assert.deepEqual(changes.created.map((c) => [c.displayPath, c.renamedFrom]), [['moved/c2.txt', 'c.txt'], ['src/new.ts', undefined]]);
    assert.deepEqual(changes.modified.map((c) => c.displayPath), ['a.txt', 'bin/run.sh', 'src/d.ts']);
    assert.deepEqual(changes.deleted.map((c) => c.displayPath), ['b.bin', 'c.txt']);
    assert.deepEqual(changes.unrestorable, []);

    const outcomes = await restoreCommandChanges(changes);
    assert.deepEqual(outcomes.filter((o) => o.result === 'failed'), []);
    assert.deepEqual(outcomes.filter((o) => o.result === 'removed').map((o) => o.path), ['moved/c2.txt', 'src/new.ts']);
    assert.deepEqual(treePicture(root), original);
    assert.equal(fs.existsSync(path.join(root, 'moved')), false, 'the folder only the command created is gone too');
  });

  it('does not report a file that was only touched (same bytes, new time)', async () => {
    const { root, folders } = workspace({ 'a.txt': 'same\n', 'b.txt': 'other\n' });
    const snap = await snapshotBeforeCommand(folders, NO_GIT);
    fs.writeFileSync(path.join(root, 'a.txt'), 'same\n');
    fs.utimesSync(path.join(root, 'b.txt'), new Date(2000, 1, 1), new Date(2000, 1, 1));
    const changes = await changesAfterCommand(snap);
    assert.deepEqual([changes.created, changes.modified, changes.deleted], [[], [], []]);
  });

  it('neither reads nor restores ignored and secret files, and reports them', async () => {
    const { root, folders } = workspace({ '.env': 'KEY=before\n', '.claudeignore': 'private/\n', 'private/notes.txt': 'mine\n', 'ok.txt': 'ok\n', 'node_modules/x/index.js': 'x\n' });
    const reads = spyOnReads();
    let snap;
    try {
      snap = await snapshotBeforeCommand(folders, NO_GIT);
    } finally {
      reads.stop();
    }
    const secretReads = reads.paths.filter((p) => /\.env$|notes\.txt$|index\.js$/.test(p));
    assert.deepEqual(secretReads, []);

    fs.writeFileSync(path.join(root, '.env'), 'KEY=after\n');
    fs.writeFileSync(path.join(root, 'id_rsa'), 'PRIVATE\n');
    fs.writeFileSync(path.join(root, 'private/notes.txt'), 'changed\n');
    fs.writeFileSync(path.join(root, 'ok.txt'), 'changed\n');

    const after = spyOnReads();
    let changes;
    try {
      changes = await changesAfterCommand(snap);
    } finally {
      after.stop();
    }
    assert.deepEqual(after.paths.filter((p) => /\.env$|notes\.txt$|id_rsa$/.test(p)), []);
    assert.deepEqual(changes.unrestorable, [
      { path: 'id_rsa', reason: 'ignored' },
      { path: '.env', reason: 'ignored' },
    ]);
    assert.deepEqual(changes.notTracked, [
      { path: 'node_modules/', reason: 'untrackedFolder' },
      { path: 'private/', reason: 'ignored' },
    ]);

    const outcomes = await restoreCommandChanges(changes);
    assert.deepEqual(outcomes, [
      { path: 'id_rsa', result: 'failed', reason: 'ignored' },
      { path: '.env', result: 'failed', reason: 'ignored' },
      { path: 'ok.txt', result: 'restored' },
    ]);
    assert.equal(fs.readFileSync(path.join(root, '.env'), 'utf8'), 'KEY=after\n');
    assert.equal(fs.readFileSync(path.join(root, 'id_rsa'), 'utf8'), 'PRIVATE\n');
    assert.equal(fs.readFileSync(path.join(root, 'private/notes.txt'), 'utf8'), 'changed\n');
    assert.equal(fs.readFileSync(path.join(root, 'ok.txt'), 'utf8'), 'ok\n');
  });

  it('does not take a file hidden by a new ignore rule for deleted, nor write over it', async () => {
    const { root, folders } = workspace({ 'gen/out.txt': 'before\n', 'a.txt': 'a\n' });
    const snap = await snapshotBeforeCommand(folders, NO_GIT);
    fs.writeFileSync(path.join(root, '.gitignore'), 'gen/\n');
    fs.writeFileSync(path.join(root, 'gen/out.txt'), 'written by the command, now ignored\n');
    const changes = await changesAfterCommand(snap);
    assert.deepEqual(changes.deleted, []);
    assert.deepEqual(changes.unrestorable, [{ path: 'gen/out.txt', reason: 'ignored' }]);
    const outcomes = await restoreCommandChanges(changes);
    assert.deepEqual(outcomes, [
      { path: '.gitignore', result: 'removed' },
      { path: 'gen/out.txt', result: 'failed', reason: 'ignored' },
    ]);
    assert.equal(fs.readFileSync(path.join(root, 'gen/out.txt'), 'utf8'), 'written by the command, now ignored\n');
  });

  it('reports a file over the size cap, and one past the total cap, as not restorable', async () => {
    const { root, folders } = workspace({ 'big.bin': binaryBytes(5000, 2), 'a.txt': 'a'.repeat(80), 'b.txt': 'b'.repeat(80) });
    const snap = await snapshotBeforeCommand(folders, { ...NO_GIT, maxFileBytes: 4096, maxTotalBytes: 100 });
    fs.writeFileSync(path.join(root, 'big.bin'), binaryBytes(5000, 3));
    fs.writeFileSync(path.join(root, 'a.txt'), 'A'.repeat(80));
    fs.writeFileSync(path.join(root, 'b.txt'), 'B'.repeat(80));
    const changes = await changesAfterCommand(snap);
    assert.deepEqual(changes.modified.map((c) => c.displayPath), ['a.txt', 'b.txt', 'big.bin']);
    assert.deepEqual(changes.unrestorable, [
      { path: 'b.txt', reason: 'overTotalCap' },
      { path: 'big.bin', reason: 'tooLarge' },
    ]);
    const outcomes = await restoreCommandChanges(changes);
    assert.deepEqual(outcomes, [
      { path: 'a.txt', result: 'restored' },
      { path: 'b.txt', result: 'failed', reason: 'overTotalCap' },
      { path: 'big.bin', result: 'failed', reason: 'tooLarge' },
    ]);
    assert.equal(fs.readFileSync(path.join(root, 'a.txt'), 'utf8'), 'a'.repeat(80));
    // What Revert will say for each: different words, none empty.
    const said = changes.unrestorable.map((u) => describeUnrestorable(u.reason));
    assert.deepEqual(said, ['past the memory kept for copies before the command', 'too large to keep a copy of']);
  });

  it('removes a symbolic link the command put in place of a folder, then restores the folder\'s file', async () => {
    const { root, folders } = workspace({ 'src/d.ts': 'd\n' });
    const elsewhere = tempDir('cc-cmd-outside-');
    const snap = await snapshotBeforeCommand(folders, NO_GIT);
    fs.rmSync(path.join(root, 'src'), { recursive: true });
    fs.symlinkSync(elsewhere, path.join(root, 'src'));
    const changes = await changesAfterCommand(snap);
    const outcomes = await restoreCommandChanges(changes);
    assert.deepEqual(outcomes, [
      { path: 'src', result: 'removed' },
      { path: 'src/d.ts', result: 'restored' },
    ]);
    assert.deepEqual(fs.readdirSync(elsewhere), [], 'nothing was written outside the workspace');
    assert.equal(fs.readFileSync(path.join(root, 'src/d.ts'), 'utf8'), 'd\n');
  });

  it('does not write through a folder replaced by a symbolic link after the command, before Revert', async () => {
    const { root, folders } = workspace({ 'src/d.ts': 'd\n' });
    const elsewhere = tempDir('cc-cmd-outside-');
    const snap = await snapshotBeforeCommand(folders, NO_GIT);
    fs.writeFileSync(path.join(root, 'src/d.ts'), 'changed by the command\n');
    const changes = await changesAfterCommand(snap);
    fs.renameSync(path.join(root, 'src'), path.join(root, 'src-old'));
    fs.symlinkSync(elsewhere, path.join(root, 'src'));
    const outcomes = await restoreCommandChanges(changes);
    assert.deepEqual(outcomes, [{ path: 'src/d.ts', result: 'failed', reason: 'redirected' }]);
    assert.deepEqual(fs.readdirSync(elsewhere), [], 'nothing was written outside the workspace');
  });

  it('gives checkpoints in the shape Revert this turn plans with', async () => {
    const { root, folders } = workspace({ 'a.txt': 'before\n', 'gone.txt': 'gone\n' });
    const snap = await snapshotBeforeCommand(folders, NO_GIT);
    fs.writeFileSync(path.join(root, 'a.txt'), 'after\n');
    fs.rmSync(path.join(root, 'gone.txt'));
    fs.writeFileSync(path.join(root, 'made.txt'), 'made\n');
    const checkpoints = await commandCheckpoints(await changesAfterCommand(snap));
    const shown = checkpoints.map((c) => [path.basename(c.absPath), text(c.before), text(c.after)]);
    assert.deepEqual(shown, [['made.txt', undefined, 'made\n'], ['a.txt', 'before\n', 'after\n'], ['gone.txt', 'gone\n', undefined]]);
    const plan = await planRevert(checkpoints, async (p) => fs.promises.readFile(p).then((b) => new Uint8Array(b), () => undefined));
    assert.deepEqual(plan.unchanged.map((c) => path.basename(c.absPath)), ['made.txt', 'a.txt']);
    // A file the command deleted has no "after" bytes: today's plan lists it as missing (asked about).
    assert.deepEqual(plan.missing.map((c) => path.basename(c.absPath)), ['gone.txt']);
  });
});

function text(bytes: Uint8Array | undefined): string | undefined {
  return bytes === undefined ? undefined : Buffer.from(bytes).toString('utf8');
}
