// Protected files: the ones that change how the editor or Claude behaves (settings, tasks, instructions,
// ignore rules, MCP servers, git internals). A write to one always waits for the user's approval, even
// with agent.autoApprove.writes on, and the approval says why. This list is the one place they are named.
import { t } from '../l10n';

export interface ProtectedFileRule {
  /** The pattern as documented (README, CONTRACT). */
  readonly pattern: string;
  /** Why a change needs the user's eye, in words for the user. */
  readonly why: () => string;
  /** Folder rules match a path segment below which everything is protected; file rules the last segment. */
  readonly kind: 'folder' | 'file';
  readonly matches: (segment: string) => boolean;
}

const named = (name: string) => (segment: string) => segment === name;

/**
 * Every rule matches at any depth: a nested folder can be a workspace folder of its own (multi-root), and
 * tools such as git read ignore files in every folder.
 */
export const PROTECTED_FILES: readonly ProtectedFileRule[] = [
  { pattern: '.vscode/**', kind: 'folder', matches: named('.vscode'), why: () => t('Workspace settings and tasks in .vscode can run commands, redirect the API key or loosen the agent\'s limits.') },
  { pattern: '*.code-workspace', kind: 'file', matches: (s) => s.endsWith('.code-workspace'), why: () => t('A workspace file holds editor settings and tasks, which can run commands or redirect the API key.') },
  { pattern: '.claude/**', kind: 'folder', matches: named('.claude'), why: () => t('Files in .claude are Claude\'s project settings, commands and instructions: they steer what the agent does.') },
  { pattern: '.claudeignore', kind: 'file', matches: named('.claudeignore'), why: () => t('.claudeignore decides which files Claude may read; changing it could expose secrets.') },
  { pattern: '.gitignore', kind: 'file', matches: named('.gitignore'), why: () => t('Ignore files decide which files Claude may read; changing one could expose secrets.') },
  { pattern: '.mcp.json', kind: 'file', matches: named('.mcp.json'), why: () => t('.mcp.json starts MCP servers: programs that run on your machine.') },
  { pattern: 'CLAUDE.md', kind: 'file', matches: named('claude.md'), why: () => t('Project instructions are read into every conversation and steer what Claude does.') },
  { pattern: 'AGENTS.md', kind: 'file', matches: named('agents.md'), why: () => t('Project instructions are read into every conversation and steer what Claude does.') },
  { pattern: '.git/**', kind: 'folder', matches: named('.git'), why: () => t('Files in .git hold the repository\'s configuration and hooks, which can run commands on your machine.') },
];

/**
 * Folded the way case-insensitive file systems (Windows, macOS) compare names: lower case, and Windows
 * ignores trailing dots and spaces (`CLAUDE.md.` is `CLAUDE.md`) and a stream suffix (`CLAUDE.md::$DATA`).
 */
export function foldSegment(segment: string): string {
  return segment.replace(/:.*$/s, '').replace(/[. ]+$/, '').toLowerCase();
}

/** Why `relPath` (workspace- or folder-relative, `/` or `\` separators) is protected, or undefined. */
export function protectedReason(relPath: string): string | undefined {
  const segments = relPath.split(/[\\/]+/).filter((s) => s !== '' && s !== '.').map(foldSegment);
  for (let i = 0; i < segments.length; i++) {
    const last = i === segments.length - 1;
    const segment = segments[i]!;
    // A folder rule matches its folder anywhere (or the name itself as the last segment); a file rule
    // only the last segment.
    const rule = PROTECTED_FILES.find((r) => (r.kind === 'folder' || last) && r.matches(segment));
    if (rule) return rule.why();
  }
  return undefined;
}

/** Names at a folder's root that VS Code, git or Claude read: a symbolic link there makes its target protected. */
export const PROTECTED_ROOT_NAMES: readonly string[] = ['.vscode', '.claude', '.claudeignore', '.gitignore', '.mcp.json', 'CLAUDE.md', 'AGENTS.md', '.git'];
