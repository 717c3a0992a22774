// Turns a finished batch's results file into one outcome per file: findings for succeeded requests,
// and a reason for every request that errored, expired, was canceled or gave no usable report.
import { costOf } from '../usage/pricing';
import type { BatchReviewCodec } from './batchCodec';
import type { BatchRecord, BatchResultLine } from './batchTypes';
import type { ReviewReport } from './findingTypes';
import { t } from '../l10n';

export type FailedStatus = 'errored' | 'expired' | 'canceled' | 'unusable' | 'missing';

export type FileOutcome =
  | { readonly kind: 'reviewed'; readonly path: string; readonly report: ReviewReport; readonly dropped: number }
  | { readonly kind: 'failed'; readonly path: string; readonly status: FailedStatus; readonly reason: string };

export interface BatchReviewOutcome {
  readonly batchId: string;
  /** In the order the files were submitted. */
  readonly files: readonly FileOutcome[];
  /** What the succeeded requests cost at batch prices; undefined when a model has no known price. */
  readonly costUsd: number | undefined;
}

/** Current text of a file, or undefined when it is gone. */
export type ReadReviewedFile = (path: string) => Promise<string | undefined>;

export async function collectOutcomes(
  record: BatchRecord,
  lines: AsyncIterable<BatchResultLine>,
  codec: BatchReviewCodec,
  readFile: ReadReviewedFile,
): Promise<BatchReviewOutcome> {
  const byId = new Map<string, FileOutcome>();
  let costUsd: number | undefined = 0;
  for await (const { custom_id: id, result } of lines) {
    const path = record.files[id];
    if (path === undefined || byId.has(id)) continue; // not ours, or a repeated line
    switch (result.type) {
      case 'succeeded': {
        const u = result.message.usage;
        const cost = costOf(result.message.model, {
          inputTokens: u.input_tokens,
          outputTokens: u.output_tokens,
          cacheReadTokens: u.cache_read_input_tokens ?? 0,
          cacheWriteTokens: u.cache_creation_input_tokens ?? 0,
        }, { batch: true });
        costUsd = cost && costUsd !== undefined ? costUsd + cost.total : undefined;
        const text = await readFile(path);
        if (text === undefined) {
          byId.set(id, { kind: 'failed', path, status: 'unusable', reason: t('the file no longer exists') });
          break;
        }
        const read = codec.findings(result.message, { path, text });
        byId.set(id, read.ok ? { kind: 'reviewed', path, report: read.report, dropped: read.dropped } : { kind: 'failed', path, status: 'unusable', reason: read.reason });
        break;
      }
      case 'errored': {
        const e = result.error?.error;
        const reason = [e?.type ?? 'error', e?.message].filter(Boolean).join(': ');
        byId.set(id, { kind: 'failed', path, status: 'errored', reason });
        break;
      }
      case 'expired':
        byId.set(id, { kind: 'failed', path, status: 'expired', reason: t('the batch reached its 24-hour limit before this file was reviewed') });
        break;
      case 'canceled':
        byId.set(id, { kind: 'failed', path, status: 'canceled', reason: t('the review was canceled before this file was reviewed') });
        break;
    }
  }
  const files = Object.entries(record.files).map(
    ([id, path]): FileOutcome => byId.get(id) ?? { kind: 'failed', path, status: 'missing', reason: t('the results had no entry for this file') },
  );
  return { batchId: record.batchId, files, costUsd };
}

export interface OutcomeCounts {
  readonly reviewed: number;
  readonly findings: number;
  readonly failed: Readonly<Record<FailedStatus, number>>;
}

export function countOutcomes(outcome: BatchReviewOutcome): OutcomeCounts {
  const failed: Record<FailedStatus, number> = { errored: 0, expired: 0, canceled: 0, unusable: 0, missing: 0 };
  let reviewed = 0;
  let findings = 0;
  for (const f of outcome.files) {
    if (f.kind === 'reviewed') {
      reviewed++;
      findings += f.report.findings.length;
    } else failed[f.status]++;
  }
  return { reviewed, findings, failed };
}
