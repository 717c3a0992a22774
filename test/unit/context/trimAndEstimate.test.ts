import assert from 'node:assert/strict';
import type { ApiMessage } from '../../../src/core/claude/turnStreamer';
import { compactedMessages } from '../../../src/core/context/compactedView';
import { summaryPrompt } from '../../../src/core/context/summaryRequest';
import { estimateTokens, IMAGE_TOKENS } from '../../../src/core/context/tokenEstimate';
import { TRIM_TOOL_RESULTS_OVER, trimToolResults, trimmedNote } from '../../../src/core/context/toolResultTrim';
import { assertValidShape, assistant, call, results, thinkingCall, user } from './history';

const big = 'x'.repeat(TRIM_TOOL_RESULTS_OVER + 500);

describe('trimming old tool results', () => {
  it('replaces large results in the range with a note and keeps the block, its id and is_error', () => {
    const history: ApiMessage[] = [
      user('a'),
      call('t1', 't2'),
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: big }, { type: 'tool_result', tool_use_id: 't2', content: 'small', is_error: true }] },
      assistant('A'),
    ];
    const trimmed = trimToolResults(history, 0, 3);
    assert.deepEqual(trimmed[2], {
      role: 'user',
      content: [{ type: 'tool_result', tool_use_id: 't1', content: trimmedNote(big.length) }, { type: 'tool_result', tool_use_id: 't2', content: 'small', is_error: true }],
    });
    assert.equal(trimmed[1], history[1], 'untouched messages are shared, not copied');
    assert.equal(trimmed[3], history[3]);
    assert.equal((history[2]!.content as Array<{ content: string }>)[0]!.content, big, 'the history itself is not changed');
    assertValidShape(trimmed);
  });

  it('measures block-list content too, and leaves results outside the range alone', () => {
    const listResult: ApiMessage = { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: [{ type: 'text', text: big }] }] };
    const history = [user('a'), call('t1'), listResult, assistant('A'), user('b'), call('t2'), results(['t2'], big)];
    const trimmed = trimToolResults(history, 0, 4);
    assert.equal((trimmed[2]!.content as Array<{ content: unknown }>)[0]!.content, trimmedNote(big.length));
    assert.equal(trimmed[6], history[6], 'a recent result stays in full');
  });

  it('applies in the compacted view only between the summary and the trim boundary, thinking untouched', () => {
    const history = [user('a'), thinkingCall('t1'), results(['t1'], big), assistant('A'), user('b'), thinkingCall('t2'), results(['t2'], big), assistant('B'), user('c')];
    const view = compactedMessages(history, { compactions: [], trimmedThrough: 7 });
    assert.equal(view.length, history.length);
    assert.match(JSON.stringify(view[2]), /\[trimmed: 2500 chars\]/);
    assert.match(JSON.stringify(view[6]), /\[trimmed: 2500 chars\]/);
    assert.deepEqual(view[1], history[1]);
    assert.deepEqual(view[5], history[5], 'thinking blocks and signatures are never edited');
  });
});

describe('token estimate', () => {
  it('is about four characters per token of the request JSON', () => {
    const messages = [user('y'.repeat(4000))];
    const tokens = estimateTokens({ messages });
    assert.ok(tokens >= 1000 && tokens < 1030, `${tokens}`);
    assert.ok(estimateTokens({ messages, system: 'z'.repeat(400) }) >= tokens + 100);
  });

  it('counts an image by what the API charges, not by its base64 size', () => {
    const image = { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'A'.repeat(400_000) } };
    const tokens = estimateTokens({ messages: [{ role: 'user', content: [image, { type: 'text', text: 'what is this?' }] }] });
    assert.ok(tokens >= IMAGE_TOKENS && tokens < IMAGE_TOKENS + 50, `${tokens}`);
  });
});

describe('summary request', () => {
  it('renders the old messages as plain text: what people said, tool calls and results, no thinking', () => {
    const history = [user('Fix the parser'), thinkingCall('t1', 'SECRET-SCRATCH'), results(['t1'], 'export function parse() {}'), assistant('Done: parse() now handles tabs.')];
    const { system, prompt } = summaryPrompt(history);
    assert.match(system, /summarize/i);
    assert.match(prompt, /User: Fix the parser/);
    assert.match(prompt, /Claude called read_file \{"path":"t1\.ts"\}/);
    assert.match(prompt, /Tool result: export function parse\(\) \{\}/);
    assert.match(prompt, /Claude: Done: parse\(\) now handles tabs\./);
    assert.doesNotMatch(prompt, /SECRET-SCRATCH/);
  });

  it('folds in the previous summary and shortens very long blocks', () => {
    const { prompt } = summaryPrompt([user('q'.repeat(50_000)), assistant('ok')], 'Earlier: we set up the repo.');
    assert.match(prompt, /<earlier_summary>\nEarlier: we set up the repo\.\n<\/earlier_summary>/);
    assert.match(prompt, /characters left out/);
    assert.ok(prompt.length < 10_000, `${prompt.length}`);
  });
});
