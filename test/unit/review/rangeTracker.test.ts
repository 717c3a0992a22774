import assert from 'node:assert/strict';
import { RangeTracker, changesBetween, trackSpan, type TextChange } from '../../../src/core/review/rangeTracker';

const change = (sl: number, sc: number, el: number, ec: number, text: string): TextChange => ({ start: { line: sl, character: sc }, end: { line: el, character: ec }, text });
const span = { start: 5, end: 7 };

describe('range tracker', () => {
  it('edits below leave a finding alone', () => {
    assert.equal(trackSpan(span, change(8, 0, 8, 3, 'x\ny\n')), span);
    assert.equal(trackSpan(span, change(20, 0, 25, 0, '')), span);
  });

  it('edits above move it by the lines they add or remove', () => {
    assert.deepEqual(trackSpan(span, change(1, 4, 1, 4, '\n\n')), { start: 7, end: 9 });
    assert.deepEqual(trackSpan(span, change(1, 0, 3, 0, '')), { start: 3, end: 5 });
    assert.equal(trackSpan(span, change(2, 0, 2, 5, 'words')), span, 'same-line edits above change nothing');
  });

  it('Enter at the end of the line above, or whole lines inserted at its start, move it', () => {
    assert.deepEqual(trackSpan(span, change(4, 12, 4, 12, '\n')), { start: 6, end: 8 });
    assert.deepEqual(trackSpan(span, change(5, 0, 5, 0, '// note\n')), { start: 6, end: 8 });
    assert.deepEqual(trackSpan(span, change(3, 0, 5, 0, '')), { start: 3, end: 5 }, 'whole lines deleted right above');
  });

  it('edits that touch its lines clear it', () => {
    assert.equal(trackSpan(span, change(5, 2, 5, 2, 'x')), undefined);
    assert.equal(trackSpan(span, change(7, 0, 7, 1, '')), undefined);
    assert.equal(trackSpan(span, change(6, 0, 6, 0, '\n')), undefined);
    assert.equal(trackSpan(span, change(5, 0, 5, 0, 'x')), undefined, 'text joined to its first line');
    assert.equal(trackSpan(span, change(4, 3, 5, 0, '')), undefined, 'joining the line above onto it');
    assert.equal(trackSpan(span, change(0, 0, 100, 0, 'all new')), undefined, 'the whole document replaced');
  });

  it('tracks several findings through one event of changes, applied in order', () => {
    const t = new RangeTracker<string>();
    t.set('a', { start: 2, end: 2 });
    t.set('b', { start: 10, end: 12 });
    t.set('c', { start: 20, end: 20 });
    const { moved, cleared } = t.apply([change(0, 0, 0, 0, 'x\n'), change(11, 0, 11, 4, 'edit'), change(4, 0, 4, 0, '\n')]);
    assert.deepEqual(t.get('a'), { start: 3, end: 3 });
    assert.equal(t.get('b'), undefined);
    assert.deepEqual(t.get('c'), { start: 22, end: 22 });
    assert.deepEqual([...moved].sort(), ['a', 'c']);
    assert.deepEqual(cleared, ['b']);
    assert.equal(t.size, 2);
  });

  it('a finding moved and then cleared in the same event is reported only as cleared', () => {
    const t = new RangeTracker<number>();
    t.set(1, { start: 4, end: 4 });
    const r = t.apply([change(0, 0, 0, 0, '\n'), change(5, 0, 5, 1, '')]);
    assert.deepEqual(r, { moved: [], cleared: [1] });
  });

  it('changesBetween: a file edited since it was reviewed keeps findings above, moves those below, clears the edited ones', () => {
    const before = 'a\nb\nc\nd\ne\n';
    const after = 'a\nB1\nB2\nc\nd\ne\n'.replace('c\n', 'c\n');
    const t = new RangeTracker<string>();
    t.set('above', { start: 0, end: 0 });
    t.set('edited', { start: 1, end: 1 });
    t.set('below', { start: 3, end: 4 });
    t.apply(changesBetween(before, after));
    assert.deepEqual(t.get('above'), { start: 0, end: 0 });
    assert.equal(t.get('edited'), undefined);
    assert.deepEqual(t.get('below'), { start: 4, end: 5 });
    assert.deepEqual(changesBetween(before, before), []);
  });
});
