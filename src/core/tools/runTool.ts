// The one way the agent loop should call a tool: validate, run, and turn every failure (bad input,
// exception, abort) into an is_error outcome. Never throws, so a tool can never crash the loop.
import { validateInput } from './inputValidation';
import { cancelled, failed, firstSentence, outcomeOfError } from './toolOutcome';
import type { ToolContext, ToolOutcome, ToolSpec } from './toolTypes';

export async function runTool(spec: ToolSpec, input: unknown, ctx: ToolContext, toolUseId: string): Promise<ToolOutcome> {
  if (ctx.signal.aborted) return cancelled(spec.name);
  let problem: string | undefined;
  try {
    problem = validateInput(spec.name, spec.inputSchema, input);
  } catch (error) {
    // A schema ajv cannot compile is our bug, not the model's; say so rather than run unchecked.
    return failed(`\`${spec.name}\` has an invalid input schema (${error instanceof Error ? error.message : String(error)}).`, 'invalid tool schema');
  }
  if (problem) return failed(problem, `invalid input: ${firstSentence(problem.replace(/^Invalid input for \S+: /, ''), 80)}`);

  try {
    // Reads stop waiting the moment the user stops; a write is never raced, because reporting
    // "cancelled" while the write still lands would be a lie (the approval port settles on abort).
    const outcome = spec.kind === 'read' ? await raceAbort(spec.run(input, ctx, toolUseId), ctx.signal) : await spec.run(input, ctx, toolUseId);
    if (spec.kind === 'read' && ctx.signal.aborted) return cancelled(spec.name);
    return outcome;
  } catch (error) {
    return outcomeOfError(spec.name, ctx.signal, error);
  }
}

function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
