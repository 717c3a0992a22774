// The code-block toolbar's actions: Copy (clipboard), Insert at Cursor (active editor), and Apply to File,
// which goes through the same approval as the agent's writes: VS Code's diff, then Approve or Reject (from
// the diff's title bar: there is no tool card). Insert and Apply need a trusted workspace.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { ApplyTarget } from '../core/codeBlocks/applyTarget';
import { needsTrustedWorkspace } from '../core/codeBlocks/trustedActions';
import type { ProposedWrite, ProtectedFolder } from '../core/tools/toolTypes';
import type { WebviewToHost } from '../shared/protocol';
import { readAgentSettings, restrictedModeReason } from './agent/agentSettings';
import type { WriteApprovals } from './agent/writeApprovals';
import { WorkspaceWriter } from './agent/workspaceWriter';
import type { ChatViewProvider } from './chatViewProvider';
import { loadEngine } from './engineLoader';

type CodeActionMessage = Extract<WebviewToHost, { type: 'codeAction' }>;

const MANAGE_TRUST = 'Manage Workspace Trust';

export class CodeBlockActions implements vscode.Disposable {
  private readonly aborts = new AbortController();
  private readonly writer = new WorkspaceWriter();
  private count = 0;

  constructor(
    private readonly approvals: WriteApprovals,
    private readonly protectedFolders: () => readonly ProtectedFolder[],
  ) {}

  async run(message: CodeActionMessage): Promise<void> {
    if (!vscode.workspace.isTrusted && needsTrustedWorkspace(message.action)) return this.offerTrust(message.action);
    switch (message.action) {
      case 'copy':
        await vscode.env.clipboard.writeText(message.code);
        vscode.window.setStatusBarMessage(`$(check) ${vscode.l10n.t('Code copied to the clipboard')}`, 2000);
        return;
      case 'insert':
        return this.insert(message.code);
      case 'apply':
        return this.apply(message.code, message.path);
      default:
        // Untrusted input from the webview: an unknown action is ignored.
        return;
    }
  }

  private async insert(code: string): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Insert at Cursor needs an open editor: click where the code should go in a file, then choose Insert at Cursor again.'));
      return;
    }
    // The fence's last newline belongs to the block, not to the code the user wants at the cursor.
    const text = code.replace(/\r?\n$/, '');
    const ok = await editor.edit((edit) => {
      for (const selection of editor.selections) edit.replace(selection, text);
    });
    if (!ok) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The code could not be inserted into {0} (is it read-only?).', vscode.workspace.asRelativePath(editor.document.uri)));
      return;
    }
    await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, preserveFocus: false });
  }

  private async offerTrust(action: string): Promise<void> {
    const message = action === 'insert' ? vscode.l10n.t('Insert at Cursor is disabled. {0}', restrictedModeReason()) : vscode.l10n.t('Apply to File is disabled. {0}', restrictedModeReason());
    const choice = await vscode.window.showWarningMessage(message, MANAGE_TRUST);
    if (choice === MANAGE_TRUST) await vscode.commands.executeCommand('workbench.trust.manage');
  }

  private async apply(code: string, named: string | undefined): Promise<void> {
    const target = await this.resolveTarget(named);
    if (!target.ok) {
      void vscode.window.showWarningMessage(target.message);
      return;
    }
    const { file } = target;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === file.absPath);
    if (open?.isDirty) {
      void vscode.window.showWarningMessage(vscode.l10n.t('{0} has unsaved changes. Save or revert them, then choose Apply to File again.', file.displayPath));
      return;
    }
    const { before, protectedReason } = target;
    const write: ProposedWrite = {
      toolUseId: `code-block-${++this.count}`,
      tool: 'write_file',
      displayPath: file.displayPath,
      absPath: file.absPath,
      before,
      after: code,
      ...(protectedReason ? { protectedReason } : {}),
    };
    // There is no tool card for a code block: a protected file's reason is said next to the diff.
    if (protectedReason) void vscode.window.showWarningMessage(vscode.l10n.t('{0} is a protected file: {1} Review the diff before you approve.', file.displayPath, protectedReason));
    const decision = await this.approvals.requestApproval(write, this.aborts.signal, { panel: false });
    if (!decision.approved) {
      vscode.window.setStatusBarMessage(vscode.l10n.t('Apply to File: not applied to {0}; nothing was written.', file.displayPath), 4000);
      return;
    }
    // A symbolic link swapped while the diff was open would send the approved code somewhere else.
    const again = await this.resolveTarget(target.input, false);
    if (!again.ok || again.file.absPath !== file.absPath || realpathOr(file.absPath) !== file.absPath) {
      void vscode.window.showWarningMessage(vscode.l10n.t('{0} now resolves to a different place than the diff showed (a symbolic link changed); nothing was written. Choose Apply to File again to see the new diff.', file.displayPath));
      return;
    }
    // The diff showed the file as it was; if it changed meanwhile, applying would drop someone's edit.
    if (!sameBytes(again.before, before)) {
      void vscode.window.showWarningMessage(vscode.l10n.t('{0} changed on disk while the change waited for approval; nothing was written. Choose Apply to File again to see the new diff.', file.displayPath));
      return;
    }
    try {
      await this.writer.apply(write);
      vscode.window.setStatusBarMessage(`$(check) ${vscode.l10n.t('Applied the code block to {0}', file.displayPath)}`, 4000);
    } catch (error) {
      void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
    }
  }

  private async resolveTarget(named: string | undefined, useActiveEditor = true): Promise<ApplyTarget> {
    const { resolveApplyTarget, createNodeFileSystem } = await loadEngine();
    const settings = readAgentSettings();
    const uri = useActiveEditor ? vscode.window.activeTextEditor?.document.uri : undefined;
    const activeFile = uri?.scheme === 'file' ? realpathOr(uri.fsPath) : undefined;
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => ({ name: f.name.replace(/[\\/]/g, '-'), root: realpathOr(f.uri.fsPath) }));
    return resolveApplyTarget(
      { ...(named ? { path: named } : {}), ...(activeFile ? { activeFile } : {}) },
      { folders, fs: createNodeFileSystem(), exclude: settings.exclude, allowSecrets: settings.allowSecrets, protectedFolders: this.protectedFolders() },
    );
  }

  dispose(): void {
    // Pending approvals settle as rejected.
    this.aborts.abort();
  }
}

function realpathOr(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return Buffer.compare(a, b) === 0;
}

export function registerCodeBlockActions(view: ChatViewProvider, approvals: WriteApprovals, protectedFolders: () => readonly ProtectedFolder[]): vscode.Disposable {
  const actions = new CodeBlockActions(approvals, protectedFolders);
  return vscode.Disposable.from(
    actions,
    view.on('codeAction', (message) => actions.run(message)),
  );
}
