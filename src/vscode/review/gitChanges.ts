// The uncommitted changes of the workspace through the built-in Git extension's API (vscode.git,
// getAPI(1)): every changed file that still exists, with its text at HEAD (empty for new files). Deleted
// files are not reviewed. The text at HEAD is read only when asked for, so a file a review leaves out
// (see fileAccess.ts) is never read.
import * as vscode from 'vscode';

// The few parts of the Git extension's API (extensions/git/src/api/git.d.ts) used here.
const STATUS = { INDEX_ADDED: 1, INDEX_DELETED: 2, INDEX_RENAMED: 3, DELETED: 6, UNTRACKED: 7, IGNORED: 8, INTENT_TO_ADD: 9 } as const;
const GONE: ReadonlySet<number> = new Set([STATUS.INDEX_DELETED, STATUS.DELETED, STATUS.IGNORED]);
const NEW: ReadonlySet<number> = new Set([STATUS.UNTRACKED, STATUS.INDEX_ADDED, STATUS.INTENT_TO_ADD]);

interface GitChange {
  readonly uri: vscode.Uri;
  readonly originalUri: vscode.Uri;
  readonly status: number;
}

interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly state: { readonly indexChanges: readonly GitChange[]; readonly workingTreeChanges: readonly GitChange[]; readonly untrackedChanges?: readonly GitChange[] };
  status(): Promise<void>;
  show(ref: string, path: string): Promise<string>;
}

interface GitApi {
  readonly state: 'uninitialized' | 'initialized';
  readonly onDidChangeState: vscode.Event<'uninitialized' | 'initialized'>;
  readonly repositories: readonly GitRepository[];
  openRepository?(root: vscode.Uri): Promise<GitRepository | null>;
}

interface GitExtension {
  readonly enabled: boolean;
  getAPI(version: 1): GitApi;
}

export interface ChangedFile {
  readonly uri: vscode.Uri;
  /** Where a renamed file was at HEAD (its text at HEAD comes from there). */
  readonly originalUri?: vscode.Uri;
  /** The file's text at HEAD; empty for a file that is new since. */
  committedText(): Promise<string>;
}

/** Why there is nothing to review, in words for the user. */
export class NoChanges extends Error {
  override readonly name = 'NoChanges';
}

async function gitApi(): Promise<GitApi> {
  const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
  if (!extension) throw new NoChanges(vscode.l10n.t('The built-in Git extension is not available, so uncommitted changes cannot be found.'));
  const exports = extension.isActive ? extension.exports : await extension.activate();
  if (!exports.enabled) throw new NoChanges(vscode.l10n.t('Git is turned off (git.enabled), so uncommitted changes cannot be found.'));
  const api = exports.getAPI(1);
  if (api.state !== 'initialized') {
    await new Promise<void>((resolve) => {
      const sub = api.onDidChangeState((state) => {
        if (state !== 'initialized') return;
        sub.dispose();
        resolve();
      });
    });
  }
  return api;
}

/** The repositories of the workspace folders; opens them if Git has not found them yet. */
async function repositories(api: GitApi): Promise<readonly GitRepository[]> {
  if (api.repositories.length > 0 || !api.openRepository) return api.repositories;
  const opened = await Promise.all((vscode.workspace.workspaceFolders ?? []).map((f) => api.openRepository!(f.uri).catch(() => null)));
  return opened.filter((r): r is GitRepository => r !== null);
}

export async function uncommittedChanges(): Promise<ChangedFile[]> {
  const repos = await repositories(await gitApi());
  if (repos.length === 0) throw new NoChanges(vscode.l10n.t('There is no Git repository in this workspace.'));
  const files: ChangedFile[] = [];
  for (const repo of repos) {
    await repo.status();
    const { indexChanges, workingTreeChanges, untrackedChanges = [] } = repo.state;
    const seen = new Map<string, GitChange>();
    // Index changes first: for a staged rename or add, they know the file's original.
    for (const change of [...indexChanges, ...workingTreeChanges, ...untrackedChanges]) {
      if (!seen.has(change.uri.toString())) seen.set(change.uri.toString(), change);
    }
    for (const change of seen.values()) {
      if (GONE.has(change.status)) continue;
      const renamed = change.status === STATUS.INDEX_RENAMED;
      const original = renamed ? change.originalUri : change.uri;
      const committedText = async () => (NEW.has(change.status) ? '' : repo.show('HEAD', original.fsPath).catch(() => ''));
      files.push({ uri: change.uri, ...(renamed ? { originalUri: change.originalUri } : {}), committedText });
    }
  }
  if (files.length === 0) throw new NoChanges(vscode.l10n.t('There are no uncommitted changes to review.'));
  return files.sort((a, b) => a.uri.fsPath.localeCompare(b.uri.fsPath));
}
