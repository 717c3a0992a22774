// The persisted record of a running batch (workspaceState): validated on the way back in, since it may
// come from an older version or a hand-edited state file.
import type { BatchRecord } from './batchTypes';
import { CUSTOM_ID_PATTERN } from './batchIds';

export function parseBatchRecord(value: unknown): BatchRecord | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const r = value as Record<string, unknown>;
  if (typeof r.batchId !== 'string' || r.batchId === '') return undefined;
  if (typeof r.model !== 'string' || typeof r.submittedAt !== 'string' || Number.isNaN(Date.parse(r.submittedAt))) return undefined;
  if (typeof r.files !== 'object' || r.files === null || Array.isArray(r.files)) return undefined;
  const files: Record<string, string> = {};
  for (const [id, path] of Object.entries(r.files as Record<string, unknown>)) {
    if (!CUSTOM_ID_PATTERN.test(id) || typeof path !== 'string' || path === '') return undefined;
    files[id] = path;
  }
  if (Object.keys(files).length === 0) return undefined;
  return { batchId: r.batchId, files, submittedAt: r.submittedAt, model: r.model };
}
