// The workspace review's findings as diagnostics: one collection of its own (a new review replaces the
// previous one), source `Claude Review`, severities per the contract, ranges clamped into the file.
import * as vscode from 'vscode';
import type { FindingSeverity, ReviewFinding } from '../../core/review/findingTypes';

export const REVIEW_DIAGNOSTIC_SOURCE = 'Claude Review';
export const WORKSPACE_REVIEW_COLLECTION = 'claudeCompanion.workspaceReview';

const SEVERITY: Record<FindingSeverity, vscode.DiagnosticSeverity> = {
  critical: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** Where findings go; the default writes diagnostics, another sink can be swapped in. */
export interface FindingsSink {
  /** Forgets every finding of earlier reviews. */
  clear(): void;
  /** Shows `findings` on `uri`; `text` is the file's text the lines refer to. */
  publish(uri: vscode.Uri, findings: readonly ReviewFinding[], text: string): void;
}

export function toDiagnostic(finding: ReviewFinding, lines: readonly string[]): vscode.Diagnostic {
  const last = Math.max(1, lines.length);
  const start = Math.min(Math.max(1, finding.line), last);
  const end = Math.min(Math.max(start, finding.endLine ?? start), last);
  const range = new vscode.Range(start - 1, 0, end - 1, lines[end - 1]?.length ?? 0);
  const message = finding.detail.trim() ? `${finding.title}\n${finding.detail.trim()}` : finding.title;
  const diagnostic = new vscode.Diagnostic(range, message, SEVERITY[finding.severity]);
  diagnostic.source = REVIEW_DIAGNOSTIC_SOURCE;
  return diagnostic;
}

export class ReviewDiagnostics implements FindingsSink, vscode.Disposable {
  private collection: vscode.DiagnosticCollection | undefined;

  clear(): void {
    this.collection?.clear();
  }

  publish(uri: vscode.Uri, findings: readonly ReviewFinding[], text: string): void {
    const lines = text.replace(/\r?\n$/, '').split(/\r?\n/);
    this.collection ??= vscode.languages.createDiagnosticCollection(WORKSPACE_REVIEW_COLLECTION);
    this.collection.set(uri, findings.map((f) => toDiagnostic(f, lines)));
  }

  dispose(): void {
    this.collection?.dispose();
  }
}
