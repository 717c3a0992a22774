// The shape of a review as the model reports it through the `report_findings` tool (see CONTRACT.md).
// Shared by single-file reviews and the workspace review on the Batches API.

export const REPORT_FINDINGS_TOOL = 'report_findings';

export type FindingSeverity = 'critical' | 'warning' | 'info';

export interface ReviewFinding {
  readonly severity: FindingSeverity;
  /** 1-based first line. */
  readonly line: number;
  /** 1-based last line (inclusive); absent = `line`. */
  readonly endLine?: number;
  readonly title: string;
  readonly detail: string;
  /** Replacement text for lines `line..endLine`. */
  readonly suggestion?: string;
}

export interface ReviewReport {
  readonly summary: string;
  readonly findings: readonly ReviewFinding[];
}
