// Walks a parsed command line and lists every simple command it would run, wherever it sits: after `&&`,
// `||`, `;`, `&`, in a pipe, a subshell, a `{ }` block, an if/while/for body, a `$(…)`, backticks, a
// process substitution, a here-doc, or inside `bash -c '…'` (parsed again, at most MAX_DEPTH deep).
// Shapes it does not follow, or that change what a command means (redirects to files, eval, functions,
// a computed command name, `cd` out of the workspace), are recorded as reasons to ask; a few shapes that
// are never wanted (a download piped into a shell, a fork bomb, writing to a disk device) as refusals.
import * as path from 'node:path';
import { t } from '../l10n';
import { SHELLS, type Unwrapped, baseName, envAssignments, unwrapOnce } from './commandWrappers';
import { Op, type ShNode, ShellParseError, boolField, child, children, nodeType, numberField, parseShell, sourceOf, stringField, walkNodes } from './shellParse';
import { type ResolvedWord, collectSubstitutions, resolveWord } from './shellWords';

export const MAX_DEPTH = 4;

export interface WalkedCommand {
  readonly argv: readonly string[];
  readonly text: string;
  /** The wrappers taken off, outermost first (`env`, `timeout 5`…), for the deny list. */
  readonly wrappers: readonly (readonly string[])[];
}

export interface ShellAnalysis {
  readonly commands: WalkedCommand[];
  /** Structural reasons to ask (user-facing). */
  readonly asks: string[];
  /** Shapes refused whatever the lists say (user-facing). */
  readonly refusals: string[];
}

export interface WalkOptions {
  readonly workspaceFolders: readonly string[];
  readonly cwd: string;
  readonly homeDir: string;
}

/** Environment names that change which program runs or what it loads: setting one asks. */
const DANGEROUS_ENV = new Set(['PATH', 'IFS', 'ENV', 'BASH_ENV', 'PS4', 'SHELLOPTS', 'BASHOPTS', 'PROMPT_COMMAND', 'CDPATH', 'NODE_OPTIONS', 'PYTHONSTARTUP', 'PYTHONPATH', 'PERL5OPT', 'PERL5LIB', 'RUBYOPT', 'GIT_SSH', 'GIT_SSH_COMMAND', 'GIT_EXEC_PATH', 'GIT_DIR', 'EDITOR', 'VISUAL', 'PAGER']);
const DANGEROUS_ENV_PREFIXES = ['LD_', 'DYLD_', 'GIT_CONFIG', 'BASH_FUNC_', 'npm_config_'];
const isDangerousEnv = (name: string) => DANGEROUS_ENV.has(name) || DANGEROUS_ENV_PREFIXES.some((p) => name.startsWith(p));

const DOWNLOADERS = new Set(['curl', 'wget', 'fetch', 'aria2c']);
/** Programs that run code read from stdin or a substitution. */
const INTERPRETERS = new Set([...SHELLS, 'python', 'python3', 'perl', 'ruby', 'node', 'php']);
/** Block devices: writing to one destroys a disk. */
const DISK_DEVICE = /^\/dev\/(sd|hd|vd|xvd|nvme|mmcblk|disk|loop|md|dm-)/;
const HARMLESS_TARGETS = new Set(['/dev/null', '/dev/stdout', '/dev/stderr', '/dev/tty']);
const WRITE_OPS = new Set<number>([Op.rdrOut, Op.appOut, Op.clbOut, Op.rdrAll, Op.appAll, Op.rdrInOut]);

interface Context {
  readonly source: Buffer;
  readonly depth: number;
  /** Every folder the shell may be in at this point (a `cd` can fail and the line go on). */
  cwds: string[];
}

export function analyzeShell(source: string, options: WalkOptions): ShellAnalysis {
  const analysis: ShellAnalysis = { commands: [], asks: [], refusals: [] };
  new Walker(options, analysis).script(source, 0, [options.cwd]);
  return analysis;
}

class Walker {
  constructor(
    private readonly options: WalkOptions,
    private readonly out: ShellAnalysis,
  ) {}

  private ask(reason: string): void {
    if (!this.out.asks.includes(reason)) this.out.asks.push(reason);
  }

  private refuse(reason: string): void {
    if (!this.out.refusals.includes(reason)) this.out.refusals.push(reason);
  }

  /** Parses and walks a whole script (the line itself, or the string of `bash -c`). */
  script(source: string, depth: number, cwds: string[]): void {
    if (depth >= MAX_DEPTH) return this.ask(t('It nests shells more than {0} deep.', MAX_DEPTH));
    let file: ShNode;
    try {
      file = parseShell(source);
    } catch (error) {
      if (error instanceof ShellParseError) return this.ask(t('It could not be parsed as a shell command: {0}', error.detail));
      throw error;
    }
    const ctx: Context = { source: Buffer.from(source, 'utf8'), depth, cwds };
    this.stmts(children(file, 'Stmts'), ctx);
  }

  private stmts(stmts: readonly ShNode[], ctx: Context): void {
    for (const stmt of stmts) this.stmt(stmt, ctx);
  }

  /** A nested scope (subshell, substitution, pipe side): its `cd` does not outlive it. */
  private scoped(ctx: Context, walk: () => void): void {
    const saved = ctx.cwds;
    walk();
    ctx.cwds = saved;
  }

  private stmt(stmt: ShNode, ctx: Context): void {
    if (boolField(stmt, 'Background')) this.ask(t('It runs a command in the background (`&`).'));
    if (boolField(stmt, 'Coprocess')) this.ask(t('It starts a coprocess.'));
    for (const redirect of children(stmt, 'Redirs')) this.redirect(redirect, ctx);
    const cmd = child(stmt, 'Cmd');
    if (cmd) this.command(cmd, ctx);
  }

  private command(cmd: ShNode, ctx: Context): void {
    const type = nodeType(cmd);
    switch (type) {
      case 'CallExpr':
        return this.call(cmd, ctx);
      case 'BinaryCmd':
        return this.binary(cmd, ctx);
      case 'Subshell':
        return this.scoped(ctx, () => this.stmts(children(cmd, 'Stmts'), ctx));
      case 'Block':
        return this.stmts(children(cmd, 'Stmts'), ctx);
      case 'IfClause':
        this.stmts(children(cmd, 'Cond'), ctx);
        this.stmts(children(cmd, 'Then'), ctx);
        if (child(cmd, 'Else')) this.command(child(cmd, 'Else')!, ctx);
        return;
      case 'WhileClause':
        this.stmts(children(cmd, 'Cond'), ctx);
        return this.stmts(children(cmd, 'Do'), ctx);
      case 'ForClause': {
        const loop = child(cmd, 'Loop');
        if (loop) this.substitutionsIn(loop, ctx);
        return this.stmts(children(cmd, 'Do'), ctx);
      }
      case 'TimeClause': {
        const inner = child(cmd, 'Stmt');
        if (inner) this.stmt(inner, ctx);
        return;
      }
      case 'FuncDecl':
        return this.funcDecl(cmd, ctx);
      default:
        // case, [[ ]], (( )), declare/export/local, let…: not followed, so they ask; their substitutions still count.
        this.substitutionsIn(cmd, ctx);
        if (type === 'DeclClause') return this.ask(t('It declares or exports shell variables.'));
        return this.ask(t('It uses shell syntax the approval does not follow ({0}).', type));
    }
  }

  private binary(cmd: ShNode, ctx: Context): void {
    const op = numberField(cmd, 'Op');
    const left = child(cmd, 'X');
    const right = child(cmd, 'Y');
    if (op !== Op.pipe && op !== Op.pipeAll) {
      if (left) this.stmt(left, ctx);
      if (right) this.stmt(right, ctx);
      return;
    }
    const before = this.out.commands.length;
    if (left) this.scoped(ctx, () => this.stmt(left, ctx));
    const middle = this.out.commands.length;
    if (right) this.scoped(ctx, () => this.stmt(right, ctx));
    const downloads = this.out.commands.slice(before, middle).some((c) => DOWNLOADERS.has(baseName(c.argv[0] ?? '')));
    const runsStdin = this.out.commands.slice(middle).some((c) => INTERPRETERS.has(baseName(c.argv[0] ?? '')));
    if (downloads && runsStdin) this.refuse(t('It pipes a download into a shell or interpreter.'));
  }

  private funcDecl(cmd: ShNode, ctx: Context): void {
    const name = stringField(child(cmd, 'Name') ?? {}, 'Value');
    let recursive = false;
    const body = child(cmd, 'Body');
    if (body) {
      walkNodes(body, (n) => {
        if (nodeType(n) === 'CallExpr') {
          const first = children(n, 'Args')[0];
          if (first && resolveWord(ctx.source, first).text === name) recursive = true;
        }
        return true;
      });
      this.stmt(body, ctx);
    }
    if (recursive) this.refuse(t('It defines a function that calls itself (a fork bomb).'));
    this.ask(t('It defines a shell function.'));
  }

  private redirect(redirect: ShNode, ctx: Context): void {
    const op = numberField(redirect, 'Op');
    const word = child(redirect, 'Word');
    const hdoc = child(redirect, 'Hdoc');
    if (hdoc) this.substitutionsIn(hdoc, ctx);
    if (!word) return;
    const target = resolveWord(ctx.source, word);
    this.substitutions(target, ctx);
    const duplicatesFd = (op === Op.dplOut || op === Op.dplIn) && /^(\d+|-)$/.test(target.text);
    if (!WRITE_OPS.has(op) && !(op === Op.dplOut && !duplicatesFd)) return;
    if (target.isStatic && HARMLESS_TARGETS.has(target.text)) return;
    if (target.isStatic && DISK_DEVICE.test(target.text)) return this.refuse(t('It writes to a disk device ({0}).', target.text));
    this.ask(t('It writes to a file ({0}).', sourceOf(ctx.source, redirect)));
  }

  /** Judges every substitution inside a node (a word, a here-doc, a loop's items). */
  private substitutionsIn(node: ShNode, ctx: Context): void {
    const found: ShNode[] = [];
    collectSubstitutions(node, found);
    this.walkSubstitutions(found, ctx);
  }

  private substitutions(word: ResolvedWord, ctx: Context): void {
    this.walkSubstitutions(word.substitutions, ctx);
  }

  private walkSubstitutions(nodes: readonly ShNode[], ctx: Context): void {
    if (nodes.length === 0) return;
    this.ask(t('It runs a command substitution (`$(…)`, backticks, `<(…)` or `>(…)`).'));
    for (const node of nodes) this.scoped(ctx, () => this.stmts(children(node, 'Stmts'), ctx));
  }

  private call(call: ShNode, ctx: Context): void {
    for (const assign of children(call, 'Assigns')) {
      const name = stringField(child(assign, 'Name') ?? {}, 'Value');
      if (isDangerousEnv(name)) this.ask(t('It sets {0}, which changes what a command runs.', name));
      const value = child(assign, 'Value');
      if (value) this.substitutions(resolveWord(ctx.source, value), ctx);
      for (const other of ['Index', 'Array']) {
        const node = child(assign, other);
        if (node) this.substitutionsIn(node, ctx);
      }
    }
    const words = children(call, 'Args').map((w) => resolveWord(ctx.source, w));
    const before = this.out.commands.length;
    for (const word of words) this.substitutions(word, ctx);
    const substituted = this.out.commands.slice(before);
    if (words.length === 0) return;
    const commandWord = words[0]!;
    if (!commandWord.isStatic) return this.ask(t('The command name is only known when it runs ({0}).', commandWord.text));
    if (!/^[\x21-\x7e]+$/.test(commandWord.text)) return this.ask(t('The command name has unusual characters ({0}).', commandWord.text));
    if (/[*?[\]]/.test(commandWord.text)) return this.ask(t('The command name is a pattern ({0}).', commandWord.text));
    const argv = words.map((w) => w.text);
    const text = sourceOf(ctx.source, call);
    if (INTERPRETERS.has(baseName(argv[0]!)) && substituted.some((c) => DOWNLOADERS.has(baseName(c.argv[0] ?? '')))) {
      this.refuse(t('It runs a download with a shell or interpreter.'));
    }
    this.simple(argv, words, text, [], ctx);
  }

  /** One simple command: takes wrappers off, follows `bash -c`, `cd` and `eval`, then records it. */
  private simple(argv: readonly string[], words: readonly ResolvedWord[] | undefined, text: string, wrappers: readonly (readonly string[])[], ctx: Context): void {
    if (argv.length === 0) return;
    const name = baseName(argv[0]!);
    if (name === 'eval') return this.ask(t('It uses `eval`, which runs text built at run time.'));
    if (name === 'cd' || name === 'pushd') return this.changeDirectory(argv, words, ctx);
    if (name === 'popd') return;
    const findWrite = name === 'find' ? argv.find((a) => ['-delete', '-fprint', '-fprint0', '-fprintf', '-fls'].includes(a)) : undefined;
    if (findWrite !== undefined) this.ask(t('It deletes or writes files with `find {0}`.', findWrite));
    for (const envName of envAssignments(argv)) if (isDangerousEnv(envName)) this.ask(t('It sets {0}, which changes what a command runs.', envName));
    const unwrapped: Unwrapped | undefined = unwrapOnce(argv);
    if (!unwrapped) {
      this.out.commands.push({ argv, text, wrappers });
      return;
    }
    const outer = [...wrappers, argv];
    // Word positions shift once a wrapper is off; the static check of the wrapped name is done on text.
    switch (unwrapped.kind) {
      case 'command': {
        const inner = unwrapped.argv;
        // `command -v x` only looks a name up; a bare `env`/`nice` prints and runs nothing else.
        if (inner.length === 0) {
          if (name !== 'command') this.out.commands.push({ argv, text, wrappers });
          return;
        }
        const offset = argv.length - inner.length;
        const innerWords = words?.slice(offset);
        if (innerWords && !innerWords[0]!.isStatic) return this.ask(t('The command name is only known when it runs ({0}).', inner[0]!));
        return this.simple(inner, innerWords, text, outer, ctx);
      }
      case 'many':
        this.out.commands.push({ argv: unwrapped.commands[0]!, text, wrappers });
        for (const command of unwrapped.commands.slice(1)) this.simple(command, undefined, text, outer, ctx);
        return;
      case 'script': {
        if (words && !words[unwrapped.scriptIndex]?.isStatic) return this.ask(t('The command name is only known when it runs ({0}).', unwrapped.script));
        return this.scoped(ctx, () => this.script(unwrapped.script, ctx.depth + 1, ctx.cwds));
      }
      case 'unknown':
        return this.ask(t('It runs a command through `{0}`, which the approval does not follow.', unwrapped.wrapper));
    }
  }

  private changeDirectory(argv: readonly string[], words: readonly ResolvedWord[] | undefined, ctx: Context): void {
    let i = 1;
    while (i < argv.length && /^-[LPe@]+$/.test(argv[i]!)) i++;
    const target = argv[i];
    const word = words?.[i];
    const outside = (where: string) => this.ask(t('It changes to a folder outside the workspace ({0}).', where));
    if (word && !word.isStatic) return outside(word.text);
    if (target === '-' || (target?.startsWith('~') && !/^~(\/|$)/.test(target))) return outside(target);
    const expanded = target === undefined ? this.options.homeDir : target.replace(/^~(?=\/|$)/, this.options.homeDir);
    const next = ctx.cwds.map((cwd) => path.resolve(cwd, expanded));
    const away = next.find((dir) => !this.insideWorkspace(dir));
    if (away !== undefined) return outside(away);
    ctx.cwds = [...new Set([...ctx.cwds, ...next])];
  }

  private insideWorkspace(dir: string): boolean {
    return this.options.workspaceFolders.some((folder) => {
      const relative = path.relative(folder, dir);
      return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
    });
  }
}
