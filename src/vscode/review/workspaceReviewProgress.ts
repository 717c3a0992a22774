// Shows a running workspace review: a cancellable progress notification and a status bar item whose
// click cancels it. Both say how long the batch has run and when it is checked next.
import * as vscode from 'vscode';
import type { PollReport } from '../../core/review/batchLifecycle';

export const CANCEL_WORKSPACE_REVIEW = 'claudeCompanion.cancelWorkspaceReview';
const RUNNING_CONTEXT = 'claudeCompanion.workspaceReviewRunning';

export class WorkspaceReviewProgress implements vscode.Disposable {
  private item: vscode.StatusBarItem | undefined;
  private reporter: vscode.Progress<{ message?: string }> | undefined;
  private files = 0;

  /**
   * Runs `task` under a cancellable notification; `onCancel` runs when its Cancel button is pressed.
   * The status bar item stays until `task` settles.
   */
  async run<T>(files: number, onCancel: () => void, task: () => Promise<T>): Promise<T> {
    this.files = files;
    this.showItem(vscode.l10n.t('submitted'));
    void vscode.commands.executeCommand('setContext', RUNNING_CONTEXT, true);
    try {
      return await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Claude is reviewing {0} files (batch, half price)', files), cancellable: true },
        async (progress, token) => {
          this.reporter = progress;
          const sub = token.onCancellationRequested(onCancel);
          try {
            return await task();
          } finally {
            sub.dispose();
            this.reporter = undefined;
          }
        },
      );
    } finally {
      this.item?.hide();
      void vscode.commands.executeCommand('setContext', RUNNING_CONTEXT, false);
    }
  }

  polled(report: PollReport, submittedAt: string, canceling: boolean): void {
    const minutes = Math.max(0, Math.round((Date.now() - Date.parse(submittedAt)) / 60_000));
    const next = Math.max(1, Math.round(report.nextPollMs / 1000));
    const state = canceling || report.batch?.processing_status === 'canceling'
      ? vscode.l10n.t('canceling')
      : report.error !== undefined
        ? vscode.l10n.t('cannot reach the API, retrying in {0} s', next)
        : vscode.l10n.t('in progress for {0} min, next check in {1} s', minutes, next);
    this.reporter?.report({ message: state });
    this.showItem(state);
  }

  message(text: string): void {
    this.reporter?.report({ message: text });
    this.showItem(text);
  }

  private showItem(state: string): void {
    if (!this.item) {
      this.item = vscode.window.createStatusBarItem('claudeCompanion.workspaceReview', vscode.StatusBarAlignment.Left, 10);
      this.item.name = vscode.l10n.t('Claude Workspace Review');
      this.item.command = CANCEL_WORKSPACE_REVIEW;
    }
    this.item.text = `$(loading~spin) ${vscode.l10n.t('Claude review: {0} files', this.files)}`;
    this.item.tooltip = vscode.l10n.t('Claude is reviewing {0} files on the Message Batches API ({1}). Click to cancel.', this.files, state);
    this.item.accessibilityInformation = { label: vscode.l10n.t('Claude workspace review of {0} files, {1}. Activate to cancel.', this.files, state) };
    this.item.show();
  }

  dispose(): void {
    this.item?.dispose();
  }
}
