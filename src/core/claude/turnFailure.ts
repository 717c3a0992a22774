// The one error class that crosses the engine boundary: dist/engine.js (the client) throws it and
// dist/extension.js (chat, review, agent) catches it. Each bundle has its own copy of this module, so
// `instanceof` fails across them; a registered symbol brands instances from either copy (`TurnFailure.is`).
import type { ErrorInfo } from '../../shared/protocol';
import { t } from '../l10n';

const TURN_FAILURE = Symbol.for('claudeCompanion.TurnFailure');

/** Every failure of a turn, already classified: what happened and what the user can do next. */
export class TurnFailure extends Error {
  override readonly name = 'TurnFailure';
  readonly [TURN_FAILURE] = true;

  static is(value: unknown): value is TurnFailure {
    return typeof value === 'object' && value !== null && (value as { [TURN_FAILURE]?: unknown })[TURN_FAILURE] === true;
  }

  constructor(
    readonly info: ErrorInfo,
    /** True when the caller aborted (Stop), as opposed to a failure. */
    readonly userAbort: boolean,
    options?: { cause?: unknown },
  ) {
    super(info.title, options);
  }
}

/** What Stop looks like when it lands outside a request (between requests, during tools or a summary). */
export function stoppedFailure(): TurnFailure {
  return new TurnFailure({ kind: 'stopped', title: t('Stopped.'), detail: t('You stopped the task.'), actions: [] }, true);
}
