// What the user reads about a workspace review: a plain-text report in an output channel (every file,
// including the ones skipped, errored, expired or canceled) and a one-line summary notification.
import * as vscode from 'vscode';
import type { SkippedFile } from '../../core/review/batchFiles';
import type { BatchReviewOutcome, OutcomeCounts } from '../../core/review/batchResults';
import type { BatchRecord } from '../../core/review/batchTypes';
import { formatUsd } from '../../shared/money';

const STATUS_LABEL = { errored: 'ERRORED', expired: 'EXPIRED', canceled: 'CANCELED', unusable: 'NO REPORT', missing: 'MISSING' } as const;

/** The numbers a finished review reports (also what the command returns, for tests). */
export interface WorkspaceReviewSummary {
  readonly batchId: string;
  readonly files: number;
  readonly reviewed: number;
  readonly findings: number;
  readonly failed: OutcomeCounts['failed'];
  readonly skipped: number;
  readonly costUsd: number | undefined;
}

export class WorkspaceReviewReport implements vscode.Disposable {
  private channel: vscode.OutputChannel | undefined;

  private get out(): vscode.OutputChannel {
    return (this.channel ??= vscode.window.createOutputChannel('Claude Workspace Review'));
  }

  submitted(record: BatchRecord, skipped: readonly SkippedFile[], estimateUsd: number | undefined): void {
    const out = this.out;
    out.appendLine(`[${record.submittedAt}] Workspace review submitted: batch ${record.batchId}, ${Object.keys(record.files).length} files, ${record.model}` + (estimateUsd !== undefined ? `, estimated ${formatUsd(estimateUsd)} at batch price` : ''));
    if (skipped.length > 0) {
      out.appendLine(`  Skipped before submitting (${skipped.length}):`);
      for (const s of skipped) out.appendLine(`    ${s.path}: ${s.detail}`);
    }
  }

  resumed(record: BatchRecord): void {
    this.out.appendLine(`[${new Date().toISOString()}] Resumed waiting for batch ${record.batchId} (submitted ${record.submittedAt}).`);
  }

  note(line: string): void {
    this.out.appendLine(`[${new Date().toISOString()}] ${line}`);
  }

  finished(outcome: BatchReviewOutcome, summary: WorkspaceReviewSummary): void {
    const out = this.out;
    const failed = Object.entries(summary.failed).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`);
    out.appendLine(
      `[${new Date().toISOString()}] Batch ${outcome.batchId} finished: ${summary.reviewed} of ${summary.files} files reviewed, ${summary.findings} findings` +
        (failed.length ? `; ${failed.join(', ')}` : '') +
        (summary.costUsd !== undefined ? `; cost ${formatUsd(summary.costUsd)} at batch price` : ''),
    );
    for (const f of outcome.files) {
      if (f.kind === 'reviewed') {
        const dropped = f.dropped ? ` (${f.dropped} malformed finding(s) dropped)` : '';
        out.appendLine(`  ${f.path}: ${f.report.findings.length} finding(s)${dropped}${f.report.summary ? ` — ${f.report.summary}` : ''}`);
      } else out.appendLine(`  ${f.path}: ${STATUS_LABEL[f.status]} — ${f.reason}`);
    }
  }

  show(): void {
    this.out.show(true);
  }

  dispose(): void {
    this.channel?.dispose();
  }
}

const FAILED_TEXT = {
  errored: (n: number) => vscode.l10n.t('{0} errored', n),
  expired: (n: number) => vscode.l10n.t('{0} expired', n),
  canceled: (n: number) => vscode.l10n.t('{0} canceled', n),
  unusable: (n: number) => vscode.l10n.t('{0} without a usable report', n),
  missing: (n: number) => vscode.l10n.t('{0} missing from the results', n),
};

/** The closing notification; failures make it a warning and are never left out. */
export function notifySummary(summary: WorkspaceReviewSummary, report: WorkspaceReviewReport): void {
  const notReviewed = summary.files - summary.reviewed;
  const parts = (Object.keys(FAILED_TEXT) as (keyof typeof FAILED_TEXT)[]).filter((k) => summary.failed[k] > 0).map((k) => FAILED_TEXT[k](summary.failed[k]));
  const text =
    notReviewed > 0
      ? vscode.l10n.t('Claude reviewed {0} of {1} files ({2} findings); not reviewed: {3}.', summary.reviewed, summary.files, summary.findings, parts.join(', '))
      : vscode.l10n.t('Claude reviewed {0} files: {1} findings.', summary.reviewed, summary.findings);
  const details = vscode.l10n.t('Show Details');
  const problems = vscode.l10n.t('Show Problems');
  const shown = notReviewed > 0 ? vscode.window.showWarningMessage(text, details, problems) : vscode.window.showInformationMessage(text, details, problems);
  void shown.then((choice) => {
    if (choice === details) report.show();
    else if (choice === problems) void vscode.commands.executeCommand('workbench.actions.view.problems');
  });
}
