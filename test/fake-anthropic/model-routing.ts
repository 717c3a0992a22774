// Scenario that answers by the request's model, e.g. "every request to Opus gets 529":
//   fake.setDefault(byModel({ 'claude-opus-5-5': httpError(529) }))
import { echoScenario } from './messages';
import type { RecordedRequest, Scenario } from './types';

/**
 * A function scenario choosing by `body.model`. A route that is a single scenario answers every request to
 * that model; an array is a sequence consumed one request at a time (e.g. `[httpError(529), httpError(529)]`),
 * after which `fallback` answers. Models without a route get `fallback` (default: the echo answer).
 * Use it with `enqueue` for one request or `setDefault` for all of them.
 */
export function byModel(routes: Readonly<Record<string, Scenario | readonly Scenario[]>>, fallback: Scenario = echoScenario): Scenario {
  const sequences = new Map<string, Scenario[]>();
  for (const [model, route] of Object.entries(routes)) {
    if (Array.isArray(route)) sequences.set(model, [...(route as readonly Scenario[])]);
  }
  return (req: RecordedRequest): Scenario => {
    const model = (req.body as { model?: unknown } | undefined)?.model;
    if (typeof model !== 'string' || !Object.hasOwn(routes, model)) return fallback;
    const sequence = sequences.get(model);
    if (sequence) return sequence.shift() ?? fallback;
    return routes[model] as Scenario;
  };
}
