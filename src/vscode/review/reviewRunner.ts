// Runs reviews one file at a time as chat turns, with a cancellable progress notification; findings
// go to the Problems panel as they arrive.
import * as vscode from 'vscode';
import type { ChatSession } from '../../core/chat/chatSession';
import type { TurnStreamer } from '../../core/claude/turnStreamer';
import { ReviewTooLarge, buildReviewRequest, type ReviewTarget } from '../../core/review/reviewRequest';
import { reviewAnswer } from '../../core/review/reviewTurn';
import type { ChatViewProvider } from '../chatViewProvider';
import { reviewContextFor, type ReviewContext } from './reviewContext';
import type { ReviewFindings } from './reviewFindings';

export interface ReviewItem {
  readonly document: vscode.TextDocument;
  readonly target: ReviewTarget;
}

export class ReviewRunner {
  constructor(
    private readonly session: ChatSession,
    private readonly view: Pick<ChatViewProvider, 'reveal'>,
    private readonly client: TurnStreamer,
    private readonly findings: ReviewFindings,
  ) {}

  /**
   * Reviews `items` in order; stops at the first failure or when cancelled. `note` (what was left out of
   * the review, and why) is shown with the first review's turn in the chat; it is not sent.
   */
  async run(items: readonly ReviewItem[], title: string, note = ''): Promise<void> {
    if (items.length === 0) return;
    if (this.session.streaming) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Claude is still answering in the chat. Wait for it or stop it, then start the review again.'));
      return;
    }
    await this.view.reveal();
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      let cancelled = false;
      const sub = token.onCancellationRequested(() => {
        cancelled = true;
        this.session.stop();
      });
      try {
        const contexts = new Map<string, Promise<ReviewContext>>();
        // The note goes with the first turn that runs (a file too large to review has none).
        const leftOut = { note };
        for (const [i, item] of items.entries()) {
          if (cancelled) return;
          progress.report({ message: items.length > 1 ? `${i + 1}/${items.length}: ${item.target.path}` : item.target.path });
          const folder = vscode.workspace.getWorkspaceFolder(item.document.uri)?.uri.toString() ?? '';
          if (!contexts.has(folder)) contexts.set(folder, reviewContextFor(item.document.uri));
          if (!(await this.reviewOne(item, await contexts.get(folder)!, leftOut))) return;
        }
      } finally {
        sub.dispose();
      }
    });
  }

  /** Tells the chat why a review sent nothing (`shown` as the user's turn), without a request. */
  async tell(shown: string, answer: string): Promise<void> {
    if (this.session.streaming) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Claude is still answering in the chat. Wait for it or stop it, then start the review again.'));
      return;
    }
    await this.view.reveal();
    await this.session.runCustomTurn(shown, shown, async (io) => {
      io.apply({ type: 'blockStart', index: 0, kind: 'text' });
      io.apply({ type: 'textDelta', index: 0, text: answer });
      io.apply({ type: 'blockStop', index: 0 });
      return { content: [{ type: 'text', text: answer }], model: '', stopReason: 'end_turn' };
    });
  }

  /** True when the next file may follow (this one was reviewed or skipped). */
  private async reviewOne({ document, target }: ReviewItem, context: ReviewContext, leftOut: { note: string }): Promise<boolean> {
    let request;
    try {
      request = buildReviewRequest({ target, project: context.project, overrides: context.overrides });
    } catch (error) {
      if (!(error instanceof ReviewTooLarge)) throw error;
      void vscode.window.showWarningMessage(error.message);
      return true;
    }
    const pending = this.findings.begin(document.uri);
    const answer = reviewAnswer({ streamer: this.client, request, languageId: document.languageId, onReport: (result) => void pending.complete(result) });
    const shown = leftOut.note ? `${request.title}\n\n${leftOut.note}` : request.title;
    leftOut.note = '';
    const end = await this.session.runCustomTurn(shown, request.messages[0]!.content, answer);
    if (!end) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Claude is still answering in the chat. Wait for it or stop it, then start the review again.'));
      return false;
    }
    if (end.status === 'error' && end.error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Claude review of {0} failed: {1} {2}', target.path, end.error.title, end.error.detail));
    }
    return end.status === 'done';
  }
}
