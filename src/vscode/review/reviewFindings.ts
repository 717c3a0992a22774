// Review findings as diagnostics (source "Claude Review") that follow the code they describe: edits
// above a finding move it, edits touching its lines clear it. A review records the document's edits
// from the moment its text was taken, so findings that arrive later still land on the right lines.
import * as vscode from 'vscode';
import type { ReviewFinding, FindingSeverity } from '../../core/review/findingTypes';
import { RangeTracker, changesBetween, trackSpan, type LineSpan, type TextChange } from '../../core/review/rangeTracker';
import type { ReviewResult } from '../../core/review/reviewTurn';

// l10n-exempt: the diagnostics' source: a product name, and how the extension recognises its own findings
export const REVIEW_SOURCE = 'Claude Review';

const SEVERITY: Record<FindingSeverity, vscode.DiagnosticSeverity> = {
  critical: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export interface TrackedFinding {
  readonly id: number;
  readonly uri: vscode.Uri;
  readonly finding: ReviewFinding;
  /** Where it is now (0-based lines). */
  readonly span: LineSpan;
}

interface DocFindings {
  readonly uri: vscode.Uri;
  readonly tracker: RangeTracker<number>;
  readonly findings: Map<number, ReviewFinding>;
}

/** A review in flight for one document: the edits made since its text was taken. */
export interface PendingReview {
  /** Publishes the review's findings, moved through the edits made meanwhile. */
  complete(result: ReviewResult): Promise<void>;
}

export class ReviewFindings implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('claudeReview');
  private readonly docs = new Map<string, DocFindings>();
  private readonly pending = new Map<string, TextChange[]>();
  private readonly subscription: vscode.Disposable;
  private nextId = 1;

  constructor() {
    this.subscription = vscode.workspace.onDidChangeTextDocument((e) => this.onChange(e));
  }

  /** Starts recording edits to `uri`; the returned review places its findings when they arrive. */
  begin(uri: vscode.Uri): PendingReview {
    const key = uri.toString();
    const changes: TextChange[] = [];
    this.pending.set(key, changes);
    return { complete: (result) => this.complete(uri, changes, result) };
  }

  /** Every finding, e.g. for tests and code actions. */
  list(uri?: vscode.Uri): TrackedFinding[] {
    const docs = uri ? [this.docs.get(uri.toString())].filter((d): d is DocFindings => !!d) : [...this.docs.values()];
    return docs.flatMap((d) => [...d.tracker.entries()].map(([id, span]) => ({ id, uri: d.uri, finding: d.findings.get(id)!, span })));
  }

  find(uri: vscode.Uri, id: number): TrackedFinding | undefined {
    return this.list(uri).find((f) => f.id === id);
  }

  /** The finding a diagnostic shows (code actions get copies of our diagnostics, so match by content). */
  findByDiagnostic(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): TrackedFinding | undefined {
    if (diagnostic.source !== REVIEW_SOURCE) return undefined;
    return this.list(document.uri).find((f) => {
      const d = this.toDiagnostic(document, f);
      return d.range.isEqual(diagnostic.range) && d.message === diagnostic.message;
    });
  }

  /**
   * Places findings from a review of `text` that ran elsewhere (the workspace review reads files when it
   * submits; results come back later): edits made since then move or clear them, as during a live review.
   */
  async publishReviewed(uri: vscode.Uri, findings: readonly ReviewFinding[], text: string): Promise<void> {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ?? (await vscode.workspace.openTextDocument(uri));
    const lineCount = Math.max(1, text.replace(/\r?\n$/, '').split(/\r?\n/).length);
    const changes = changesBetween(text.replace(/\r\n/g, '\n'), document.getText().replace(/\r\n/g, '\n'));
    await this.complete(uri, changes, { report: { summary: '', findings }, issues: [], scope: { path: uri.fsPath, lineCount, firstLine: 1, lastLine: lineCount } });
  }

  dismiss(uri: vscode.Uri, id: number): void {
    const doc = this.docs.get(uri.toString());
    if (!doc || !doc.tracker.delete(id)) return;
    doc.findings.delete(id);
    void this.publish(doc);
  }

  clear(): void {
    this.docs.clear();
    this.pending.clear();
    this.collection.clear();
  }

  dispose(): void {
    this.subscription.dispose();
    this.collection.dispose();
  }

  private async complete(uri: vscode.Uri, changes: readonly TextChange[], { report, scope }: ReviewResult): Promise<void> {
    const key = uri.toString();
    const doc = this.docs.get(key) ?? { uri, tracker: new RangeTracker<number>(), findings: new Map<number, ReviewFinding>() };
    this.docs.set(key, doc);
    // The reviewed lines, where they are now: older findings there are replaced.
    const reviewed = changes.reduce<LineSpan | undefined>((span, c) => span && trackSpan(span, c), { start: scope.firstLine - 1, end: scope.lastLine - 1 });
    for (const [id, span] of [...doc.tracker.entries()]) {
      if (!reviewed || span.end < reviewed.start || span.start > reviewed.end) continue;
      doc.tracker.delete(id);
      doc.findings.delete(id);
    }
    for (const finding of report.findings) {
      const fresh = new RangeTracker<number>();
      fresh.set(0, { start: finding.line - 1, end: (finding.endLine ?? finding.line) - 1 });
      fresh.apply(changes);
      const span = fresh.get(0);
      if (!span) continue; // edited while the review ran
      const id = this.nextId++;
      doc.tracker.set(id, span);
      doc.findings.set(id, finding);
    }
    await this.publish(doc);
  }

  private onChange(e: vscode.TextDocumentChangeEvent): void {
    if (e.contentChanges.length === 0) return;
    const key = e.document.uri.toString();
    const changes: TextChange[] = e.contentChanges.map((c) => ({ start: c.range.start, end: c.range.end, text: c.text }));
    this.pending.get(key)?.push(...changes);
    const doc = this.docs.get(key);
    if (!doc || doc.tracker.size === 0) return;
    const { moved, cleared } = doc.tracker.apply(changes);
    for (const id of cleared) doc.findings.delete(id);
    if (moved.length || cleared.length) this.set(doc, e.document);
  }

  private async publish(doc: DocFindings): Promise<void> {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === doc.uri.toString()) ?? (await vscode.workspace.openTextDocument(doc.uri));
    this.set(doc, document);
  }

  private set(doc: DocFindings, document: vscode.TextDocument): void {
    const diagnostics = this.list(doc.uri).map((f) => this.toDiagnostic(document, f));
    if (diagnostics.length === 0) {
      this.collection.delete(doc.uri);
      this.docs.delete(doc.uri.toString());
    } else {
      this.collection.set(doc.uri, diagnostics);
    }
  }

  /** From the first non-blank character of the first line to the end of the last. */
  private toDiagnostic(document: vscode.TextDocument, f: TrackedFinding): vscode.Diagnostic {
    const last = Math.max(0, document.lineCount - 1);
    const start = document.lineAt(Math.min(f.span.start, last));
    const end = document.lineAt(Math.min(f.span.end, last));
    const startChar = start.isEmptyOrWhitespace ? 0 : start.firstNonWhitespaceCharacterIndex;
    const range = new vscode.Range(start.lineNumber, startChar, end.lineNumber, end.range.end.character);
    const d = new vscode.Diagnostic(range, `${f.finding.title}\n${f.finding.detail}`, SEVERITY[f.finding.severity]);
    d.source = REVIEW_SOURCE;
    return d;
  }
}
