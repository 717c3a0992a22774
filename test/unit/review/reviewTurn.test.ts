import assert from 'node:assert/strict';
import { ChatSession } from '../../../src/core/chat/chatSession';
import type { AssistantBlock, TurnResult } from '../../../src/core/claude/streamEvents';
import type { TurnRequest } from '../../../src/core/claude/turnStreamer';
import { buildReviewRequest } from '../../../src/core/review';
import { reviewAnswer, type ReviewResult } from '../../../src/core/review/reviewTurn';
import type { HostToWebview } from '../../../src/shared/protocol';

type Script = (req: TurnRequest) => Promise<TurnResult>;
const USAGE = { inputTokens: 100, outputTokens: 40, cacheReadTokens: 0, cacheWriteTokens: 0, cacheWrite1hTokens: 0, thinkingTokens: 0 };

function result(content: AssistantBlock[], stopReason = 'tool_use'): TurnResult {
  return { messageId: 'msg_r', model: 'claude-sonnet-5-5', content, stopReason, usage: USAGE };
}

/** Streams a report_findings call with the input in JSON chunks of `size`. */
function reportCall(input: unknown, size = 7): Script {
  return async (req) => {
    const json = JSON.stringify(input);
    req.onEvent({ type: 'messageStart', messageId: 'msg_r', model: 'claude-sonnet-5-5' });
    req.onEvent({ type: 'blockStart', index: 0, kind: 'tool_use', toolName: 'report_findings', toolUseId: 'toolu_1' });
    for (let i = 0; i < json.length; i += size) req.onEvent({ type: 'toolInputDelta', index: 0, partialJson: json.slice(i, i + size) });
    req.onEvent({ type: 'blockStop', index: 0 });
    return result([{ type: 'tool_use', id: 'toolu_1', name: 'report_findings', input }]);
  };
}

function textOnly(text: string, stopReason = 'end_turn'): Script {
  return async (req) => {
    req.onEvent({ type: 'blockStart', index: 0, kind: 'text' });
    req.onEvent({ type: 'textDelta', index: 0, text });
    req.onEvent({ type: 'blockStop', index: 0 });
    return result([{ type: 'text', text }], stopReason);
  };
}

function setup(scripts: Script[]) {
  const posted: HostToWebview[] = [];
  const requests: TurnRequest[] = [];
  const client = {
    streamTurn: (req: TurnRequest) => {
      requests.push({ ...req, messages: structuredClone(req.messages) });
      const next = scripts.shift();
      if (!next) throw new Error('no script');
      return next(req);
    },
  };
  const session = new ChatSession({ client, currentModel: () => 'claude-sonnet-5-5', hasApiKey: async () => true }, (m) => posted.push(m));
  const reports: ReviewResult[] = [];
  const review = () => session.runCustomTurn(request.title, request.messages[0]!.content, reviewAnswer({ streamer: client, request, languageId: 'javascript', onReport: (r) => reports.push(r) }));
  return { session, posted, requests, reports, review };
}

function shown(posted: HostToWebview[], role: 'user' | 'assistant'): string {
  const added = posted.filter((m): m is Extract<HostToWebview, { type: 'turnAdded' }> => m.type === 'turnAdded' && m.turn.role === role).at(-1)!;
  if (role === 'user') return added.turn.blocks[0]!.text;
  let text = '';
  for (const m of posted) if (m.type === 'blockDeltas' && m.turnId === added.turn.id) for (const d of m.deltas) text += d.text;
  return text;
}

const FILE = 'function average(values) {\n  return values.reduce(add, 0) / values.length;\n}\n';
const request = buildReviewRequest({ target: { kind: 'file', path: 'src/math.js', languageId: 'javascript', text: FILE } });
const REPORT = {
  findings: [{ severity: 'warning', line: 2, title: 'Divides by zero', detail: 'An empty list gives NaN.', suggestion: '  return values.length ? values.reduce(add, 0) / values.length : 0;' }],
  summary: 'Guard the empty case.',
};

describe('a review as a chat turn', () => {
  it('sends its own system prompt, tool and tool_choice, and no chat history', async () => {
    const { session, requests, review } = setup([textOnly('Hi!'), reportCall(REPORT)]);
    await session.send('hello');
    await review();
    const req = requests[1]!;
    assert.equal(req.system, request.system);
    assert.deepEqual(req.tools, request.tools);
    assert.deepEqual(req.toolChoice, { type: 'tool', name: 'report_findings' });
    assert.deepEqual(req.messages, request.messages, 'only the review message');
  });

  it('shows "Review <file>", streams the report as prose, and hands over validated findings', async () => {
    const { posted, reports, review } = setup([reportCall(REPORT)]);
    const end = await review();
    assert.deepEqual(end, { status: 'done' });
    assert.equal(shown(posted, 'user'), 'Review src/math.js');
    const prose = shown(posted, 'assistant');
    assert.match(prose, /^\*\*1\. Warning\*\* · line 2 · Divides by zero\n\nAn empty list gives NaN\./);
    assert.match(prose, /```javascript\n {2}return values.length/);
    assert.ok(prose.endsWith('**Summary.** Guard the empty case.'));
    const started = posted.find((m) => m.type === 'blockStarted');
    assert.equal(started?.type === 'blockStarted' && started.block.kind, 'text', 'the report shows as text, not a tool card');
    assert.equal(reports.length, 1);
    assert.deepEqual(reports[0]!.report.findings, REPORT.findings);
    assert.deepEqual(reports[0]!.scope, { path: 'src/math.js', lineCount: 3, firstLine: 1, lastLine: 3 });
  });

  it('keeps the review in the history as text, so a follow-up in the chat can refer to it', async () => {
    const { session, requests, review } = setup([reportCall(REPORT), textOnly('Because…')]);
    await review();
    await session.send('why?');
    const history = requests[1]!.messages;
    assert.deepEqual(history.map((m) => m.role), ['user', 'assistant', 'user']);
    assert.match(JSON.stringify(history[0]!.content), /1\| function average/);
    const answer = history[1]!.content as Array<{ type: string; text: string }>;
    assert.deepEqual(answer.map((b) => b.type), ['text']);
    assert.match(answer[0]!.text, /Divides by zero/);
    assert.equal(requests[1]!.system, undefined, 'the follow-up is a normal chat request');
    assert.equal(requests[1]!.toolChoice, undefined);
  });

  it('notes findings that had to be clamped or dropped under the report', async () => {
    const bad = { findings: [{ ...REPORT.findings[0]!, line: 40 }, { severity: 'fatal', line: 1, title: 'x', detail: 'y' }], summary: 's' };
    const { posted, reports, review } = setup([reportCall(bad)]);
    await review();
    assert.deepEqual(reports[0]!.report.findings.map((f) => [f.line, f.suggestion]), [[3, undefined]]);
    const prose = shown(posted, 'assistant');
    assert.match(prose, /Some findings needed fixing/);
    assert.match(prose, /Skipped: finding 2/);
    assert.match(prose, /Adjusted: finding 1: lines 40–40 moved to 3–3/);
  });

  it('a model that answers without calling report_findings fails the turn clearly; Retry repeats the review', async () => {
    const { session, posted, requests, reports, review } = setup([textOnly('Looks fine to me.'), reportCall(REPORT)]);
    const end = await review();
    assert.equal(end?.status, 'error');
    assert.equal(end?.error?.kind, 'review_not_reported');
    assert.match(end!.error!.title, /without reporting findings/);
    assert.deepEqual(end!.error!.actions, ['retry', 'selectModel']);
    assert.equal(reports.length, 0);
    assert.ok(posted.some((m) => m.type === 'turnEnded' && m.status === 'error'));
    await session.retry();
    assert.equal(requests[1]!.toolChoice?.type, 'tool', 'the retry is the review again, not a chat request');
    assert.equal(reports.length, 1);
  });

  it('a review cut off by max_tokens says how to fix it', async () => {
    const { review } = setup([textOnly('', 'max_tokens')]);
    const end = await review();
    assert.match(end!.error!.detail, /maxTokens/);
    assert.deepEqual(end!.error!.actions, ['openSettings', 'retry']);
  });

  it('a malformed report fails with the validation error', async () => {
    const { reports, review } = setup([reportCall({ summary: 'x', findings: 'none' })]);
    const end = await review();
    assert.equal(end?.error?.kind, 'review_malformed');
    assert.match(end!.error!.detail, /"findings" must be an array/);
    assert.equal(reports.length, 0);
  });

  it('a report streamed out of order is corrected with a snapshot', async () => {
    const reordered = { findings: [{ severity: 'info', line: 1, title: 'T', detail: 'D', endLine: 2 }], summary: 'S' };
    const { session, posted, review } = setup([reportCall(reordered, 5)]);
    await review();
    await new Promise((r) => setImmediate(r));
    const snap = posted.filter((m): m is Extract<HostToWebview, { type: 'snapshot' }> => m.type === 'snapshot').at(-1);
    assert.ok(snap, 'a snapshot was sent');
    const text = (await session.snapshot()).turns.at(-1)!.blocks[0]!.text;
    assert.match(text, /lines 1–2 · T/);
    assert.equal(snap.chat.turns.at(-1)!.blocks[0]!.text, text);
  });

  it('is refused while another turn streams', async () => {
    let release!: () => void;
    const held: Script = (req) => new Promise((resolve) => (release = () => resolve(textOnly('x')(req) as unknown as TurnResult)));
    const { session, review } = setup([held]);
    const chat = session.send('long question');
    assert.equal(await review(), undefined);
    release();
    await chat;
  });
});
