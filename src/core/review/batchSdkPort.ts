// BatchesPort over the SDK's `client.messages.batches` (bundled in dist/engine.js with the client).
// Errors are classified by SDK class and HTTP status, never by message text.
import { APIConnectionError, APIError, APIUserAbortError, BadRequestError, NotFoundError } from '@anthropic-ai/sdk';
import type Anthropic from '@anthropic-ai/sdk';
import type { BatchesPort, BatchInfo, BatchResultLine } from './batchTypes';

type SdkBatches = Anthropic['messages']['batches'];

export function sdkBatchesPort(batches: SdkBatches): BatchesPort {
  return {
    create: async (requests, signal) =>
      (await batches.create({ requests: requests as unknown as Anthropic.Messages.BatchCreateParams['requests'] }, signal ? { signal } : undefined)) as BatchInfo,
    retrieve: async (id, signal) => (await batches.retrieve(id, {}, signal ? { signal } : undefined)) as BatchInfo,
    cancel: async (id) => (await batches.cancel(id)) as BatchInfo,
    // The SDK GETs the absolute results_url; the client's apiOriginOnly middleware refuses another origin.
    results: async (id, signal) => (await batches.results(id, {}, signal ? { signal } : undefined)) as AsyncIterable<BatchResultLine>,
    isTransient: isTransientBatchError,
    isGone: (error) => error instanceof NotFoundError,
    isInvalidRequest: (error) => error instanceof BadRequestError,
  };
}

export function isTransientBatchError(error: unknown): boolean {
  if (error instanceof APIUserAbortError) return false;
  if (error instanceof APIConnectionError) return true; // includes timeouts
  if (error instanceof APIError && typeof error.status === 'number') {
    return error.status === 408 || error.status === 409 || error.status === 429 || error.status >= 500;
  }
  return false;
}
