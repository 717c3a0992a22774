// What the run_command approval decides about one command line. Pure data: the editor side reads it
// through the engine interface and shows `reasons` on the approval card.

/** `allowed` runs without asking, `ask` shows the approval card, `refused` never runs. */
export type CommandDecisionKind = 'allowed' | 'ask' | 'refused';

/** One simple command the line would run, after quotes are resolved and wrappers (`env`, `timeout`…) unwrapped. */
export interface SubCommand {
  readonly argv: readonly string[];
  /** The source text it came from (for the card). */
  readonly text: string;
}

export interface CommandDecision {
  readonly decision: CommandDecisionKind;
  /** Why it asks or is refused, user-facing (through t()). Empty when allowed. */
  readonly reasons: readonly string[];
  readonly subCommands: readonly SubCommand[];
  /**
   * The allow-list entry the card may offer as "Always allow" (word prefix, e.g. `npm test`). Only set when
   * the line asks because exactly that prefix is missing from the allow list, never for structural reasons.
   */
  readonly alwaysAllowPrefix?: string;
}

export interface CommandPolicyOptions {
  /** `agent.commands.allow`: word-prefix entries (see commandPolicy.ts). */
  readonly allow: readonly string[];
  /** `agent.commands.deny`: word-prefix entries; deny wins over allow. */
  readonly deny: readonly string[];
  /** Absolute paths of the workspace folders: `cd` outside them asks. */
  readonly workspaceFolders: readonly string[];
  /** Absolute folder the command starts in. */
  readonly cwd: string;
  /** Home folder for `cd`, `cd ~`; defaults to os.homedir(). */
  readonly homeDir?: string;
}
