// The run_command tool over a fake CommandHost and a real child-process one: the policy's three answers
// (refused never reaches the host, ask waits for the card, allowed runs), confinement of `cwd`, input
// errors, exit codes as normal results, and the loop stopping on three identical failing commands.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_TIMEOUT_SECONDS, MAX_TIMEOUT_SECONDS, runCommand, type CommandResult } from '../../../src/core/commands/childProcessRunner';
import { runTool } from '../../../src/core/tools';
import { COMMANDS_UNAVAILABLE, RUN_COMMAND_DEFAULT_TIMEOUT_SECONDS, RUN_COMMAND_MAX_TIMEOUT_SECONDS, runCommandTool } from '../../../src/core/tools/runCommand';
import type { ApprovalDecision, CommandHost, CommandRunRequest, ProposedCommand, ToolContext } from '../../../src/core/tools/toolTypes';
import { toolUse } from '../../fake-anthropic';
import { deferred, startRun, useAgentFake, type Deferred } from '../agent/agentHarness';
import { RecordingApprovals, folder, makeContext, removeTempDirs, tempDir } from '../tools/helpers';

const exited = (exitCode: number, output = ''): CommandResult => ({ status: { exitCode }, output, totalBytes: output.length, omittedLines: 0, pid: 1 });

/** A host that records what it was asked to run and answers with `result`. */
function fakeHost(allow: string[] = [], deny: string[] = [], result: CommandResult = exited(0, 'ok\n')): CommandHost & { readonly runs: CommandRunRequest[] } {
  const runs: CommandRunRequest[] = [];
  return {
    allow,
    deny,
    homeDir: '/nonexistent-home',
    runs,
    async run(request) {
      runs.push(request);
      return result;
    },
  };
}

/** A host that really runs the command (bash, as a child process). */
function childProcessHost(allow: string[]): CommandHost {
  return {
    allow,
    deny: [],
    run: (request, signal, onOutput) =>
      runCommand({ command: request.command, cwd: request.cwd, timeoutSeconds: request.timeoutSeconds, signal, shell: { path: '/bin/bash', args: ['-c'] }, killGraceMs: 500, ...(onOutput ? { onOutput } : {}) }),
  };
}

/** Approvals whose command card the test answers. */
class CommandApprovals extends RecordingApprovals {
  readonly asked: ProposedCommand[] = [];
  answer: Deferred<ApprovalDecision> = deferred<ApprovalDecision>();
  readonly seen = deferred();
  requestCommandApproval(command: ProposedCommand): Promise<ApprovalDecision> {
    this.asked.push(command);
    this.seen.resolve();
    return this.answer.promise;
  }
}

describe('run_command tool: approval, running and results', () => {
  let root: string;
  beforeEach(() => {
    root = tempDir('cc-runcmd-');
    fs.mkdirSync(path.join(root, 'sub'));
  });
  after(removeTempDirs);

  const context = (commands: CommandHost | undefined, approvals = new CommandApprovals()): ToolContext & { approvals: CommandApprovals } =>
    makeContext([folder('ws', root)], { approvals, ...(commands ? { commands } : {}) }) as unknown as ToolContext & { approvals: CommandApprovals };

  it('its default and cap are the runner\'s (120 s, 600 s)', () => {
    assert.equal(RUN_COMMAND_DEFAULT_TIMEOUT_SECONDS, DEFAULT_TIMEOUT_SECONDS);
    assert.equal(RUN_COMMAND_MAX_TIMEOUT_SECONDS, MAX_TIMEOUT_SECONDS);
  });

  it('without a command host it says run_command is not available', async () => {
    const outcome = await runTool(runCommandTool, { command: 'ls' }, context(undefined), 't1');
    assert.equal(outcome.isError, true);
    assert.equal(outcome.content, COMMANDS_UNAVAILABLE);
  });

  it('a refused command never reaches the host and says which deny entry matched', async () => {
    const host = fakeHost(['rm'], ['rm -rf']);
    const ctx = context(host);
    const outcome = await runTool(runCommandTool, { command: 'rm -rf build' }, ctx, 't1');
    assert.equal(outcome.status, 'refused');
    assert.equal(outcome.isError, true);
    assert.match(outcome.content, /deny list entry `rm -rf`/);
    assert.deepEqual(host.runs, []);
    assert.deepEqual(ctx.approvals.asked, [], 'a refused command is not even offered for approval');
  });

  it('a command that asks waits for the card, which shows sub-commands, folder and Always allow; Reject does not run it', async () => {
    const host = fakeHost();
    const ctx = context(host);
    const pending = runTool(runCommandTool, { command: 'npm test && npm test -- --grep x', cwd: 'sub' }, ctx, 't1');
    await ctx.approvals.seen.promise;
    assert.deepEqual(host.runs, [], 'nothing runs while the card waits');
    const card = ctx.approvals.asked[0]!;
    assert.deepEqual(card.subCommands.map((c) => c.argv.join(' ')), ['npm test', 'npm test -- --grep x']);
    assert.equal(card.displayCwd, 'sub');
    assert.equal(card.cwd, path.join(root, 'sub'));
    assert.equal(card.alwaysAllowPrefix, 'npm test');
    assert.equal(card.toolUseId, 't1');
    ctx.approvals.answer.resolve({ approved: false, reason: 'not now' });
    const outcome = await pending;
    assert.equal(outcome.status, 'declined');
    assert.match(outcome.content, /rejected the command.*not now/);
    assert.deepEqual(host.runs, []);
  });

  it('Approve runs it in the folder asked for', async () => {
    const host = fakeHost();
    const ctx = context(host);
    ctx.approvals.answer.resolve({ approved: true });
    const outcome = await runTool(runCommandTool, { command: 'make build', cwd: 'sub' }, ctx, 't1');
    assert.equal(outcome.isError, false);
    assert.equal(ctx.approvals.asked.length, 1);
    assert.deepEqual(host.runs, [{ toolUseId: 't1', command: 'make build', cwd: path.join(root, 'sub'), timeoutSeconds: 120 }]);
  });

  it('an allowed command runs without asking; exit code 1 is a normal result, not is_error', async () => {
    const host = fakeHost(['npm test'], [], exited(1, '1 failing\n'));
    const ctx = context(host);
    const outcome = await runTool(runCommandTool, { command: 'npm test', timeout_seconds: 5000 }, ctx, 't1');
    assert.equal(outcome.isError, false);
    assert.equal(outcome.content, 'exit code 1\n1 failing\n');
    assert.equal(outcome.countsAsFailure, true);
    assert.deepEqual(ctx.approvals.asked, []);
    assert.equal(host.runs[0]!.timeoutSeconds, 600, 'the timeout is capped');
    assert.equal(host.runs[0]!.cwd, root, 'the default folder is the workspace folder');
  });

  it('a timed-out command reads "killed by SIGTERM (timed out after 120 s)" with its output', async () => {
    const host = fakeHost(['npm test'], [], { status: { signal: 'SIGTERM', timedOut: true, stopped: false }, output: 'waiting…\n', totalBytes: 9, omittedLines: 0, pid: 1 });
    const outcome = await runTool(runCommandTool, { command: 'npm test' }, context(host), 't1');
    assert.equal(outcome.isError, false);
    assert.equal(outcome.content, 'killed by SIGTERM (timed out after 120 s)\nwaiting…\n');
  });

  it('a real child process: exit 0 with its output, exit 1 not an error, run in `cwd`', async () => {
    const ctx = context(childProcessHost(['echo', 'false', 'pwd']));
    const ok = await runTool(runCommandTool, { command: 'echo hello' }, ctx, 't1');
    assert.equal(ok.isError, false);
    assert.match(ok.content, /^exit code 0\nhello/);
    const bad = await runTool(runCommandTool, { command: 'false' }, ctx, 't2');
    assert.equal(bad.isError, false);
    assert.match(bad.content, /^exit code 1\n/);
    const where = await runTool(runCommandTool, { command: 'pwd', cwd: 'sub' }, ctx, 't3');
    assert.equal(where.content.split('\n')[1], path.join(root, 'sub'));
  });

  it('Stop mid-command kills it and reports it cancelled', async () => {
    const controller = new AbortController();
    const real = childProcessHost(['sleep']);
    const started = deferred();
    const host: CommandHost = { ...real, run: (request, signal) => (started.resolve(), real.run(request, signal)) };
    const ctx = makeContext([folder('ws', root)], { commands: host, signal: controller.signal });
    const pending = runTool(runCommandTool, { command: 'sleep 30' }, ctx, 't1');
    await started.promise;
    controller.abort();
    const outcome = await pending;
    assert.equal(outcome.summary, 'cancelled');
    assert.equal(outcome.isError, true);
  });

  it('background: true starts it through the host and says its id; without support it is an error', async () => {
    const started: CommandRunRequest[] = [];
    const host: CommandHost = { ...fakeHost(['npm run dev']), startBackground: async (request) => (started.push(request), { id: 'bg-1', output: 'listening on 3000\n' }) };
    const outcome = await runTool(runCommandTool, { command: 'npm run dev', background: true }, context(host), 't1');
    assert.equal(outcome.isError, false);
    assert.match(outcome.content, /^Started in the background as `bg-1`.*\nlistening on 3000/s);
    assert.equal(started.length, 1);
    const unsupported = await runTool(runCommandTool, { command: 'npm run dev', background: true }, context(fakeHost(['npm run dev'])), 't2');
    assert.equal(unsupported.isError, true);
    assert.match(unsupported.content, /Background commands are not available here/);
  });

  it('a command that asks where no card can be shown does not run', async () => {
    const host = fakeHost();
    const ctx = makeContext([folder('ws', root)], { commands: host });
    const outcome = await runTool(runCommandTool, { command: 'make' }, ctx, 't1');
    assert.equal(outcome.status, 'refused');
    assert.match(outcome.content, /cannot be asked here/);
    assert.deepEqual(host.runs, []);
  });

  for (const cwd of ['..', '/tmp', 'sub/../..']) {
    it(`cwd ${JSON.stringify(cwd)} outside the workspace is an error and nothing runs`, async () => {
      const host = fakeHost(['ls']);
      const outcome = await runTool(runCommandTool, { command: 'ls', cwd }, context(host), 't1');
      assert.equal(outcome.isError, true);
      assert.match(outcome.content, /outside|absolute|workspace/i);
      assert.deepEqual(host.runs, []);
    });
  }

  it('a cwd that is a file or missing is an error', async () => {
    fs.writeFileSync(path.join(root, 'a.txt'), 'x');
    const host = fakeHost(['ls']);
    const file = await runTool(runCommandTool, { command: 'ls', cwd: 'a.txt' }, context(host), 't1');
    assert.match(file.content, /not a folder/);
    const missing = await runTool(runCommandTool, { command: 'ls', cwd: 'nope' }, context(host), 't2');
    assert.match(missing.content, /does not exist/);
    assert.deepEqual(host.runs, []);
  });

  it('malformed input gives a clear error and runs nothing', async () => {
    const host = fakeHost(['ls']);
    const cases: [unknown, RegExp][] = [
      [{}, /`command` is required/],
      [{ command: '' }, /`command` must be a non-empty string/],
      [{ command: 'ls', timeout_seconds: 'soon' }, /`timeout_seconds` must be an integer ≥ 1/],
      [{ command: 'ls', background: 'yes' }, /`background` must be true or false/],
      [{ command: 'ls', shell: 'zsh' }, /unknown field `shell`/],
    ];
    for (const [input, message] of cases) {
      const outcome = await runTool(runCommandTool, input, context(host), 't1');
      assert.equal(outcome.isError, true, JSON.stringify(input));
      assert.match(outcome.content, message);
    }
    assert.deepEqual(host.runs, []);
  });

  it('in Restricted Mode nothing runs', async () => {
    const host = fakeHost(['ls']);
    const ctx = makeContext([folder('ws', root)], { commands: host, trusted: false });
    const outcome = await runTool(runCommandTool, { command: 'ls' }, ctx, 't1');
    assert.equal(outcome.status, 'refused');
    assert.deepEqual(host.runs, []);
  });
});

describe('run_command tool: repeated failing commands in the agent loop', () => {
  const f = useAgentFake();
  let root: string;
  beforeEach(() => (root = tempDir('cc-runcmd-loop-')));
  after(removeTempDirs);

  it('three identical failing commands in a row stop the loop', async () => {
    const host = fakeHost(['npm test'], [], exited(1, '1 failing\n'));
    let n = 0;
    // The timeout differs each time: still the same command.
    f.fake.setDefault(() => toolUse({ name: 'run_command', input: { command: 'npm test', timeout_seconds: 60 + n++ } }));
    const context = makeContext([folder('ws', root)], { commands: host });
    const result = await startRun(f.fake, { tools: [runCommandTool], context, limits: { maxRepeatedFailures: 3, maxIterations: 10 } }).promise;
    assert.equal(result.reason, 'repeated_failure');
    assert.match(result.detail ?? '', /same run_command call failed 3 times/);
    assert.equal(host.runs.length, 3);
  });

  it('different failing commands do not stop it', async () => {
    const host = fakeHost(['npm'], [], exited(1));
    let n = 0;
    f.fake.setDefault(() => toolUse({ name: 'run_command', input: { command: n++ % 2 ? 'npm test' : 'npm run lint' } }));
    const context = makeContext([folder('ws', root)], { commands: host });
    const result = await startRun(f.fake, { tools: [runCommandTool], context, limits: { maxRepeatedFailures: 3, maxIterations: 4 } }).promise;
    assert.equal(result.reason, 'max_iterations');
    assert.equal(host.runs.length, 4);
  });
});
