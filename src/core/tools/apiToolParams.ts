// A request's `tools` array, straight from the tools' specs (name, description, input schema). The one
// mapping from a ToolSpec to the API's tool param: the agent loop sends it, nothing validates here.
import type { ApiToolParam } from '../claude/apiTypes';
import type { ToolSpec } from './toolTypes';

export function apiToolParams(specs: readonly ToolSpec[]): (ApiToolParam & { readonly description: string })[] {
  return specs.map((s) => ({ name: s.name, description: s.description, input_schema: s.inputSchema }));
}
