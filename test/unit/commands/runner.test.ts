import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import {
  clampTimeout,
  loginShell,
  runCommand,
  startCommand,
  type CommandResult,
  type RunOptions,
} from '../../../src/core/commands/childProcessRunner';
import { commandEnv } from '../../../src/core/commands/commandEnv';
import { bash, isAlive } from './processHelpers';

const run = (command: string, extra: Partial<RunOptions> = {}): Promise<CommandResult> =>
  runCommand({ command, cwd: tmpdir(), shell: bash, killGraceMs: 500, ...extra });

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2000; i++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  assert.fail(`gave up waiting for ${what}`);
}

function pidsIn(output: string): number[] {
  return [...output.matchAll(/pid:(\d+)/g)].map((m) => Number(m[1]));
}

describe('run_command process: exit and signals', () => {
  it('reports exit code 0 with the output', async () => {
    const result = await run('echo hello; echo world');
    assert.deepEqual(result.status, { exitCode: 0 });
    assert.equal(result.output, 'hello\nworld');
  });

  it('reports exit code 1 as a normal result with stderr in the output', async () => {
    const result = await run('echo oops >&2; exit 1');
    assert.deepEqual(result.status, { exitCode: 1 });
    assert.equal(result.output, 'oops');
  });

  it('reports the signal that ended the command', async () => {
    const result = await run('kill -TERM $$');
    assert.deepEqual(result.status, { signal: 'SIGTERM', timedOut: false, stopped: false });
  });

  it('clamps the timeout to 1..600 seconds with 120 by default', () => {
    assert.equal(clampTimeout(undefined), 120);
    assert.equal(clampTimeout(100000), 600);
    assert.equal(clampTimeout(0), 1);
    assert.equal(clampTimeout(Number.NaN), 120);
  });

  it('uses the login shell from SHELL, or /bin/sh when SHELL is unset', () => {
    assert.deepEqual(loginShell({ SHELL: '/bin/bash' }), { path: '/bin/bash', args: ['-lc'] });
    assert.deepEqual(loginShell({}), { path: '/bin/sh', args: ['-c'] });
    assert.deepEqual(loginShell({ SHELL: '/no/such/shell' }), { path: '/bin/sh', args: ['-c'] });
  });

  it('runs in the login shell by default', async () => {
    const result = await runCommand({ command: 'echo "$0"', cwd: tmpdir(), baseEnv: { ...process.env, SHELL: '/bin/sh' } });
    assert.deepEqual(result.status, { exitCode: 0 });
    assert.equal(result.output, '/bin/sh');
  });
});

describe('run_command process: output', () => {
  it('keeps 5 MB of output to head + tail with a note that counts what was left out', async function () {
    this.timeout(60000);
    // 100,000 lines of 50 bytes ("line 000001 " and 38 x's, newline included): 5 MB.
    const result = await run(`awk 'BEGIN { for (i = 1; i <= 100000; i++) printf "line %06d %s\\n", i, "${'x'.repeat(37)}" }'`, {
      limits: { headLines: 200, tailLines: 400, headBytes: 1_000_000, tailBytes: 1_000_000 },
    });
    assert.deepEqual(result.status, { exitCode: 0 });
    assert.equal(result.totalBytes, 100000 * 50);
    const lines = result.output.split('\n');
    assert.equal(lines.length, 200 + 1 + 400);
    assert.match(lines[0], /^line 000001 /);
    assert.match(lines[199], /^line 000200 /);
    assert.equal(lines[200], `… ${100000 - 600} lines (${(100000 - 600) * 50} bytes) omitted …`);
    assert.match(lines[201], /^line 099601 /);
    assert.match(lines[600], /^line 100000 /);
    assert.equal(result.omittedLines, 99400);
  });

  it('strips ANSI codes and keeps the last state of a carriage-return progress line', async () => {
    const result = await run(`printf '\\033[31mred\\033[0m\\n'; printf 'progress 10%%\\rprogress 50%%\\rprogress 100%%\\n'; printf 'done\\r\\n'`);
    assert.equal(result.output, 'red\nprogress 100%\ndone');
  });

  it('gives interactive prompts EOF at once instead of waiting', async () => {
    const result = await run('read x; echo "got:$x:$?"');
    assert.equal(result.output, 'got::1');
    assert.deepEqual(result.status, { exitCode: 0 });
  });
});

describe('run_command process: environment', () => {
  it('sets PAGER and GIT_PAGER to cat and turns off git prompts', async () => {
    const result = await run('echo "$PAGER|$GIT_PAGER|$GIT_TERMINAL_PROMPT"', { baseEnv: { ...process.env, PAGER: 'less' } });
    assert.equal(result.output, 'cat|cat|0');
  });

  it('removes the API key, our secrets and any variable holding the key', async () => {
    const key = 'sk-ant-test-0123456789abcdef';
    const result = await run('env', {
      apiKey: key,
      baseEnv: {
        PATH: process.env.PATH,
        ANTHROPIC_API_KEY: key,
        ANTHROPIC_AUTH_TOKEN: 'token-1',
        CLAUDE_COMPANION_FAKE_SERVER: 'http://127.0.0.1:1',
        MY_COPY: key,
        AUTH_HEADER: `Bearer ${key}`,
        KEEP_ME: 'yes',
      },
    });
    assert.ok(!result.output.includes(key), 'the key value is nowhere in env');
    assert.doesNotMatch(result.output, /ANTHROPIC_API_KEY|ANTHROPIC_AUTH_TOKEN|CLAUDE_COMPANION_|MY_COPY|AUTH_HEADER/);
    assert.match(result.output, /^KEEP_ME=yes$/m);
  });

  it('builds the same environment for the terminal path', () => {
    const env = commandEnv({ ANTHROPIC_API_KEY: 'k', anthropic_api_key: 'k2', HOME: '/h' });
    assert.deepEqual(Object.keys(env).filter((k) => /anthropic/i.test(k)), []);
    assert.equal(env.HOME, '/h');
    assert.equal(env.CI, undefined, 'CI changes test runners, so it is not set');
  });
});

describe('run_command process: ending the tree', () => {
  // The shell, two background sleeps and a subshell with its own sleep (a grandchild): all print pids.
  const tree = `echo pid:$$; sleep 1000 & echo pid:$!; sleep 1000 & echo pid:$!; ( sleep 1000 & echo pid:$!; wait ) & echo pid:$!; wait`;

  it('a timeout kills the whole process tree and says it timed out', async function () {
    this.timeout(30000);
    const result = await run(tree, { timeoutSeconds: 1 });
    assert.deepEqual(result.status, { signal: 'SIGTERM', timedOut: true, stopped: false });
    const pids = pidsIn(result.output);
    assert.equal(pids.length, 5, result.output);
    await waitFor(() => pids.every((pid) => !isAlive(pid)), `pids ${pids.join(', ')} to end`);
  });

  it('Stop mid-command (AbortSignal) kills the tree and says it was stopped', async () => {
    const abort = new AbortController();
    const command = startCommand({ command: tree, cwd: tmpdir(), shell: bash, signal: abort.signal, killGraceMs: 500 });
    await waitFor(() => pidsIn(command.output.text()).length === 5, 'all pids printed');
    abort.abort();
    const result = await command.done;
    assert.deepEqual(result.status, { signal: 'SIGTERM', timedOut: false, stopped: true });
    const pids = pidsIn(result.output);
    await waitFor(() => pids.every((pid) => !isAlive(pid)), `pids ${pids.join(', ')} to end`);
  });

  it('a process that ignores SIGTERM is killed after the grace period', async () => {
    const abort = new AbortController();
    const command = startCommand({ command: `trap '' TERM; echo pid:$$; while :; do sleep 0.05; done`, cwd: tmpdir(), shell: bash, signal: abort.signal, killGraceMs: 200 });
    await waitFor(() => pidsIn(command.output.text()).length === 1, 'pid printed');
    abort.abort();
    const result = await command.done;
    assert.deepEqual(result.status, { signal: 'SIGKILL', timedOut: false, stopped: true });
    await waitFor(() => !isAlive(pidsIn(result.output)[0]), 'shell to end');
  });

  it('does not wait forever on a process that left the group (setsid) and holds the output', async function () {
    this.timeout(30000);
    const result = await run('setsid sleep 1000 & echo pid:$!', { killGraceMs: 200 });
    const [escaped] = pidsIn(result.output);
    try {
      assert.deepEqual(result.status, { exitCode: 0 });
    } finally {
      // Out of the group's reach by design: the test ends it itself.
      if (escaped) process.kill(escaped, 'SIGKILL');
    }
  });

  it('ends what the command left running when the shell exits', async () => {
    const result = await run('sleep 1000 & echo pid:$!');
    assert.deepEqual(result.status, { exitCode: 0 });
    const [pid] = pidsIn(result.output);
    await waitFor(() => !isAlive(pid), 'the leftover sleep to end');
  });
});
