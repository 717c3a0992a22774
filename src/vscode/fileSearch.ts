// The composer's `@` picker on the host: lists the workspace files the tools may read (same ignore
// rules), ranks them for the typed query, and attaches a picked file to the next message.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChatSession } from '../core/chat/chatSession';
import { rankFiles } from '../core/files/fuzzyMatch';
import type { FileListContext } from '../core/tools/workspaceFiles';
import { readAgentSettings } from './agent/agentSettings';
import { workspaceFolders } from './agent/toolContext';
import type { ChatViewProvider } from './chatViewProvider';
import { CONFIG_SECTION } from './settings';
import { loadEngine } from './engineLoader';

export const MAX_FILE_MATCHES = 50;
/** The list is reused this long; file events clear it sooner. */
const LIST_TTL_MS = 30_000;

/** The file list, built on first use and kept briefly so each keystroke does not walk the disk. */
class WorkspaceFileCache implements vscode.Disposable {
  private list: { files: Promise<string[]>; at: number } | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    const clear = () => this.invalidate();
    // Contents do not change the list, except for the files that decide what is ignored.
    const clearIfRules = (uri: vscode.Uri) => {
      const name = path.basename(uri.fsPath);
      if (name === '.gitignore' || name === '.claudeignore') clear();
    };
    this.disposables.push(
      watcher,
      watcher.onDidCreate(clear),
      watcher.onDidDelete(clear),
      watcher.onDidChange(clearIfRules),
      vscode.workspace.onDidChangeWorkspaceFolders(clear),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${CONFIG_SECTION}.tools`)) clear();
      }),
    );
  }

  files(): Promise<string[]> {
    if (!this.list || Date.now() - this.list.at > LIST_TTL_MS) {
      const files = fileContext().then(async (ctx) => (await loadEngine()).listWorkspaceFiles(ctx));
      // A failed walk is not kept: the next keystroke tries again.
      files.catch(() => this.invalidate());
      this.list = { files, at: Date.now() };
    }
    return this.list.files;
  }

  invalidate(): void {
    this.list = undefined;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

async function fileContext(): Promise<FileListContext> {
  const engine = await loadEngine();
  const settings = readAgentSettings();
  return { folders: workspaceFolders(), fs: engine.createNodeFileSystem(), exclude: settings.exclude, allowSecrets: settings.allowSecrets };
}

export function registerFileSearch(view: ChatViewProvider, session: ChatSession): vscode.Disposable[] {
  const cache = new WorkspaceFileCache();
  return [
    cache,
    view.on('searchFiles', async ({ requestId, query }) => {
      let files: readonly string[] = [];
      try {
        files = await cache.files();
      } catch {
        // An unreadable workspace offers nothing; the picker says "No matching files".
      }
      view.post({ type: 'fileMatches', requestId, files: rankFiles(query.slice(0, 200), files, MAX_FILE_MATCHES) });
    }),
    view.on('attachFile', async ({ path: requested }) => {
      try {
        const file = await (await loadEngine()).readFileForAttachment(requested, await fileContext());
        session.attach({
          path: file.displayPath,
          startLine: 1,
          endLine: file.lines,
          languageId: path.extname(file.displayPath).slice(1),
          text: file.text.replace(/\r?\n$/, ''),
          wholeFile: true,
        });
      } catch (error) {
        view.post({ type: 'composerError', message: error instanceof Error ? error.message : String(error) });
      }
    }),
  ];
}
