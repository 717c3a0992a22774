// Code review: Review Current File / Selection / Uncommitted Changes, Clear Review Findings, and the
// quick fixes on the findings (Apply suggestion, Explain in chat, Dismiss).
import * as vscode from 'vscode';
import type { ChatSession } from '../../core/chat/chatSession';
import type { TurnStreamer } from '../../core/claude/turnStreamer';
import type { ChatViewProvider } from '../chatViewProvider';
import { NoChanges, uncommittedChanges } from './gitChanges';
import { DISMISS_FINDING_COMMAND, EXPLAIN_FINDING_COMMAND, ReviewCodeActions, explainMessage } from './reviewCodeActions';
import { reviewPath } from './reviewContext';
import type { ReviewFindings } from './reviewFindings';
import { ReviewRunner, type ReviewItem } from './reviewRunner';

export interface ReviewServices {
  readonly session: ChatSession;
  readonly view: Pick<ChatViewProvider, 'reveal'>;
  readonly client: TurnStreamer;
  /** The diagnostics every review shares (the workspace review publishes there too). */
  readonly findings: ReviewFindings;
}

export function registerReview({ session, view, client, findings }: ReviewServices): vscode.Disposable[] {
  const runner = new ReviewRunner(session, view, client, findings);
  const warn = (message: string) => void vscode.window.showWarningMessage(message);

  return [
    findings,
    vscode.languages.registerCodeActionsProvider('*', new ReviewCodeActions(findings), { providedCodeActionKinds: ReviewCodeActions.kinds }),

    vscode.commands.registerCommand('claudeCompanion.reviewCurrentFile', async (resource?: unknown) => {
      const document = await documentFor(resource);
      if (!document) return warn(vscode.l10n.t('Open a file to review it.'));
      const path = reviewPath(document.uri);
      const item: ReviewItem = { document, target: { kind: 'file', path, languageId: document.languageId, text: document.getText() } };
      await runner.run([item], vscode.l10n.t('Claude: reviewing {0}', path));
    }),

    vscode.commands.registerCommand('claudeCompanion.reviewSelection', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || editor.selection.isEmpty) return warn(vscode.l10n.t('Select the code to review first.'));
      const { document, selection } = editor;
      // A selection ending at the start of a line does not include that line.
      const endLine = selection.end.character === 0 && selection.end.line > selection.start.line ? selection.end.line : selection.end.line + 1;
      const path = reviewPath(document.uri);
      const target = { kind: 'selection' as const, path, languageId: document.languageId, text: document.getText(), startLine: selection.start.line + 1, endLine };
      await runner.run([{ document, target }], vscode.l10n.t('Claude: reviewing {0}:{1}-{2}', path, target.startLine, endLine));
    }),

    vscode.commands.registerCommand('claudeCompanion.reviewChanges', async () => {
      let items: ReviewItem[];
      try {
        items = await changedItems();
      } catch (error) {
        if (error instanceof NoChanges) return void vscode.window.showInformationMessage(error.message);
        throw error;
      }
      if (items.length === 0) return void vscode.window.showInformationMessage(vscode.l10n.t('There are no uncommitted changes to review.'));
      await runner.run(items, vscode.l10n.t('Claude: reviewing uncommitted changes'));
    }),

    vscode.commands.registerCommand('claudeCompanion.clearReviewFindings', () => findings.clear()),

    vscode.commands.registerCommand(EXPLAIN_FINDING_COMMAND, async (uri: string, id: number) => {
      const tracked = findings.find(vscode.Uri.parse(uri), id);
      if (!tracked) return;
      if (session.streaming) return warn(vscode.l10n.t('Claude is still answering in the chat. Wait for it or stop it, then ask again.'));
      const document = await vscode.workspace.openTextDocument(tracked.uri);
      await view.reveal();
      await session.send(explainMessage(reviewPath(tracked.uri), document, tracked));
    }),

    vscode.commands.registerCommand(DISMISS_FINDING_COMMAND, (uri: string, id: number) => findings.dismiss(vscode.Uri.parse(uri), id)),
  ];
}

/** The explorer's file, else the active editor's document. */
async function documentFor(resource: unknown): Promise<vscode.TextDocument | undefined> {
  if (resource instanceof vscode.Uri) {
    try {
      return await vscode.workspace.openTextDocument(resource);
    } catch {
      void vscode.window.showWarningMessage(vscode.l10n.t('{0} cannot be opened as text, so it cannot be reviewed.', reviewPath(resource)));
      return undefined;
    }
  }
  return vscode.window.activeTextEditor?.document;
}

/** One diff review per changed file whose text differs from HEAD (binary files are skipped). */
async function changedItems(): Promise<ReviewItem[]> {
  const items: ReviewItem[] = [];
  for (const file of await uncommittedChanges()) {
    const document = await vscode.workspace.openTextDocument(file.uri).then(
      (d) => d,
      () => undefined,
    );
    if (!document || document.getText() === file.committedText) continue;
    const target = { kind: 'diff' as const, path: reviewPath(file.uri), languageId: document.languageId, oldText: file.committedText, newText: document.getText() };
    items.push({ document, target });
  }
  return items;
}
