// THE SWAP POINT for the workspace review's prompt: which BatchReviewCodec builds each file's request and
// reads its findings. Today the minimal default (src/core/review/batchDefaultCodec.ts); the single-file
// review's prompt builder and finding validation can replace it here, behind the same interface.
import type { BatchReviewCodec } from '../../core/review/batchCodec';
import type { EngineModule } from '../engineLoader';

export function reviewCodecFor(engine: EngineModule, model: string): BatchReviewCodec {
  return engine.createDefaultBatchCodec({ model });
}
