// Contracts between the agent loop, the workspace tools and the editor adapter. Pure types: the tools run
// over these ports, so they are testable in plain Node and the editor supplies the real implementations.
import type { CommandResult } from '../commands/childProcessRunner';
import type { SubCommand } from '../commands/commandDecision';
import type { Logger } from '../log';

/** A workspace folder as the tools see it: a name (unique) and its absolute, realpath-resolved location. */
export interface WorkspaceFolderRef {
  readonly name: string;
  /** Absolute file-system path, already passed through realpath by the adapter. */
  readonly root: string;
}

export type EntryType = 'file' | 'directory' | 'symlink' | 'other';

/** Read-only file-system access (node:fs in both the extension host and tests). */
export interface FileSystemPort {
  realpath(absPath: string): Promise<string>;
  /** lstat-like: a symlink reports 'symlink'. Undefined when the path does not exist. */
  lstat(absPath: string): Promise<{ readonly type: EntryType; readonly size: number } | undefined>;
  readFile(absPath: string): Promise<Uint8Array>;
  readDirectory(absPath: string): Promise<readonly { readonly name: string; readonly type: EntryType }[]>;
}

/** A write the model proposes. `before` is undefined when the file does not exist yet. */
export interface ProposedWrite {
  readonly toolUseId: string;
  readonly tool: 'write_file' | 'edit_file';
  /** Workspace-relative display path, with the folder name first in multi-root workspaces. */
  readonly displayPath: string;
  readonly absPath: string;
  readonly before: Uint8Array | undefined;
  readonly after: string;
  /** Set when the file is protected (see protectedFiles.ts): why it always asks, in words for the user. */
  readonly protectedReason?: string;
}

export type ApprovalDecision = { readonly approved: true } | { readonly approved: false; readonly reason?: string };

/** A command run_command asks about (the approval card's command kind: no diff, the parsed line instead). */
export interface ProposedCommand {
  readonly toolUseId: string;
  readonly command: string;
  /** Absolute (realpath'd) folder it would run in, and the same workspace-relative for the card. */
  readonly cwd: string;
  readonly displayCwd: string;
  readonly subCommands: readonly SubCommand[];
  /** Why it asks, user-facing (from decideCommand). */
  readonly reasons: readonly string[];
  /** What "Always allow" would add to agent.commands.allow; absent when no prefix is safe to offer. */
  readonly alwaysAllowPrefix?: string;
}

/** Shows a proposed write (diff) and waits for the user. Must settle with rejection when the signal aborts. */
export interface ApprovalPort {
  requestApproval(write: ProposedWrite, signal: AbortSignal): Promise<ApprovalDecision>;
  /** Shows a command card and waits for the user; same abort rule. Absent: commands that ask cannot run. */
  requestCommandApproval?(command: ProposedCommand, signal: AbortSignal): Promise<ApprovalDecision>;
}

/** A command to run, already approved, in an absolute folder inside the workspace. */
export interface CommandRunRequest {
  readonly toolUseId: string;
  readonly command: string;
  readonly cwd: string;
  /** Already capped (run_command: default 120, at most 600). */
  readonly timeoutSeconds: number;
}

/** A background command that was started: `id` names it to the companion tool that reads and stops it. */
export interface StartedBackground {
  readonly id: string;
  /** What it printed so far (head + tail, cleaned). */
  readonly output: string;
}

/**
 * Where run_command's commands run (the editor's terminal, or a child process) and the user-scope
 * allow/deny lists it judges them by. Absent: run_command is not available.
 */
export interface CommandHost {
  /** `agent.commands.allow` / `agent.commands.deny`, read from user settings only. */
  readonly allow: readonly string[];
  readonly deny: readonly string[];
  /** Home folder for `cd ~` in the policy; os.homedir() when absent. */
  readonly homeDir?: string;
  /** Runs to the end; `signal` (Stop) and the timeout kill the whole process tree. */
  run(request: CommandRunRequest, signal: AbortSignal, onOutput?: (text: string) => void): Promise<CommandResult>;
  /** Starts a command that keeps running; absent: `background` is not supported here. */
  startBackground?(request: CommandRunRequest, signal: AbortSignal): Promise<StartedBackground>;
}

/** Applies an approved write so the editor's undo works (WorkspaceEdit + save in VS Code). */
export interface WriterPort {
  apply(write: ProposedWrite): Promise<void>;
}

/** One search hit. `line` is 1-based. */
export interface SearchMatch {
  readonly absPath: string;
  readonly line: number;
  readonly text: string;
}

/** Text search over given roots (VS Code's bundled ripgrep, or the pure fallback). */
export interface SearchPort {
  search(
    query: { readonly pattern: string; readonly isRegex: boolean; readonly include?: string; readonly maxResults: number },
    roots: readonly string[],
    signal: AbortSignal,
  ): Promise<{ readonly matches: readonly SearchMatch[]; readonly truncated: boolean }>;
}

export interface DiagnosticInfo {
  readonly severity: 'error' | 'warning' | 'information' | 'hint';
  readonly line: number;
  readonly endLine: number;
  readonly message: string;
  readonly source?: string;
}

/** The editor's current diagnostics for a file (Problems panel). */
export interface DiagnosticsPort {
  diagnostics(absPath: string): Promise<readonly DiagnosticInfo[]>;
}

/** Records a file's original bytes before the turn's first write to it (for "Revert this turn"). */
export interface CheckpointPort {
  beforeWrite(absPath: string, before: Uint8Array | undefined): Promise<void>;
  /** The bytes a write left on disk (undefined: unreadable), so revert can tell later edits apart. */
  afterWrite(absPath: string, after: Uint8Array | undefined): Promise<void>;
}

/** A folder (absolute, realpath'd) whose files always ask, and why, in words for the user. */
export interface ProtectedFolder {
  readonly absPath: string;
  readonly why: string;
}

/** Everything a tool call may use. Created per turn by the adapter. */
export interface ToolContext {
  readonly folders: readonly WorkspaceFolderRef[];
  readonly fs: FileSystemPort;
  readonly search: SearchPort;
  readonly approvals: ApprovalPort;
  readonly writer: WriterPort;
  readonly checkpoints: CheckpointPort;
  readonly diagnostics?: DiagnosticsPort;
  /** run_command's host; absent where commands cannot run. */
  readonly commands?: CommandHost;
  /** Extra ignore globs (claudeCompanion.tools.exclude), on top of .gitignore and .claudeignore. */
  readonly exclude: readonly string[];
  /** When false (the default), secret-looking files are refused: .env*, *.pem, *.key, id_rsa*, .git/. */
  readonly allowSecrets: boolean;
  /** False in Restricted Mode: write tools refuse. */
  readonly trusted: boolean;
  readonly autoApproveWrites: boolean;
  /**
   * Folders whose files always ask, besides the names in protectedFiles.ts: the editor's own settings folder,
   * which matters when a workspace folder contains it (a workspace opened on the home folder).
   */
  readonly protectedFolders?: readonly ProtectedFolder[];
  readonly signal: AbortSignal;
  /** The extension's log, for failures a tool survives (none: not logged). */
  readonly log?: Logger;
}

/** What a tool call produced, as it goes back to the model (and, summarised, to the panel). */
export interface ToolOutcome {
  /** Text for the tool_result content: on error, what went wrong in words the model can act on. */
  readonly content: string;
  readonly isError: boolean;
  /** 'declined' when the user rejected a write; 'refused' for confinement/ignore/trust refusals. */
  readonly status: 'done' | 'failed' | 'declined' | 'refused';
  /** One line for the tool card, e.g. "read 120 lines of src/a.ts". */
  readonly summary: string;
  /**
   * A normal result that still counts toward the repeated-failure stop (a command's non-zero exit code):
   * the model sees it as output, not an error, but three identical ones in a row end the loop.
   */
  readonly countsAsFailure?: boolean;
}

export interface ToolSpec {
  readonly name: string;
  readonly description: string;
  /** JSON schema sent to the model and used (by ajv) to validate inputs before anything runs. */
  readonly inputSchema: { readonly type: 'object'; readonly [key: string]: unknown };
  readonly kind: 'read' | 'write';
  run(input: unknown, ctx: ToolContext, toolUseId: string): Promise<ToolOutcome>;
}
