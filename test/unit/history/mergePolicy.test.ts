import assert from 'node:assert/strict';
import { decideSave } from '../../../src/core/history/mergePolicy';
import type { ApiMessage } from '../../../src/core/claude/turnStreamer';

const m = (text: string): ApiMessage => ({ role: 'user', content: text });
const file = (revision: number, ...texts: string[]) => ({ revision, messages: texts.map(m) });

describe('merge policy', () => {
  it('writes a new file, or over the revision it last saw', () => {
    assert.equal(decideSave(undefined, [m('a')], undefined), 'write');
    assert.equal(decideSave(file(2, 'a', 'partial'), [m('a'), m('final')], { revision: 2, stableCount: 1 }), 'write');
  });

  it('never writes a new conversation over an existing file', () => {
    assert.equal(decideSave(file(1, 'a'), [m('a')], undefined), 'fork');
  });

  it('keeps the longer side when one only extends the other after the common part', () => {
    const base = { revision: 1, stableCount: 1 };
    assert.equal(decideSave(file(2, 'a', 'b'), [m('a'), m('b'), m('c')], base), 'write');
    assert.equal(decideSave(file(2, 'a', 'b', 'c'), [m('a'), m('b')], base), 'keepTheirs');
    assert.equal(decideSave(file(2, 'a', 'b'), [m('a')], base), 'keepTheirs');
  });

  it('forks when both sides added something different, or the common part changed', () => {
    const base = { revision: 1, stableCount: 1 };
    assert.equal(decideSave(file(2, 'a', 'theirs'), [m('a'), m('ours')], base), 'fork');
    assert.equal(decideSave(file(2, 'a', 'theirs'), [m('a'), m('ours'), m('more')], base), 'fork');
    assert.equal(decideSave(file(2, 'x', 'b'), [m('a'), m('b')], base), 'fork');
    assert.equal(decideSave(file(2), [m('a')], base), 'fork');
  });
});
