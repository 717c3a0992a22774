// Commands refused outright, whatever agent.commands.allow says: the user can still run them in a
// terminal. Each rule looks at one simple command after wrappers are off (`env sudo x` is `sudo x`);
// shapes that span commands (a download piped into a shell, a fork bomb, writing to a disk device) are
// in shellWalk.ts.
import { t } from '../l10n';
import { baseName } from './commandWrappers';

export interface DenyRule {
  /** Why it is refused, user-facing. */
  readonly reason: () => string;
  readonly matches: (name: string, args: readonly string[]) => boolean;
}

/** Targets whose recursive removal or permission change wrecks the system or the home folder. */
const ROOT_OR_HOME = /^(\/+\.?|\/+\*|~\/?|~\/\*|\$HOME\/?|\$\{HOME\}\/?|"\$HOME"\/?|\$HOME\/\*|\/(bin|boot|dev|etc|home|lib|lib64|opt|root|sbin|srv|sys|usr|var|Users|System)\/?)$/;

/** Short flags (`-rf`, `-fR`) or the long form. */
const hasFlag = (args: readonly string[], short: string, long: string) =>
  args.some((a) => a === long || (/^-[a-zA-Z]+$/.test(a) && a.includes(short)));

export const DEFAULT_DENY_RULES: readonly DenyRule[] = [
  // Privilege escalation: the agent never runs as another user.
  { reason: () => t('It runs a command as another user (sudo, su, doas).'), matches: (name) => ['sudo', 'su', 'doas', 'pkexec', 'run0'].includes(name) },
  // Recursive removal of the root, a system folder or the home folder (any -r/-R, with or without -f).
  {
    reason: () => t('It deletes the root, a system folder or the home folder.'),
    matches: (name, args) => name === 'rm' && (args.includes('--no-preserve-root') || ((hasFlag(args, 'r', '--recursive') || hasFlag(args, 'R', '--recursive')) && args.some((a) => ROOT_OR_HOME.test(a)))),
  },
  // Making a file system erases the device it is made on.
  { reason: () => t('It formats a disk.'), matches: (name) => name.startsWith('mkfs') || ['mke2fs', 'wipefs', 'mkswap'].includes(name) },
  // dd onto a device overwrites the disk.
  { reason: () => t('It writes raw data to a device with dd.'), matches: (name, args) => name === 'dd' && args.some((a) => /^of=\/dev\//.test(a) && a !== 'of=/dev/null') },
  // Force-pushing rewrites the remote's history for everyone.
  {
    reason: () => t('It force-pushes, rewriting the remote history.'),
    matches: (name, args) => name === 'git' && gitSubcommand(args) === 'push' && args.some((a) => a === '-f' || a.startsWith('--force') || (/^-[a-zA-Z]+$/.test(a) && a.includes('f')) || /^\+/.test(a)),
  },
  // chmod/chown -R on the root, a system folder or home changes every file's owner or mode.
  {
    reason: () => t('It changes permissions or owners of the root, a system folder or the home folder recursively.'),
    matches: (name, args) => ['chmod', 'chown', 'chgrp'].includes(name) && hasFlag(args, 'R', '--recursive') && args.some((a) => ROOT_OR_HOME.test(a)),
  },
  // Turning the machine off or restarting it.
  {
    reason: () => t('It shuts down or restarts the machine.'),
    matches: (name, args) => ['shutdown', 'reboot', 'halt', 'poweroff'].includes(name) || (name === 'init' && ['0', '6'].includes(args[0] ?? '')) || (name === 'systemctl' && args.some((a) => ['poweroff', 'reboot', 'halt', 'kexec'].includes(a))),
  },
  // Killing every process the user has (kill -9 -1) logs them out.
  { reason: () => t('It kills every process.'), matches: (name, args) => (name === 'kill' && args.includes('-1')) || (name === 'pkill' && args.includes('-9') && args.length <= 1) },
];

/** The git subcommand, skipping global options (`git -C dir push`). */
function gitSubcommand(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-C' || a === '-c' || a === '--git-dir' || a === '--work-tree') i++;
    else if (!a.startsWith('-')) return a;
  }
  return undefined;
}

/** The reason the default list refuses argv, if it does. */
export function defaultDenyReason(argv: readonly string[]): string | undefined {
  const name = baseName(argv[0] ?? '');
  const rule = DEFAULT_DENY_RULES.find((r) => r.matches(name, argv.slice(1)));
  return rule?.reason();
}
