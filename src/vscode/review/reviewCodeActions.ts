// Quick fixes on review diagnostics: "Apply suggestion" (replaces exactly the flagged lines),
// "Explain in chat" (a follow-up question in the chat) and "Dismiss" (removes the diagnostic).
import * as vscode from 'vscode';
import { REVIEW_SOURCE, type ReviewFindings, type TrackedFinding } from './reviewFindings';

export const EXPLAIN_FINDING_COMMAND = 'claudeCompanion.review.explainFinding';
export const DISMISS_FINDING_COMMAND = 'claudeCompanion.review.dismissFinding';

export class ReviewCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly findings: ReviewFindings) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== REVIEW_SOURCE) continue;
      const tracked = this.findings.findByDiagnostic(document, diagnostic);
      if (!tracked) continue;
      const args = [document.uri.toString(), tracked.id];
      if (tracked.finding.suggestion !== undefined) {
        const apply = new vscode.CodeAction(vscode.l10n.t('Apply suggestion'), vscode.CodeActionKind.QuickFix);
        apply.edit = suggestionEdit(document, tracked);
        apply.diagnostics = [diagnostic];
        apply.isPreferred = true;
        actions.push(apply);
      }
      const explain = new vscode.CodeAction(vscode.l10n.t('Explain in chat'), vscode.CodeActionKind.QuickFix);
      explain.command = { command: EXPLAIN_FINDING_COMMAND, title: explain.title, arguments: args };
      explain.diagnostics = [diagnostic];
      actions.push(explain);
      const dismiss = new vscode.CodeAction(vscode.l10n.t('Dismiss'), vscode.CodeActionKind.QuickFix);
      dismiss.command = { command: DISMISS_FINDING_COMMAND, title: dismiss.title, arguments: args };
      dismiss.diagnostics = [diagnostic];
      actions.push(dismiss);
    }
    return actions;
  }
}

/** Replaces lines line..endLine (as tracked now) with the suggestion, leaving the line break after them. */
export function suggestionEdit(document: vscode.TextDocument, tracked: TrackedFinding): vscode.WorkspaceEdit {
  const end = document.lineAt(Math.min(tracked.span.end, document.lineCount - 1));
  const range = new vscode.Range(tracked.span.start, 0, end.lineNumber, end.range.end.character);
  const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, range, (tracked.finding.suggestion ?? '').replace(/\r?\n/g, eol));
  return edit;
}

/** The follow-up question "Explain in chat" sends, with the flagged code for context. */
export function explainMessage(path: string, document: vscode.TextDocument, tracked: TrackedFinding): string {
  const { finding, span } = tracked;
  const lines = span.start === span.end ? `line ${span.start + 1}` : `lines ${span.start + 1}–${span.end + 1}`;
  const last = Math.min(span.end, document.lineCount - 1);
  const code = document.getText(new vscode.Range(span.start, 0, last, document.lineAt(last).range.end.character));
  const fence = '`'.repeat(Math.max(3, ...[...code.matchAll(/`+/g)].map((m) => m[0].length + 1)));
  return (
    `Explain the review finding "${finding.title}" (${finding.severity}) in ${path}, ${lines}:\n\n` +
    `${fence}${document.languageId}\n${code}\n${fence}\n\n${finding.detail}\n\nWhy is this a problem, and how should I fix it?`
  );
}
