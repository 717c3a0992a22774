// Code review: Review Current File / Selection / Uncommitted Changes, Clear Review Findings, and the
// quick fixes on the findings (Apply suggestion, Explain in chat, Dismiss). Reviews obey the tools' file
// rules: uncommitted changes to files the tools may not read are left out (the chat says which and why),
// and reviewing one such file asks first.
import * as vscode from 'vscode';
import type { ChatSession } from '../../core/chat/chatSession';
import type { TurnStreamer } from '../../core/claude/turnStreamer';
import { judgeChanges, leftOutNote, nothingSentNote, type LeftOut } from '../../core/files/accessGate';
import type { ChatViewProvider } from '../chatViewProvider';
import { accessChecker, confirmSend, shownPath } from '../fileAccess';
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
      if (!(await confirmSend(document.uri, 'review'))) return;
      const path = reviewPath(document.uri);
      const item: ReviewItem = { document, target: { kind: 'file', path, languageId: document.languageId, text: document.getText() } };
      await runner.run([item], vscode.l10n.t('Claude: reviewing {0}', path));
    }),

    vscode.commands.registerCommand('claudeCompanion.reviewSelection', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || editor.selection.isEmpty) return warn(vscode.l10n.t('Select the code to review first.'));
      const { document, selection } = editor;
      if (!(await confirmSend(document.uri, 'review'))) return;
      // A selection ending at the start of a line does not include that line.
      const endLine = selection.end.character === 0 && selection.end.line > selection.start.line ? selection.end.line : selection.end.line + 1;
      const path = reviewPath(document.uri);
      const target = { kind: 'selection' as const, path, languageId: document.languageId, text: document.getText(), startLine: selection.start.line + 1, endLine };
      await runner.run([{ document, target }], vscode.l10n.t('Claude: reviewing {0}:{1}-{2}', path, target.startLine, endLine));
    }),

    vscode.commands.registerCommand('claudeCompanion.reviewChanges', async () => {
      let changes: { items: ReviewItem[]; leftOut: readonly LeftOut[] };
      try {
        changes = await changedItems();
      } catch (error) {
        if (error instanceof NoChanges) return void vscode.window.showInformationMessage(error.message);
        throw error;
      }
      const { items, leftOut } = changes;
      const note = leftOutNote(leftOut);
      if (items.length === 0) {
        if (note) return runner.tell(`${vscode.l10n.t('Review uncommitted changes')}\n\n${note}`, nothingSentNote());
        return void vscode.window.showInformationMessage(vscode.l10n.t('There are no uncommitted changes to review.'));
      }
      await runner.run(items, vscode.l10n.t('Claude: reviewing uncommitted changes'), note);
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

/**
 * One diff review per changed file whose text differs from HEAD (binary files are skipped), and the
 * files left out because the tools may not read them. Those are judged before anything is read.
 */
async function changedItems(): Promise<{ items: ReviewItem[]; leftOut: readonly LeftOut[] }> {
  const files = await uncommittedChanges();
  const check = await accessChecker();
  const { kept, leftOut } = await judgeChanges(
    files.map((file) => ({ file, path: shownPath(file.uri), location: file.uri, ...(file.originalUri ? { original: file.originalUri } : {}) })),
    check,
  );
  const items: ReviewItem[] = [];
  for (const { change, withCommittedText } of kept) {
    const { file } = change;
    const document = await vscode.workspace.openTextDocument(file.uri).then(
      (d) => d,
      () => undefined,
    );
    const committedText = withCommittedText ? await file.committedText() : '';
    if (!document || document.getText() === committedText) continue;
    const target = { kind: 'diff' as const, path: reviewPath(file.uri), languageId: document.languageId, oldText: committedText, newText: document.getText() };
    items.push({ document, target });
  }
  return { items, leftOut };
}
