// What the user is told about stored conversations: files set aside (with an action to show them), a
// conversation another window had continued (forked), saves that fail. Each file is reported once.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { StoreProblem } from '../../core/history/conversationStore';
import { NO_LOG, type Logger } from '../../core/log';

export class HistoryReports {
  private readonly reported = new Set<string>();
  private saveErrorShown = false;

  constructor(
    private readonly showHistory: () => Thenable<unknown>,
    private readonly log: Logger = NO_LOG,
  ) {}

  problems(problems: readonly StoreProblem[]): void {
    for (const p of problems) {
      if (this.reported.has(p.file)) continue;
      this.reported.add(p.file);
      const name = path.basename(p.file);
      const message =
        p.kind === 'setAside'
          ? vscode.l10n.t('Claude: a saved conversation could not be read ({0}). It was moved aside as {1}; your other conversations are fine.', p.reason, name)
          : p.kind === 'newerSchema'
            ? vscode.l10n.t('Claude: the conversation {0} was saved by a newer version of Claude Companion and is not shown. Update the extension to open it.', name)
            : vscode.l10n.t('Claude: the saved conversation {0} cannot be read: {1}', name, p.reason);
      const show = vscode.l10n.t('Show File');
      void vscode.window.showWarningMessage(message, show).then((choice) => (choice === show ? revealFile(p.file) : undefined));
    }
  }

  forked(title: string): void {
    const show = vscode.l10n.t('Show History');
    void vscode.window
      .showInformationMessage(vscode.l10n.t('Claude: this conversation was also continued in another window, so your new messages were saved as a separate conversation, "{0}".', title), show)
      .then((choice) => (choice === show ? this.showHistory() : undefined));
  }

  /** Once per session: saves are retried, and one lasting problem should not flood the screen. */
  saveFailed(error: unknown): void {
    this.log.error('Saving the conversation failed', error);
    if (this.saveErrorShown) return;
    this.saveErrorShown = true;
    void vscode.window.showWarningMessage(vscode.l10n.t('Claude: the conversation could not be saved ({0}). It is retried in a few seconds.', messageOf(error)));
  }

  undoFailed(error: unknown): void {
    void vscode.window.showWarningMessage(vscode.l10n.t('Claude: the conversation could not be restored ({0}).', messageOf(error)));
  }

  cannotRestore(title: string, error: unknown): void {
    void vscode.window.showWarningMessage(vscode.l10n.t('Claude: "{0}" cannot be shown: {1}', title, messageOf(error)));
  }
}

/** Shows the file in the OS file manager on desktop; elsewhere (browser, remote) opens it in the editor. */
async function revealFile(file: string): Promise<void> {
  const uri = vscode.Uri.file(file);
  if (vscode.env.uiKind === vscode.UIKind.Desktop && !vscode.env.remoteName) await vscode.commands.executeCommand('revealFileInOS', uri);
  else await vscode.commands.executeCommand('vscode.open', uri);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
