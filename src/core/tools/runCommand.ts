// run_command: runs a shell command line in the workspace through the editor's CommandHost. The policy
// (commandPolicy.ts) decides first, from the user-scope allow/deny lists the host gives: refused never
// runs, ask waits for the user's approval card, allowed runs. A non-zero exit code is a normal result
// (the model reads the failure and fixes it), though it counts toward the repeated-failure stop.
// Not offered to the model yet: it is exported as COMMAND_TOOLS, wired with the terminal later.
import type { CommandResult } from '../commands/childProcessRunner';
import type { CommandDecision } from '../commands/commandDecision';
import { decideCommand } from '../commands/commandPolicy';
import { defineTool, throwIfAborted } from './defineTool';
import { ToolFailure, cancelled, declined, done, failed, quote, refused } from './toolOutcome';
import type { CommandHost, ToolContext, ToolOutcome } from './toolTypes';
import { resolveToolPath, type ResolvedToolPath } from './workspacePath';

/** The same numbers as childProcessRunner.ts (a unit test holds them equal); a type-only import keeps the engine boundary. */
export const RUN_COMMAND_DEFAULT_TIMEOUT_SECONDS = 120;
export const RUN_COMMAND_MAX_TIMEOUT_SECONDS = 600;

export interface RunCommandInput {
  readonly command: string;
  readonly cwd?: string;
  readonly timeout_seconds?: number;
  readonly background?: boolean;
}

// l10n-exempt: tool results are for the model; the panel words its own card
export const COMMANDS_UNAVAILABLE = 'run_command is not available here (no terminal or shell is provided). Tell the user which command to run instead.';

export const runCommandTool = defineTool<RunCommandInput>({
  name: 'run_command',
  kind: 'write',
  description:
    'Run a shell command line (e.g. `npm test`, `git status`) in a workspace folder and get its exit code and output (ANSI codes stripped; long output keeps its head and tail). ' +
    'A non-zero exit code is a normal result: read the output and fix the cause. Commands ask the user unless their allow list matches every sub-command; their deny list refuses. ' +
    'Nothing can be typed into a command: prompts read end-of-file, and pagers are off. Use `background: true` for servers and watchers that do not end.',
  inputSchema: {
    type: 'object',
    properties: {
      command: { type: 'string', minLength: 1, description: 'The command line, run by the user\'s shell.' },
      cwd: { type: 'string', minLength: 1, description: 'Workspace-relative folder to run in, with `/` separators (default: the first workspace folder). In a multi-root workspace the first segment is the folder name.' },
      timeout_seconds: { type: 'integer', minimum: 1, description: `Seconds before the command and everything it started are killed (default ${RUN_COMMAND_DEFAULT_TIMEOUT_SECONDS}, at most ${RUN_COMMAND_MAX_TIMEOUT_SECONDS}).` },
      background: { type: 'boolean', description: 'Start it and return at once, leaving it running (dev servers, watchers).' },
    },
    required: ['command'],
    additionalProperties: false,
  },
  async execute(input, ctx, toolUseId) {
    const host = ctx.commands;
    if (!host) return failed(COMMANDS_UNAVAILABLE, 'not available');
    // l10n-exempt: for the model
    if (!ctx.trusted) return refused('The workspace is not trusted; commands do not run in Restricted Mode. Tell the user which command to run instead.', 'refused: Restricted Mode');
    const cwd = await workingFolder(input.cwd, ctx);
    const decision = decideCommand(input.command, { allow: host.allow, deny: host.deny, workspaceFolders: ctx.folders.map((f) => f.root), cwd: cwd.absPath, ...(host.homeDir !== undefined ? { homeDir: host.homeDir } : {}) });
    if (decision.decision === 'refused') {
      // l10n-exempt: for the model
      return refused(`The command was refused and did not run: ${decision.reasons.join(' ')} Do not retry it or a variant of it; tell the user if it is needed.`, `refused: ${input.command}`);
    }
    if (decision.decision === 'ask') {
      const rejected = await askUser(input.command, cwd, decision, ctx, toolUseId);
      if (rejected) return rejected;
    }
    throwIfAborted(ctx.signal);
    const request = { toolUseId, command: input.command, cwd: cwd.absPath, timeoutSeconds: capTimeout(input.timeout_seconds) };
    if (input.background === true) return startInBackground(host, request, ctx.signal);
    const result = await host.run(request, ctx.signal);
    return outcomeOf(input.command, request.timeoutSeconds, result);
  },
});

export const COMMAND_TOOLS = [runCommandTool] as const;

export function capTimeout(seconds: number | undefined): number {
  if (seconds === undefined || !Number.isFinite(seconds)) return RUN_COMMAND_DEFAULT_TIMEOUT_SECONDS;
  return Math.min(RUN_COMMAND_MAX_TIMEOUT_SECONDS, Math.max(1, Math.round(seconds)));
}

/** The folder as a real, confined location: the same resolution as every path the tools take. */
async function workingFolder(cwd: string | undefined, ctx: ToolContext): Promise<ResolvedToolPath> {
  const first = ctx.folders[0];
  // l10n-exempt: for the model
  if (!first) throw new ToolFailure('There is no workspace folder to run the command in.');
  const folder = await resolveToolPath(cwd ?? (ctx.folders.length > 1 ? first.name : '.'), ctx, { mustExist: true });
  // l10n-exempt: for the model
  if (folder.type !== 'directory') throw new ToolFailure(`${quote(folder.displayPath)} is not a folder; \`cwd\` takes a folder.`);
  return folder;
}

/** Undefined when the user approved; else the outcome to return. */
async function askUser(command: string, cwd: ResolvedToolPath, decision: CommandDecision, ctx: ToolContext, toolUseId: string): Promise<ToolOutcome | undefined> {
  const ask = ctx.approvals.requestCommandApproval?.bind(ctx.approvals);
  // l10n-exempt: for the model
  if (!ask) return refused('This command needs the user\'s approval, which cannot be asked here, so it did not run. Tell the user which command to run instead.', 'refused: cannot ask');
  throwIfAborted(ctx.signal);
  const answer = await ask(
    {
      toolUseId,
      command,
      cwd: cwd.absPath,
      displayCwd: cwd.displayPath === '' ? '.' : cwd.displayPath,
      subCommands: decision.subCommands,
      reasons: decision.reasons,
      ...(decision.alwaysAllowPrefix !== undefined ? { alwaysAllowPrefix: decision.alwaysAllowPrefix } : {}),
    },
    ctx.signal,
  );
  if (answer.approved) return undefined;
  if (ctx.signal.aborted) return cancelled('run_command');
  const why = answer.reason?.trim() ? ` Their reason: ${answer.reason.trim()}` : '';
  // l10n-exempt: for the model
  return declined(`The user rejected the command ${quote(command)}; it did not run.${why} Do not retry it without asking the user what they want instead.`, `rejected: ${command}`);
}

async function startInBackground(host: CommandHost, request: Parameters<CommandHost['run']>[0], signal: AbortSignal): Promise<ToolOutcome> {
  // l10n-exempt: for the model
  if (!host.startBackground) return failed('Background commands are not available here. Run it without `background`, or tell the user to start it.', 'background not available');
  const started = await host.startBackground(request, signal);
  const output = started.output.trim() === '' ? '(no output yet)' : started.output;
  // l10n-exempt: for the model
  return done(`Started in the background as ${quote(started.id)}; it keeps running.\n${output}`, `started in the background: ${request.command}`);
}

/** "exit code N" or "killed by SIGTERM (timed out after 120 s)", then the output. */
export function outcomeOf(command: string, timeoutSeconds: number, result: CommandResult): ToolOutcome {
  const output = result.output.trim() === '' ? '(no output)' : result.output;
  const status = result.status;
  if ('exitCode' in status) {
    const text = `exit code ${status.exitCode}\n${output}`;
    const summary = `exit code ${status.exitCode}: ${command}`;
    return status.exitCode === 0 ? done(text, summary) : { ...done(text, summary), countsAsFailure: true };
  }
  if (status.stopped) return cancelled('run_command');
  const why = status.timedOut ? ` (timed out after ${timeoutSeconds} s)` : '';
  return { ...done(`killed by ${status.signal}${why}\n${output}`, `killed by ${status.signal}${why}: ${command}`), countsAsFailure: true };
}
