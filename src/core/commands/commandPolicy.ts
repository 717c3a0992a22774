// The run_command approval: decides, without trusting the model, whether a command line runs without
// asking, asks, or is refused. The line is parsed by a real shell parser (shellParse.ts) and every simple
// command in it is judged (shellWalk.ts); the line is allowed only when every one is.
//
// Allow and deny entries (agent.commands.allow / agent.commands.deny) are word prefixes of a command's
// argv, after quotes are resolved and wrappers taken off: `npm test` matches `npm test` and
// `npm test -- --grep x`, not `npm testing` nor `echo npm test`. Entries are split on whitespace; there
// are no wildcards (`*` is a literal word). An allow entry matches the command name as written (`npm`
// does not allow `./npm`); a deny entry also matches its base name (`rm` denies `/bin/rm`) and any
// wrapper (`env`, `timeout`…). Deny wins over allow; the built-in deny list (defaultDenyList.ts) refuses too.
import * as os from 'node:os';
import { t } from '../l10n';
import { type CommandDecision, type CommandPolicyOptions, type SubCommand } from './commandDecision';
import { baseName } from './commandWrappers';
import { defaultDenyReason } from './defaultDenyList';
import { type WalkedCommand, analyzeShell } from './shellWalk';

/** Splits an allow or deny entry into words; blank entries match nothing. */
export function entryWords(entry: string): string[] {
  return entry.trim().split(/\s+/).filter((w) => w.length > 0);
}

/** True when `entry`'s words are a prefix of argv (word by word). */
export function matchesEntry(entry: string, argv: readonly string[], options: { baseNameToo?: boolean } = {}): boolean {
  const words = entryWords(entry);
  if (words.length === 0 || words.length > argv.length) return false;
  return words.every((word, i) => word === argv[i] || (i === 0 && options.baseNameToo === true && word === baseName(argv[0]!)));
}

/** Tools whose second word picks what runs (`npm test`, `git status`): the card offers both words. */
const TWO_WORD_TOOLS = new Set(['npm', 'pnpm', 'yarn', 'bun', 'npx', 'git', 'cargo', 'go', 'docker', 'kubectl', 'make', 'dotnet', 'mvn', 'gradle', './gradlew', 'pip', 'pip3', 'poetry', 'uv', 'deno', 'rustup', 'composer', 'bundle', 'rake', 'swift', 'flutter', 'dart', 'mix', 'terraform', 'gh']);
/** Interpreters: the first word alone would allow any code, so the card offers the script too. */
const INTERPRETERS = new Set(['python', 'python3', 'node', 'ruby', 'perl', 'php', 'bash', 'sh', 'zsh', 'deno', 'bun']);

/** The prefix "Always allow" offers for one command, or undefined when none is safe to offer. */
export function alwaysAllowPrefixFor(argv: readonly string[]): string | undefined {
  const [first, second, third] = argv;
  if (first === undefined) return undefined;
  if (INTERPRETERS.has(first) && second === '-m' && third !== undefined && !third.startsWith('-')) return `${first} -m ${third}`;
  if (TWO_WORD_TOOLS.has(first) || INTERPRETERS.has(first)) {
    if (second === undefined) return INTERPRETERS.has(first) ? undefined : first;
    return second.startsWith('-') ? undefined : `${first} ${second}`;
  }
  return first;
}

function denyReason(command: WalkedCommand, deny: readonly string[]): string | undefined {
  for (const argv of [command.argv, ...command.wrappers]) {
    const entry = deny.find((e) => matchesEntry(e, argv, { baseNameToo: true }));
    if (entry !== undefined) return t('`{0}` matches your deny list entry `{1}`.', argv.join(' '), entry);
    const builtIn = defaultDenyReason(argv);
    if (builtIn !== undefined) return builtIn;
  }
  return undefined;
}

/** Longer lines ask without being parsed: checking 40 KB of words takes seconds. */
export const MAX_CHECKED_LENGTH = 16_384;

/** Decides one command line. Never throws for any input text. */
export function decideCommand(command: string, options: CommandPolicyOptions): CommandDecision {
  if (command.length > MAX_CHECKED_LENGTH) return { decision: 'ask', reasons: [t('It is too long to check ({0} characters).', command.length)], subCommands: [] };
  const analysis = analyzeShell(command, { workspaceFolders: options.workspaceFolders, cwd: options.cwd, homeDir: options.homeDir ?? os.homedir() });
  const subCommands: SubCommand[] = analysis.commands.map((c) => ({ argv: c.argv, text: c.text }));
  const refusals = [...analysis.refusals];
  for (const c of analysis.commands) {
    const reason = denyReason(c, options.deny);
    if (reason !== undefined && !refusals.includes(reason)) refusals.push(reason);
  }
  if (refusals.length > 0) return { decision: 'refused', reasons: refusals, subCommands };
  if (analysis.asks.length > 0) return { decision: 'ask', reasons: analysis.asks, subCommands };
  if (analysis.commands.length === 0 && command.trim() === '') return { decision: 'ask', reasons: [t('There is no command to run.')], subCommands };
  const notAllowed = analysis.commands.filter((c) => !options.allow.some((entry) => matchesEntry(entry, c.argv)));
  if (notAllowed.length === 0) return { decision: 'allowed', reasons: [], subCommands };
  const reasons = [...new Set(notAllowed.map((c) => t('`{0}` is not in your allowed commands.', c.argv.join(' '))))];
  const prefixes = new Set(notAllowed.map((c) => alwaysAllowPrefixFor(c.argv)));
  const [prefix] = prefixes;
  return prefixes.size === 1 && prefix !== undefined ? { decision: 'ask', reasons, subCommands, alwaysAllowPrefix: prefix } : { decision: 'ask', reasons, subCommands };
}
