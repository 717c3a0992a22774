// Which BatchReviewCodec the workspace review uses: the single-file review's prompt (with the first
// workspace folder's project context and review guidance) and finding validation.
import * as vscode from 'vscode';
import type { BatchReviewCodec } from '../../core/review/batchCodec';
import { createReviewBatchCodec } from '../../core/review/reviewBatchCodec';
import { reviewContextFor } from './reviewContext';

export async function reviewCodecFor(model: string): Promise<BatchReviewCodec> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const context = folder ? await reviewContextFor(folder.uri) : undefined;
  return createReviewBatchCodec({ model, ...(context ? { project: context.project, overrides: context.overrides } : {}) });
}
