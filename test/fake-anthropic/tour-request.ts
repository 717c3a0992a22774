// Reading a Messages request the way the demo tour needs: its blocks, the tool results of the last
// message and the tool calls they answer. Loose on purpose: the request was validated already.

export interface LooseBlock {
  type?: string;
  text?: string;
  id?: string;
  name?: string;
  input?: unknown;
  tool_use_id?: string;
  content?: unknown;
  is_error?: boolean;
}

export interface LooseMessage {
  role?: string;
  content?: unknown;
}

export interface LooseRequest {
  messages?: LooseMessage[];
  tools?: Array<{ name?: string }>;
  tool_choice?: { type?: string; name?: string };
  thinking?: { type?: string };
  system?: unknown;
}

/** A tool call of the previous assistant message with the result the client sent back. */
export interface AnsweredCall {
  name: string;
  input: Record<string, unknown>;
  text: string;
  isError: boolean;
}

export function blocksOf(m: LooseMessage | undefined): LooseBlock[] {
  if (!m) return [];
  if (typeof m.content === 'string') return [{ type: 'text', text: m.content }];
  return Array.isArray(m.content) ? (m.content as LooseBlock[]).filter((b) => typeof b === 'object' && b !== null) : [];
}

/** Text of a tool_result's content (a string or text blocks). */
export function resultText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return (content as LooseBlock[]).map((b) => (b?.type === 'text' && typeof b.text === 'string' ? b.text : '')).join('');
}

/** Text blocks of a message, joined. */
export function messageText(m: LooseMessage | undefined): string {
  return blocksOf(m)
    .filter((b) => b.type === 'text' && typeof b.text === 'string')
    .map((b) => b.text)
    .join('\n');
}

/** Messages the person typed (text, no tool results), oldest first. */
export function typedMessages(req: LooseRequest): LooseMessage[] {
  return (req.messages ?? []).filter((m) => m.role === 'user' && !blocksOf(m).some((b) => b.type === 'tool_result'));
}

/** The tool calls the last message answers, with their results; empty when it is not a tool-result message. */
export function answeredCalls(req: LooseRequest): AnsweredCall[] {
  const messages = req.messages ?? [];
  const last = messages.at(-1);
  const results = blocksOf(last).filter((b) => b.type === 'tool_result');
  if (last?.role !== 'user' || results.length === 0) return [];
  const calls = blocksOf(messages.at(-2)).filter((b) => b.type === 'tool_use');
  return results.map((r) => {
    const call = calls.find((c) => c.id === r.tool_use_id);
    const input = call?.input;
    return {
      name: call?.name ?? '',
      input: typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {},
      text: resultText(r.content),
      isError: r.is_error === true,
    };
  });
}

export function offersTool(req: LooseRequest, name: string): boolean {
  return (req.tools ?? []).some((t) => t?.name === name);
}

/** Whether the request asks for thinking the answer may show (adaptive or a budget). */
export function wantsThinking(req: LooseRequest): boolean {
  return req.thinking?.type === 'adaptive' || req.thinking?.type === 'enabled';
}
