// Where the workspace review puts its findings: the same place as "Review Current File" (ReviewFindings),
// so they get the same diagnostics, quick fixes, edit tracking and Clear Review Findings.
import type * as vscode from 'vscode';
import type { ReviewFinding } from '../../core/review/findingTypes';

export interface FindingsSink {
  /** Forgets every finding of earlier reviews. */
  clear(): void;
  /** Shows `findings` on `uri`; `text` is the file's text the lines refer to. */
  publish(uri: vscode.Uri, findings: readonly ReviewFinding[], text: string): Promise<void>;
}
