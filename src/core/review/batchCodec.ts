// How the workspace review talks to the model, per file: the request for a file, and the findings read
// back from the answer. An interface so the single-file review's prompt builder and validation can be
// plugged in (reviewBatchCodec.ts builds it from the single-file review).
import type { ReviewReport } from './findingTypes';
import type { BatchMessage, BatchMessageParams, ReviewFile } from './batchTypes';

export type CodecFindings =
  | { readonly ok: true; readonly report: ReviewReport; /** Findings dropped as malformed. */ readonly dropped: number }
  | { readonly ok: false; readonly reason: string };

export interface BatchReviewCodec {
  /** Messages API params (non-streaming) that review `file`. */
  request(file: ReviewFile): BatchMessageParams;
  /** The report in a succeeded answer, lines clamped into `file`; or why there is none. */
  findings(message: BatchMessage, file: ReviewFile): CodecFindings;
}
