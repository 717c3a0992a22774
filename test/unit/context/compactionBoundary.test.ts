import assert from 'node:assert/strict';
import { compactionBoundary, trimBoundary } from '../../../src/core/context/compactionBoundary';
import { compactedMessages, SUMMARY_ACK } from '../../../src/core/context/compactedView';
import type { Compaction } from '../../../src/core/context/compactionTypes';
import { assertValidShape, assistant, call, results, thinkingCall, user } from './history';

const compaction = (throughMessage: number, summary = 'The story so far.'): Compaction => ({ summary, throughMessage, model: 'claude-haiku-5-5', createdAt: 0 });

describe('compaction boundary', () => {
  it('keeps the last N messages when the cut lands on a message the person wrote', () => {
    const history = [user('a'), assistant('A'), user('b'), assistant('B'), user('c'), assistant('C')];
    assert.equal(compactionBoundary(history, 2), 4);
    assert.equal(compactionBoundary(history, 4), 2);
  });

  it('moves earlier rather than start on an assistant message', () => {
    const history = [user('a'), assistant('A'), user('b'), assistant('B'), user('c'), assistant('C')];
    assert.equal(compactionBoundary(history, 3), 2);
  });

  it('never separates a tool_use from its tool_result, nor starts on a lone tool_result', () => {
    const history = [
      user('a'),
      call('t1'),
      results(['t1']),
      assistant('A'),
      user('b'), // 4
      call('t2', 't3'),
      results(['t2', 't3']), // 6
      call('t4'),
      results(['t4']), // 8
      assistant('B'),
    ];
    for (let keep = 1; keep <= 5; keep++) assert.equal(compactionBoundary(history, keep), 4, `keep ${keep}`);
    assert.equal(compactionBoundary(history, 6), 4);
    assert.equal(compactionBoundary(history, 7), undefined, 'nothing before message 4 that opens a turn except the very first');
    for (let keep = 1; keep <= 6; keep++) assertValidShape(history.slice(compactionBoundary(history, keep)));
  });

  it('finds nothing to summarize when one long agent turn fills the recent window, or nothing is new since the last summary', () => {
    const history = [user('a'), thinkingCall('t1'), results(['t1']), thinkingCall('t2'), results(['t2']), thinkingCall('t3'), results(['t3'])];
    assert.equal(compactionBoundary(history, 3), undefined);
    const longer = [user('a'), assistant('A'), user('b'), assistant('B'), user('c'), assistant('C')];
    assert.equal(compactionBoundary(longer, 2, 4), undefined, 'the previous compaction already covers messages up to 4');
    assert.equal(compactionBoundary(longer, 2, 2), 4);
  });

  it('trims tool results only before the recent window', () => {
    assert.equal(trimBoundary([user('a'), assistant('A'), user('b')], 10), 0);
    assert.equal(trimBoundary(Array.from({ length: 15 }, () => user('x')), 10), 5);
  });
});

describe('compacted view', () => {
  it('is the summary, an acknowledgement, then the history from the boundary, in alternating roles', () => {
    const history = [user('a'), assistant('A'), user('b'), assistant('B'), user('c')];
    const view = compactedMessages(history, { compactions: [compaction(2)], trimmedThrough: 0 });
    assert.equal(view.length, 5);
    assert.equal(view[0]!.role, 'user');
    assert.match(JSON.stringify(view[0]!.content), /The story so far\./);
    assert.deepEqual(view[1], { role: 'assistant', content: [{ type: 'text', text: SUMMARY_ACK }] });
    assert.deepEqual(view.slice(2), history.slice(2));
    assertValidShape(view);
  });

  it('keeps every thinking block of the kept part byte for byte (the current tool loop above all)', () => {
    const history = [user('a'), thinkingCall('t1'), results(['t1']), assistant('A'), user('b'), thinkingCall('t2'), results(['t2']), thinkingCall('t3'), results(['t3'])];
    const boundary = compactionBoundary(history, 4)!;
    assert.equal(boundary, 4);
    const view = compactedMessages(history, { compactions: [compaction(boundary)], trimmedThrough: 0 });
    assert.deepEqual(view.slice(2), history.slice(4));
    assert.equal(view.at(-2), history.at(-2), 'the very same message objects go out');
    assertValidShape(view);
  });

  it('uses the latest compaction that fits the history and ignores one whose boundary does not open a turn', () => {
    const history = [user('a'), call('t1'), results(['t1']), assistant('A'), user('b'), assistant('B'), user('c')];
    const view = compactedMessages(history, { compactions: [compaction(4, 'first'), compaction(2, 'broken'), compaction(99, 'too far')], trimmedThrough: 0 });
    assert.match(JSON.stringify(view[0]!.content), /first/);
    assert.deepEqual(view.slice(2), history.slice(4));
    assert.deepEqual(compactedMessages(history, { compactions: [], trimmedThrough: 0 }), history);
  });
});
