import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LockTimeoutError, withLock } from '../../../src/core/history/storeLock';
import { deadPid, filesIn, tempDir } from './helpers';

const holder = (pid: number, nonce = 'n', host = os.hostname()) => JSON.stringify({ pid, host, nonce, at: new Date().toISOString() });

describe('store lock', () => {
  it('lets one holder in at a time (read-modify-write never interleaves)', async () => {
    const dir = tempDir();
    const lock = path.join(dir, 'store.lock');
    const counter = path.join(dir, 'n');
    fs.writeFileSync(counter, '0');
    let inside = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 30 }, () =>
        withLock(lock, async () => {
          most = Math.max(most, ++inside);
          const n = Number(fs.readFileSync(counter, 'utf8'));
          await new Promise((r) => setImmediate(r));
          fs.writeFileSync(counter, String(n + 1));
          inside--;
        }),
      ),
    );
    assert.equal(fs.readFileSync(counter, 'utf8'), '30');
    assert.equal(most, 1);
    assert.deepEqual(filesIn(dir), ['n'], 'released, and no temp files left');
  });

  it('releases on failure', async () => {
    const lock = path.join(tempDir(), 'store.lock');
    await assert.rejects(withLock(lock, async () => Promise.reject(new Error('boom'))), /boom/);
    assert.equal(await withLock(lock, async () => 'again'), 'again');
  });

  it('takes over a lock whose process is gone', async () => {
    const lock = path.join(tempDir(), 'store.lock');
    fs.writeFileSync(lock, holder(deadPid()));
    assert.equal(await withLock(lock, async () => 'mine', { timeoutMs: 2000 }), 'mine');
    assert.ok(!fs.existsSync(lock));
  });

  it('takes over a lock older than staleMs even if its pid looks alive (another host, a recycled pid)', async () => {
    const lock = path.join(tempDir(), 'store.lock');
    fs.writeFileSync(lock, holder(process.pid, 'other', 'another-host'));
    const past = new Date(Date.now() - 5_000);
    fs.utimesSync(lock, past, past);
    assert.equal(await withLock(lock, async () => 'mine', { staleMs: 1_000, timeoutMs: 2000 }), 'mine');
  });

  it('waits for a live holder and gives up with a LockTimeoutError', async () => {
    const lock = path.join(tempDir(), 'store.lock');
    const content = holder(process.pid, 'live-holder');
    fs.writeFileSync(lock, content);
    await assert.rejects(
      withLock(lock, async () => 'never', { timeoutMs: 200 }),
      (e: unknown) => e instanceof LockTimeoutError && e.holder === content,
    );
    assert.equal(fs.readFileSync(lock, 'utf8'), content, 'a live lock is left alone');
  });

  it('does not treat a lock on another host as stale while it is young', async () => {
    const lock = path.join(tempDir(), 'store.lock');
    fs.writeFileSync(lock, holder(deadPid(), 'remote', 'another-host'));
    await assert.rejects(withLock(lock, async () => 'never', { timeoutMs: 150 }), LockTimeoutError);
  });

  it('many contenders on one stale lock: exactly one holds it at a time', async () => {
    const dir = tempDir();
    const lock = path.join(dir, 'store.lock');
    fs.writeFileSync(lock, holder(deadPid()));
    let inside = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 10 }, () =>
        withLock(lock, async () => {
          most = Math.max(most, ++inside);
          await new Promise((r) => setTimeout(r, 2));
          inside--;
        }),
      ),
    );
    assert.equal(most, 1);
    assert.deepEqual(filesIn(dir), []);
  });

  it('release leaves a lock that is no longer ours (we were judged dead and replaced)', async () => {
    const lock = path.join(tempDir(), 'store.lock');
    const successor = holder(process.pid, 'successor');
    await withLock(lock, async () => {
      fs.rmSync(lock);
      fs.writeFileSync(lock, successor);
    });
    assert.equal(fs.readFileSync(lock, 'utf8'), successor);
  });

  it('excludes other processes too', async function () {
    this.timeout(20_000);
    const dir = tempDir();
    const lock = path.join(dir, 'store.lock');
    const log = path.join(dir, 'log');
    const lockModule = path.resolve(__dirname, '../../../src/core/history/storeLock.js');
    // Each process appends "<pid> in" and "<pid> out" under the lock; the lines must pair up.
    const script = `const { withLock } = require(${JSON.stringify(lockModule)}); const fs = require('fs');
      (async () => { for (let i = 0; i < 20; i++) await withLock(${JSON.stringify(lock)}, async () => {
        fs.appendFileSync(${JSON.stringify(log)}, process.pid + ' in\\n'); await new Promise((r) => setTimeout(r, 1));
        fs.appendFileSync(${JSON.stringify(log)}, process.pid + ' out\\n'); }); })();`;
    await Promise.all(
      [1, 2, 3].map(
        () =>
          new Promise<void>((resolve, reject) => {
            const child = spawn(process.execPath, ['-e', script], { stdio: 'inherit' });
            child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`exit ${code}`))));
          }),
      ),
    );
    const lines = fs.readFileSync(log, 'utf8').trim().split('\n');
    assert.equal(lines.length, 120);
    for (let i = 0; i < lines.length; i += 2) {
      const [pid, what] = lines[i]!.split(' ');
      assert.equal(what, 'in');
      assert.equal(lines[i + 1], `${pid} out`, `line ${i + 1}: another process got in`);
    }
  });
});
