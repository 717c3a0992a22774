import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import {
  BackgroundLimitError,
  BackgroundProcesses,
  UnknownBackgroundError,
} from '../../../src/core/commands/backgroundProcesses';
import { bash, isAlive } from './processHelpers';


async function waitFor<T>(probe: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 2000; i++) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  assert.fail(`gave up waiting for ${what}`);
}

const server = `node -e "const s=require('http').createServer((q,r)=>r.end('hi from bg'));s.listen(0,'127.0.0.1',()=>console.log('pid:'+process.pid+' port:'+s.address().port))"`;

describe('run_command process: background commands', function () {
  // Real processes and file trees: generous for a busy CI box; the tests wait on conditions, not time.
  this.timeout(30_000);
  let registry: BackgroundProcesses;
  beforeEach(() => (registry = new BackgroundProcesses({ initialWindowMs: 10000 })));
  afterEach(() => registry.dispose());

  it('starts an HTTP server, reads its output, fetches it, and stops it (port closed, pid gone)', async () => {
    const started = await registry.start({ command: server, cwd: tmpdir(), shell: bash });
    assert.equal(started.running, true);
    let seen = started.output;
    const match = await waitFor(() => {
      seen += registry.read(started.id).output;
      return /pid:(\d+) port:(\d+)/.exec(seen) ?? undefined;
    }, 'the port line');
    const [pid, port] = [Number(match[1]), Number(match[2])];
    const response = await fetch(`http://127.0.0.1:${port}/`);
    assert.equal(await response.text(), 'hi from bg');
    assert.equal(registry.read(started.id).output, '', 'a second read has nothing new');

    const stopped = await registry.stop(started.id);
    assert.equal(stopped.running, false);
    assert.deepEqual(stopped.status, { signal: 'SIGTERM', timedOut: false, stopped: true });
    await waitFor(() => (isAlive(pid) ? undefined : true), 'the server pid to end');
    await assert.rejects(fetch(`http://127.0.0.1:${port}/`), 'the port is closed');
    assert.throws(() => registry.read(started.id), UnknownBackgroundError);
  });

  it('returns what a short command printed and its exit code', async () => {
    const started = await registry.start({ command: 'echo one; echo two; exit 3', cwd: tmpdir(), shell: bash });
    const done = await waitFor(() => {
      const r = registry.read(started.id);
      return r.running ? undefined : r;
    }, 'the command to end');
    assert.equal(`${started.output}\n${done.output}`.split('\n').filter(Boolean).join(','), 'one,two');
    assert.deepEqual(done.status, { exitCode: 3 });
  });

  it('refuses more than the limit of live commands with a typed error', async () => {
    const small = new BackgroundProcesses({ maxLive: 2, initialWindowMs: 10000 });
    try {
      await small.start({ command: 'echo a; exec sleep 1000', cwd: tmpdir(), shell: bash });
      await small.start({ command: 'echo b; exec sleep 1000', cwd: tmpdir(), shell: bash });
      await assert.rejects(small.start({ command: 'echo c', cwd: tmpdir(), shell: bash }), BackgroundLimitError);
    } finally {
      await small.dispose();
    }
    assert.equal(small.list().length, 0);
  });

  it('dispose (window close) ends every background command', async () => {
    const a = await registry.start({ command: 'echo pid:$$; exec sleep 1000', cwd: tmpdir(), shell: bash });
    const b = await registry.start({ command: 'sleep 1000 & echo pid:$!; wait', cwd: tmpdir(), shell: bash });
    const pids = [a.output, b.output].map((o) => Number(/pid:(\d+)/.exec(o)?.[1]));
    assert.ok(pids.every((pid) => pid > 0 && isAlive(pid)));
    await registry.dispose();
    await waitFor(() => (pids.some(isAlive) ? undefined : true), 'all background pids to end');
  });
});
