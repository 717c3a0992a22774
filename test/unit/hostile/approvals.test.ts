// Approvals belong to the host: only a pending proposal, once, from where it shows; the Approve command
// never approves what the user has not seen; Apply to File and Insert at Cursor keep write_file's rules.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { resolveApplyTarget } from '../../../src/core/codeBlocks/applyTarget';
import { needsTrustedWorkspace } from '../../../src/core/codeBlocks/trustedActions';
import { ApprovalRequests, activeDecision } from '../../../src/core/tools/approvalRequests';
import { MAX_READ_FILE_BYTES } from '../../../src/core/tools/readFile';
import { createNodeFileSystem, type ApprovalDecision } from '../../../src/core/tools';
import { removeTempDirs, tempDir, writeTree } from '../tools/helpers';
import { skipBecause } from '../../support/skip';

/** Settled value of `p` if it settled already (after the microtask queue drains), else 'pending'. */
async function state<T>(p: Promise<T>): Promise<T | 'pending'> {
  return Promise.race([p, new Promise<'pending'>((r) => setImmediate(() => r('pending')))]);
}

const WRITE = { panel: true, hasDiff: true };
const READ = { panel: true, hasDiff: false };
const CODE_BLOCK = { panel: false, hasDiff: true };

describe('hostile workspace: approvals', () => {
  describe('forged approvals from the webview', () => {
    it('an unknown id changes nothing', async () => {
      const requests = new ApprovalRequests();
      const real = requests.open('toolu_real', WRITE)!;
      assert.equal(requests.decide('toolu_forged', true, 'panel'), false);
      assert.equal(await state(real), 'pending');
      assert.deepEqual(requests.ids(), ['toolu_real']);
    });

    it('an id already decided changes nothing, and its decision stands', async () => {
      const requests = new ApprovalRequests();
      const decision = requests.open('toolu_1', WRITE)!;
      assert.equal(requests.decide('toolu_1', false, 'panel'), true);
      assert.equal(requests.decide('toolu_1', true, 'panel'), false);
      assert.deepEqual(await decision, { approved: false });
    });

    it('a read-confirmation id approved twice counts once', async () => {
      const requests = new ApprovalRequests();
      const read = requests.open('toolu_read', READ)!;
      assert.equal(requests.decide('toolu_read', true, 'panel'), true);
      assert.equal(requests.decide('toolu_read', true, 'panel'), false);
      assert.deepEqual(await read, { approved: true });
      assert.deepEqual(requests.ids(), []);
    });

    it('a repeated approval cannot land on a later proposal that reuses the id: the reuse is not asked at all', async () => {
      const requests = new ApprovalRequests();
      const read = requests.open('toolu_dup', READ)!;
      requests.decide('toolu_dup', true, 'panel');
      await read;
      assert.equal(requests.open('toolu_dup', WRITE), undefined, 'a reused id is refused, not shown');
      assert.equal(requests.decide('toolu_dup', true, 'panel'), false);
      assert.deepEqual(requests.ids(), []);
    });

    it('a second proposal with the id of a pending one is refused and the first stays as it was', async () => {
      const requests = new ApprovalRequests();
      const first = requests.open('toolu_same', WRITE)!;
      assert.equal(requests.open('toolu_same', WRITE), undefined);
      assert.equal(requests.decide('toolu_same', false, 'panel'), true);
      assert.deepEqual(await first, { approved: false });
    });

    it('the panel cannot approve a code block\'s Apply to File (it has no tool card there)', async () => {
      const requests = new ApprovalRequests();
      const apply = requests.open('code-block-1', CODE_BLOCK)!;
      assert.equal(requests.decide('code-block-1', true, 'panel'), false);
      assert.equal(await state(apply), 'pending');
      assert.equal(requests.decide('code-block-1', true, 'editor'), true);
      assert.deepEqual(await apply, { approved: true });
    });

    it('Stop (the host) settles any pending proposal as rejected, with its reason', async () => {
      const requests = new ApprovalRequests();
      const apply = requests.open('code-block-2', CODE_BLOCK)!;
      assert.equal(requests.decide('code-block-2', false, 'host', 'the task was stopped'), true);
      assert.deepEqual(await apply, { approved: false, reason: 'the task was stopped' } satisfies ApprovalDecision);
    });
  });

  describe('the Approve command with no proposal editor in front', () => {
    it('approves nothing: it shows the latest proposal\'s diff instead', async () => {
      const requests = new ApprovalRequests();
      const first = requests.open('toolu_a', WRITE)!;
      const second = requests.open('toolu_b', WRITE)!;
      assert.deepEqual(activeDecision(undefined, requests), { kind: 'show', id: 'toolu_b' });
      assert.equal(await state(first), 'pending');
      assert.equal(await state(second), 'pending');
    });

    it('a read confirmation (no diff to show) is never decided by it', () => {
      const requests = new ApprovalRequests();
      requests.open('toolu_read', READ);
      assert.deepEqual(activeDecision(undefined, requests), { kind: 'none' });
    });

    it('an active editor showing a proposal no longer pending decides nothing', () => {
      const requests = new ApprovalRequests();
      requests.open('toolu_old', WRITE);
      requests.decide('toolu_old', true, 'editor');
      requests.open('toolu_new', WRITE);
      assert.deepEqual(activeDecision('toolu_old', requests), { kind: 'show', id: 'toolu_new' });
    });

    it('with the proposal\'s diff in front, it decides that one', () => {
      const requests = new ApprovalRequests();
      requests.open('toolu_a', WRITE);
      requests.open('toolu_b', WRITE);
      assert.deepEqual(activeDecision('toolu_a', requests), { kind: 'decide', id: 'toolu_a' });
    });
  });

  describe('Insert at Cursor and Apply to File in Restricted Mode', () => {
    it('Insert at Cursor needs a trusted workspace', () => {
      assert.equal(needsTrustedWorkspace('insert'), true);
    });

    it('Apply to File needs a trusted workspace; Copy does not', () => {
      assert.equal(needsTrustedWorkspace('apply'), true);
      assert.equal(needsTrustedWorkspace('copy'), false);
    });

    it('an unknown action from the webview is treated as one that writes', () => {
      assert.equal(needsTrustedWorkspace('insertEverywhere'), true);
    });
  });

  describe('Apply to File refuses what write_file refuses', () => {
    let root: string;
    const ctx = () => ({ folders: [{ name: 'ws', root }], fs: createNodeFileSystem(), exclude: [], allowSecrets: false });
    beforeEach(() => {
      root = tempDir('cc-apply-');
    });
    after(removeTempDirs);

    it('a FIFO is refused without opening it', async function () {
      if (process.platform === 'win32') skipBecause(this, 'Windows has no FIFOs or Unix sockets in the file system');
      execFileSync('mkfifo', [path.join(root, 'pipe.ts')]);
      const target = await resolveApplyTarget({ path: 'pipe.ts' }, ctx());
      assert.equal(target.ok, false);
      assert.match(!target.ok ? target.message : '', /not a regular file/);
    });

    it('a socket is refused', async function () {
      if (process.platform === 'win32') skipBecause(this, 'Windows has no FIFOs or Unix sockets in the file system');
      const server = net.createServer();
      await new Promise<void>((r) => server.listen(path.join(root, 'sock.ts'), r));
      try {
        const target = await resolveApplyTarget({ path: 'sock.ts' }, ctx());
        assert.equal(target.ok, false);
      } finally {
        await new Promise((r) => server.close(r));
      }
    });

    it('a binary file is refused', async () => {
      writeTree(root, { 'logo.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0, 1, 2, 3]) });
      const target = await resolveApplyTarget({ path: 'logo.png' }, ctx());
      assert.equal(target.ok, false);
      assert.match(!target.ok ? target.message : '', /binary/);
    });

    it('a file over the read cap is refused', async () => {
      const big = path.join(root, 'big.txt');
      const fd = fs.openSync(big, 'w');
      fs.ftruncateSync(fd, MAX_READ_FILE_BYTES + 1);
      fs.closeSync(fd);
      const target = await resolveApplyTarget({ path: 'big.txt' }, ctx());
      assert.equal(target.ok, false);
      assert.match(!target.ok ? target.message : '', /too large/);
    });

    it('an ordinary file comes with its current bytes, for the diff and the after-approval check', async () => {
      writeTree(root, { 'src/a.ts': 'old\n' });
      const target = await resolveApplyTarget({ path: 'src/a.ts' }, ctx());
      assert.ok(target.ok);
      assert.equal(Buffer.from(target.before!).toString(), 'old\n');
      assert.equal(target.protectedReason, undefined);
    });

    it('a protected file says why', async () => {
      const target = await resolveApplyTarget({ path: '.vscode/settings.json' }, ctx());
      assert.ok(target.ok);
      assert.ok(target.protectedReason);
    });

    it('a protected file reached through a symlink says why too', async () => {
      writeTree(root, { '.claude/settings.json': '{}\n' });
      fs.symlinkSync('.claude', path.join(root, 'cfg'));
      const target = await resolveApplyTarget({ path: 'cfg/settings.json' }, ctx());
      assert.ok(target.ok);
      assert.ok(target.protectedReason);
    });
  });
});
