// Commands that run another command (`env`, `timeout`, `xargs`, `find -exec`, `bash -c`…): the approval
// judges the command they run, so `timeout 60 npm test` is `npm test` and `env sudo x` is `sudo x`.

/** What a simple command runs, once wrappers are taken off. */
export type Unwrapped =
  | { readonly kind: 'command'; readonly argv: readonly string[] }
  /** `find … -exec cmd {} ;`: find itself plus each command it runs. */
  | { readonly kind: 'many'; readonly commands: readonly (readonly string[])[] }
  /** `bash -c 'script'`: the script is parsed in turn. */
  | { readonly kind: 'script'; readonly script: string; readonly scriptIndex: number }
  /** A wrapper the check does not follow: ask. */
  | { readonly kind: 'unknown'; readonly wrapper: string };

export const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'mksh', 'ash', 'fish']);

/** Options that take a value, per wrapper (the value is skipped with the option). */
const OPTIONS_WITH_VALUE: Record<string, ReadonlySet<string>> = {
  env: new Set(['-u', '--unset', '-C', '--chdir']),
  nice: new Set(['-n', '--adjustment']),
  timeout: new Set(['-s', '--signal', '-k', '--kill-after']),
  stdbuf: new Set(['-i', '-o', '-e']),
  xargs: new Set(['-I', '-i', '-d', '-n', '-P', '-L', '-l', '-s', '-a', '-E', '-e', '--delimiter', '--max-args', '--max-procs', '--arg-file', '--replace']),
  exec: new Set(['-a']),
  ionice: new Set(['-c', '-n', '-p']),
  nohup: new Set(),
  builtin: new Set(),
  command: new Set(),
  time: new Set(['-f', '-o']),
};

const isOption = (word: string) => word.startsWith('-') && word !== '-';
const isAssignment = (word: string) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(word);

/** The index of the first word after `start` that is not an option of `wrapper` (skipping option values). */
function afterOptions(argv: readonly string[], start: number, wrapper: string): number {
  const withValue = OPTIONS_WITH_VALUE[wrapper] ?? new Set<string>();
  let i = start;
  while (i < argv.length && isOption(argv[i]!)) {
    const word = argv[i]!;
    if (word === '--') return i + 1;
    i += withValue.has(word) ? 2 : 1;
  }
  return i;
}

export const baseName = (word: string): string => word.slice(word.lastIndexOf('/') + 1);

/** Assignments an `env` wrapper makes (`env FOO=1 cmd`), so dangerous names can ask. */
export function envAssignments(argv: readonly string[]): string[] {
  if (baseName(argv[0] ?? '') !== 'env') return [];
  const start = afterOptions(argv, 1, 'env');
  const names: string[] = [];
  for (let i = start; i < argv.length && isAssignment(argv[i]!); i++) names.push(argv[i]!.slice(0, argv[i]!.indexOf('=')));
  return names;
}

/** Takes one layer of wrapper off `argv`; `undefined` when argv is not a wrapper. */
export function unwrapOnce(argv: readonly string[]): Unwrapped | undefined {
  const name = baseName(argv[0] ?? '');
  switch (name) {
    case 'env': {
      if (argv.some((w) => w === '-S' || w.startsWith('--split-string'))) return { kind: 'unknown', wrapper: 'env -S' };
      let i = afterOptions(argv, 1, 'env');
      while (i < argv.length && isAssignment(argv[i]!)) i++;
      return { kind: 'command', argv: argv.slice(i) };
    }
    case 'nice':
    case 'nohup':
    case 'stdbuf':
    case 'builtin':
    case 'exec':
    case 'ionice':
    case 'time':
      return { kind: 'command', argv: argv.slice(afterOptions(argv, 1, name)) };
    case 'command': {
      // `command -v x` / `command -V x` only look a name up.
      if (argv.slice(1).some((w) => /^-[a-zA-Z]*[vV]/.test(w))) return { kind: 'command', argv: [] };
      return { kind: 'command', argv: argv.slice(afterOptions(argv, 1, name)) };
    }
    case 'timeout': {
      const i = afterOptions(argv, 1, name);
      return { kind: 'command', argv: argv.slice(i + 1) };
    }
    case 'xargs': {
      const rest = argv.slice(afterOptions(argv, 1, name));
      return { kind: 'command', argv: rest.length > 0 ? rest : ['echo'] };
    }
    case 'find':
      return unwrapFind(argv);
    default:
      if (SHELLS.has(name)) return unwrapShell(argv);
      return undefined;
  }
}

/** `find … -exec cmd … ;` (and -execdir, -ok, -okdir): find without its actions, plus each command. */
function unwrapFind(argv: readonly string[]): Unwrapped | undefined {
  const actions = new Set(['-exec', '-execdir', '-ok', '-okdir']);
  if (!argv.some((w) => actions.has(w))) return undefined;
  const find: string[] = [];
  const commands: string[][] = [];
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (!actions.has(word)) {
      find.push(word);
      continue;
    }
    const command: string[] = [];
    for (i++; i < argv.length && argv[i] !== ';' && argv[i] !== '+'; i++) command.push(argv[i]!);
    commands.push(command);
  }
  return { kind: 'many', commands: [find, ...commands] };
}

/** `bash -c 'script' name args`: the script; `bash file.sh` stays as it is (an allow entry decides). */
function unwrapShell(argv: readonly string[]): Unwrapped | undefined {
  for (let i = 1; i < argv.length; i++) {
    const word = argv[i]!;
    if (!isOption(word) && !word.startsWith('+')) return undefined;
    if (!word.startsWith('--') && word.startsWith('-') && word.slice(1).includes('c')) {
      // The script is the first word after the options.
      let j = i + 1;
      while (j < argv.length && (isOption(argv[j]!) || argv[j]!.startsWith('+'))) j++;
      const script = argv[j];
      return script === undefined ? { kind: 'unknown', wrapper: argv[0]! } : { kind: 'script', script, scriptIndex: j };
    }
  }
  return undefined;
}
