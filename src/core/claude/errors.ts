// Typed errors of our own, and the mapping of every failure to what the user sees and can do next.
// Branches on SDK error classes, HTTP status and `error.type` only, never on message text.
import {
  AnthropicError,
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  ContentTooLargeError,
  NotFoundError,
  OverloadedError,
  PermissionDeniedError,
  RateLimitError,
} from '@anthropic-ai/sdk';
import type { ErrorInfo } from '../../shared/protocol';
import { t } from '../l10n';
import { ForeignOriginError, UnsafeApiBaseUrlError } from './apiBaseUrl';

export class MissingApiKeyError extends Error {
  override readonly name = 'MissingApiKeyError';
  constructor() {
    super('No Anthropic API key is set.');
  }
}

export class StalledStreamError extends Error {
  override readonly name = 'StalledStreamError';
  constructor(readonly idleSeconds: number) {
    super(`The response stream sent nothing for ${idleSeconds} s.`);
  }
}

export function isUserAbort(error: unknown): boolean {
  return error instanceof APIUserAbortError || (error instanceof Error && error.name === 'AbortError');
}

function apiFields(error: APIError): Pick<ErrorInfo, 'status' | 'requestId'> {
  const out: { status?: number; requestId?: string } = {};
  if (typeof error.status === 'number') out.status = error.status;
  if (error.requestID) out.requestId = error.requestID;
  return out;
}

export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof MissingApiKeyError) {
    return { kind: 'missing_api_key', title: t('No API key is set.'), detail: t('Set your Anthropic API key to start chatting.'), actions: ['setApiKey'] };
  }
  if (error instanceof UnsafeApiBaseUrlError) {
    return {
      kind: 'unsafe_api_base_url',
      title: t('The claudeCompanion.apiBaseUrl setting was refused: {0}', error.value),
      detail: t('Nothing was sent. In your user settings, set it to an https:// address (http:// only for localhost, 127.0.0.1 or [::1]), or clear it to use the Anthropic API.'),
      actions: ['openSettings'],
    };
  }
  if (error instanceof ForeignOriginError) {
    return {
      kind: 'foreign_origin',
      title: t('A request to {0} was refused: your API key goes only to the API origin {1}.', error.url, error.apiOrigin),
      detail: t('Nothing was sent there. The API named an address on another origin (for example for batch results); check the claudeCompanion.apiBaseUrl setting in your user settings.'),
      actions: ['openSettings'],
    };
  }
  if (error instanceof StalledStreamError) {
    return {
      kind: 'stalled',
      title: t('The response stalled: nothing arrived for {0} s.', error.idleSeconds),
      detail: t('Retry, or raise claudeCompanion.requestTimeoutSeconds if answers are often slow to start.'),
      actions: ['retry', 'openSettings'],
    };
  }
  // Order matters: the timeout error is a subclass of the connection error.
  if (error instanceof APIConnectionTimeoutError) {
    return { kind: 'timeout', title: t('The request timed out before Claude answered.'), detail: t('Check your network, then retry.'), actions: ['retry', 'openSettings'] };
  }
  if (error instanceof APIConnectionError && !(error instanceof APIUserAbortError)) {
    return {
      kind: 'connection',
      title: t('Could not reach the Anthropic API.'),
      detail: t('Check your network, proxy or the claudeCompanion.apiBaseUrl setting, then retry.'),
      actions: ['retry', 'openSettings'],
    };
  }
  if (error instanceof AuthenticationError) {
    return { kind: 'authentication', title: t('The API key was rejected (401).'), detail: t('Set a valid Anthropic API key.'), actions: ['setApiKey'], ...apiFields(error) };
  }
  if (error instanceof PermissionDeniedError) {
    return {
      kind: 'permission',
      title: t('This API key is not allowed to do that (403).'),
      detail: t('Check the key\'s workspace and permissions in the Anthropic Console, or use another key.'),
      actions: ['setApiKey'],
      ...apiFields(error),
    };
  }
  if (error instanceof NotFoundError) {
    return { kind: 'not_found', title: t('The model was not found (404).'), detail: t('Select a model that your key can use.'), actions: ['selectModel'], ...apiFields(error) };
  }
  if (error instanceof ContentTooLargeError) {
    return { kind: 'too_large', title: t('The request is too large (413).'), detail: t('Start a new chat, or remove large attachments.'), actions: ['newChat'], ...apiFields(error) };
  }
  if (error instanceof RateLimitError) {
    return { kind: 'rate_limit', title: t('Rate limited by the API (429).'), detail: t('Wait a moment, then retry.'), actions: ['retry'], ...apiFields(error) };
  }
  if (error instanceof OverloadedError || (error instanceof APIError && error.type === 'overloaded_error')) {
    return { kind: 'overloaded', title: t('Claude is overloaded right now.'), detail: t('Retry in a moment, or select another model.'), actions: ['retry', 'selectModel'], ...apiFields(error) };
  }
  if (error instanceof BadRequestError) {
    return { kind: 'invalid_request', title: t('The API rejected the request (400).'), detail: error.apiMessage ?? t('See the request log for details.'), actions: ['showLog', 'newChat'], ...apiFields(error) };
  }
  if (error instanceof APIError && typeof error.status === 'number' && error.status >= 500) {
    return { kind: 'server', title: t('The Anthropic API failed ({0}).', error.status), detail: t('This is usually temporary. Retry in a moment.'), actions: ['retry'], ...apiFields(error) };
  }
  if (error instanceof APIError) {
    return { kind: error.type ?? 'api_error', title: t('The Anthropic API returned an error.'), detail: error.apiMessage ?? t('See the request log for details.'), actions: ['retry', 'showLog'], ...apiFields(error) };
  }
  // The SDK reports a connection that drops after the headers as a bare AnthropicError (not retried).
  if (error instanceof AnthropicError) {
    return {
      kind: 'connection_lost',
      title: t('The connection dropped in the middle of the answer.'),
      detail: t('The partial answer is kept. Check your network, then retry.'),
      actions: ['retry'],
    };
  }
  return { kind: 'unexpected', title: t('Something went wrong.'), detail: error instanceof Error ? error.message : String(error), actions: ['retry', 'showLog'] };
}
