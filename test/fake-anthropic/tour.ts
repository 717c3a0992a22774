// The guided demo `npm start -- --fake` answers with instead of the echo: streamed Markdown with a code
// block and visible thinking, then the agent (list, read, a proposed edit awaiting approval), then a code
// review whose findings land in the Problems panel. Stateless: each answer is chosen from the request
// alone (how many messages the person typed, which tool results came back, whether it is a review), so
// it survives reloads, new chats and history.
import { text, thinking } from './scenarios';
import { continueAgentStep, startAgentStep } from './tour-agent';
import { answeredCalls, messageText, typedMessages, wantsThinking, type LooseRequest } from './tour-request';
import { isReviewRequest, reviewScenario } from './tour-review';
import type { RecordedRequest, Scenario, StaticScenario } from './types';

export interface TourOptions {
  /** Pacing in delta chunks per second (default 30: fast, but visibly streaming). */
  tokensPerSecond?: number;
}

/** What to do at each step, for the console (scripts/start.mjs) and the README. */
export const TOUR_STEPS: readonly string[] = [
  'Send any message: a streamed Markdown answer with visible thinking and a TypeScript code block.',
  'Send a second message: Claude lists the folder, reads a file and proposes an edit; Approve or Reject it in the diff.',
  'Open a file and run "Claude: Review Current File": findings land in the Problems panel with quick fixes.',
  'Type "tour" to start over; the tools step again with "tools".',
];

const INTRO_THINKING =
  'The user opened the demo. Show what the panel does with a real answer: Markdown as it streams, a code block ' +
  'with its toolbar, and this thinking block. Then tell them what to type next, so the tour goes on to the tools.';

const INTRO = [
  '## Welcome to Claude Companion',
  '',
  'This is the **demo tour**: the answers come from the built-in fake API (no key, no network), and everything ' +
    'around them is the real extension.',
  '',
  'What you are looking at:',
  '- **Thinking** streamed into the block above (click its title to open or close it).',
  '- This answer streams as **Markdown**: headings, lists, `inline code` and highlighted code blocks.',
  '- Each code block has **Copy**, **Insert at Cursor** and **Apply to File** (through the same approval diff as the agent).',
  '- Usage and cost show under each answer, the chat total above the message box.',
  '',
  '```typescript',
  '// Every answer streams in as deltas; the panel renders finished blocks once.',
  'export function greet(name: string): string {',
  '  return `Hello, ${name}!`;',
  '}',
  '```',
  '',
  '**Next:** send another message (for example *show me the tools*), and I will read a file in this folder and propose an edit for you to approve.',
].join('\n');

const WRAP_UP = [
  'That was the tour. A few more things to try:',
  '- **@** in the message box attaches a workspace file; paste or drop an image to attach it.',
  '- The clock in the view title bar opens the **conversation history**.',
  '- **Claude: Review Uncommitted Changes** (Source Control title bar) reviews your diff.',
  '- *Revert this turn* under an answer that changed files puts them back.',
  '',
  'Type **tour** to start over, or **tools** for the agent step again. With a real key (`npm start` with ' +
    '`ANTHROPIC_API_KEY` set), Claude answers for real.',
].join('\n');

function intro(req: LooseRequest, tps: number): StaticScenario {
  if (wantsThinking(req)) return thinking(INTRO_THINKING, INTRO, { tokensPerSecond: tps });
  const note = '\n\n*(Thinking is off for this model or in the Thinking menu under the message box; turn it on to see the thinking block.)*';
  return text(`${INTRO}${note}`, { tokensPerSecond: tps });
}

function answer(req: LooseRequest, tps: number): StaticScenario {
  if (isReviewRequest(req)) return reviewScenario(req, tps) ?? text('The review request showed no code to review.', { tokensPerSecond: tps });
  const calls = answeredCalls(req);
  if (calls.length > 0) return continueAgentStep(calls, tps) ?? text('Done.', { tokensPerSecond: tps });
  const typed = typedMessages(req);
  const said = messageText(typed.at(-1));
  // The compaction request (context.summaryModel) asks for a summary of the transcript.
  if (/^Summarize this conversation:/m.test(said)) return text('- The user took the Claude Companion demo tour (scripted answers from the fake API).');
  if (/\btour\b/i.test(said)) return intro(req, tps);
  if (/\b(tools?|edit|read)\b/i.test(said)) return startAgentStep(req, tps, wantsThinking(req));
  if (typed.length <= 1) return intro(req, tps);
  if (typed.length === 2) return startAgentStep(req, tps, wantsThinking(req));
  return text(WRAP_UP, { tokensPerSecond: tps });
}

/** The tour as the fake's default answer: `fake.setDefault(tourScenario())`. */
export function tourScenario(opts: TourOptions = {}): Scenario {
  const tps = opts.tokensPerSecond ?? 30;
  return (rec: RecordedRequest) => answer((rec.body ?? {}) as LooseRequest, tps);
}
