// Outcomes and the two errors tools throw internally. Tools never let an exception escape: `guardTool`
// turns everything into a ToolOutcome the model can act on.
import type { ToolOutcome } from './toolTypes';

/** Confinement, ignore-rule and trust refusals: the call was not allowed, whatever the input. */
export class ToolRefusal extends Error {
  override readonly name = 'ToolRefusal';
}

/** An expected failure (file not found, no match, bad range): the message is written for the model. */
export class ToolFailure extends Error {
  override readonly name = 'ToolFailure';
}

export function done(content: string, summary: string): ToolOutcome {
  return { content, isError: false, status: 'done', summary };
}

export function failed(content: string, summary: string): ToolOutcome {
  return { content, isError: true, status: 'failed', summary };
}

export function refused(content: string, summary = 'refused'): ToolOutcome {
  return { content, isError: true, status: 'refused', summary };
}

export function declined(content: string, summary: string): ToolOutcome {
  return { content, isError: true, status: 'declined', summary };
}

export function cancelled(tool: string): ToolOutcome {
  return failed(`The user stopped the task, so \`${tool}\` was cancelled. Do not retry it unless asked.`, 'cancelled');
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/** Short, single-line summary for the tool card, taken from the first sentence of a message. */
export function firstSentence(message: string, max = 100): string {
  const line = message.split('\n')[0] ?? '';
  // The first `.`/`;` that ends a sentence, ignoring any inside `code` (paths such as `.. /x`).
  let end = -1;
  let inCode = false;
  for (let i = 0; i < line.length && end < 0; i++) {
    if (line[i] === '`') inCode = !inCode;
    else if (!inCode && (line[i] === '.' || line[i] === ';') && (i + 1 === line.length || line[i + 1] === ' ')) end = i;
  }
  const s = end > 0 ? line.slice(0, end) : line;
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** Runs a tool body and converts anything it throws into an outcome. Never throws. */
export async function guardTool(tool: string, signal: AbortSignal, body: () => Promise<ToolOutcome>): Promise<ToolOutcome> {
  try {
    return await body();
  } catch (error) {
    return outcomeOfError(tool, signal, error);
  }
}

export function outcomeOfError(tool: string, signal: AbortSignal, error: unknown): ToolOutcome {
  if (error instanceof ToolRefusal) return refused(error.message, `refused: ${firstSentence(error.message, 80)}`);
  if (error instanceof ToolFailure) return failed(error.message, firstSentence(error.message));
  if (signal.aborted || isAbortError(error)) return cancelled(tool);
  const message = error instanceof Error ? error.message : String(error);
  return failed(`\`${tool}\` failed: ${message}`, `failed: ${firstSentence(message, 80)}`);
}

/** `"abc"`-style rendering of a user value for messages, bounded. */
export function quote(value: string, max = 120): string {
  const v = value.length > max ? `${value.slice(0, max)}…` : value;
  return `\`${v.replace(/`/g, "'").replace(/\0/g, '\\0')}\``;
}
