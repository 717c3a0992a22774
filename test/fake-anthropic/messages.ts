// POST /v1/messages: picks the scenario and answers with JSON, a generated stream, a replay or an error.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { HttpFailure } from './errors';
import { planMessage, type GeneratedScenario } from './plan';
import type { PromptCache } from './prompt-cache';
import { sendError, sendJson, statusForErrorType, type RequestContext } from './respond';
import { text } from './scenarios';
import { splitSse, type WireChunk } from './sse';
import type { MessagesRequestBody, RecordedRequest, Scenario, StaticScenario, StreamFault } from './types';
import { validateMessagesRequest } from './validate';
import { sleepUntil, waitForAbort, writeSse } from './writer';

const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
};

/** Text of the last user message (text blocks joined), for the default echo answer. */
export function lastUserText(body: unknown): string {
  const messages = (body as { messages?: Array<{ role?: string; content?: unknown }> } | undefined)?.messages;
  const last = Array.isArray(messages) ? [...messages].reverse().find((m) => m?.role === 'user') : undefined;
  if (!last) return '';
  if (typeof last.content === 'string') return last.content;
  if (!Array.isArray(last.content)) return '';
  const blocks = last.content as Array<{ type?: string; text?: string }>;
  const texts = blocks.filter((b) => b?.type === 'text' && typeof b.text === 'string').map((b) => b.text);
  if (texts.length > 0) return texts.join('\n');
  const results = blocks.filter((b) => b?.type === 'tool_result').length;
  return results > 0 ? `${results} tool result(s)` : '';
}

/** Default answer: `You said: <last user text>`. */
export const echoScenario: Scenario = (req) => text(`You said: ${lastUserText(req.body)}`);

/** Calls function scenarios until a static one comes out. */
export function resolveScenario(s: Scenario, rec: RecordedRequest): StaticScenario {
  let current = s;
  for (let depth = 0; typeof current === 'function'; depth++) {
    if (depth > 16) throw new Error('scenario functions nested more than 16 deep');
    current = current(rec);
  }
  return current;
}

export interface MessagesDeps {
  nextScenario: () => Scenario;
  /** Server-wide pacing (delta chunks per second). */
  tokensPerSecond: number;
  /** Read and written only by generated answers (errors and replays leave it alone). */
  cache: PromptCache;
  /** FakeAnthropicOptions.strictRoles. */
  strictRoles?: boolean;
}

function streamOptions(ctx: RequestContext, tps: number, fault: StreamFault | undefined, pingIntervalMs?: number) {
  return {
    tokensPerSecond: tps,
    fault,
    pingIntervalMs,
    signal: ctx.signal,
    headers: { ...SSE_HEADERS, 'request-id': ctx.rec.requestId },
    onDrop: () => {
      ctx.rec.outcome = 'dropped';
    },
    onHeaders: () => {
      ctx.rec.status = 200;
    },
  };
}

async function answerNonStreaming(ctx: RequestContext, s: GeneratedScenario, body: string, deltas: number, tps: number) {
  const fault = s.fault;
  if (fault?.type === 'drop') {
    ctx.rec.outcome = 'dropped';
    ctx.res.socket?.destroy();
    return;
  }
  if (fault?.type === 'stall') return waitForAbort(ctx.signal);
  if (tps > 0 && !(await sleepUntil(performance.now() + (deltas * 1000) / tps, ctx.signal))) return;
  if (fault?.type === 'error_event') {
    const type = fault.errorType ?? 'overloaded_error';
    return sendError(ctx, statusForErrorType(type), { errorType: type, message: fault.message ?? 'Overloaded' });
  }
  sendJson(ctx, 200, body);
}

export async function handleMessages(ctx: RequestContext, deps: MessagesDeps): Promise<void> {
  const request: MessagesRequestBody = validateMessagesRequest(ctx.rec.body, { strictRoles: deps.strictRoles === true });
  const s = resolveScenario(deps.nextScenario(), ctx.rec);
  ctx.rec.scenario = s.kind;
  switch (s.kind) {
    case 'http_error':
      return sendError(ctx, s.status, s);
    case 'replay': {
      let bytes: Buffer;
      if (s.file !== undefined) bytes = readFileSync(s.file);
      else if (s.sse !== undefined) bytes = Buffer.from(s.sse, 'utf8');
      else throw new HttpFailure(500, 'replay scenario needs `file` or `sse`', 'api_error');
      const chunks: WireChunk[] = splitSse(bytes);
      return writeSse(ctx.res, chunks, streamOptions(ctx, s.tokensPerSecond ?? deps.tokensPerSecond, s.fault));
    }
    default: {
      const plan = planMessage(s, request, deps.cache.apply(request));
      const tps = s.tokensPerSecond ?? deps.tokensPerSecond;
      if (request.stream === true) {
        return writeSse(ctx.res, plan.chunks, streamOptions(ctx, tps, s.fault, s.pingIntervalMs));
      }
      return answerNonStreaming(ctx, s, JSON.stringify(plan.message), plan.deltaCount, tps);
    }
  }
}
