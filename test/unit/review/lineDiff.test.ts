import assert from 'node:assert/strict';
import { diffHunks, diffLines, splitLines } from '../../../src/core/review';

/** Replays a diff: the old side and the new side must come back exactly. */
function sides(lines: ReturnType<typeof diffLines>): { old: string[]; new: string[] } {
  return { old: lines.filter((l) => l.kind !== 'insert').map((l) => l.text), new: lines.filter((l) => l.kind !== 'delete').map((l) => l.text) };
}

function rng(seed: number): () => number {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

describe('line diff', () => {
  it('splits lines, ignoring one final newline and CRLF', () => {
    assert.deepEqual(splitLines(''), []);
    assert.deepEqual(splitLines('a\r\nb\n'), ['a', 'b']);
    assert.deepEqual(splitLines('a\n\n'), ['a', '']);
  });

  it('numbers every line on both sides', () => {
    const d = diffLines(['a', 'b', 'c'], ['a', 'x', 'c', 'd']);
    assert.deepEqual(
      d.map((l) => [l.kind, 'oldLine' in l ? l.oldLine : null, 'newLine' in l ? l.newLine : null, l.text]),
      [
        ['equal', 1, 1, 'a'],
        ['delete', 2, null, 'b'],
        ['insert', null, 2, 'x'],
        ['equal', 3, 3, 'c'],
        ['insert', null, 4, 'd'],
      ],
    );
  });

  it('is minimal and reproduces both sides on random edits', () => {
    const next = rng(7);
    for (let round = 0; round < 200; round++) {
      const a = Array.from({ length: Math.floor(next() * 30) }, () => String.fromCharCode(97 + Math.floor(next() * 4)));
      const b = a.filter(() => next() > 0.2).flatMap((x) => (next() > 0.8 ? [x, 'n'] : [x]));
      const d = diffLines(a, b);
      assert.deepEqual(sides(d), { old: a, new: b });
      // b is a plus inserts minus deletions, so an LCS at least as long as the kept lines exists.
      const equal = d.filter((l) => l.kind === 'equal').length;
      assert.ok(equal >= b.filter((x) => x !== 'n').length, `round ${round}: not minimal`);
    }
  });

  it('groups changes into hunks with three lines of context', () => {
    const old = Array.from({ length: 30 }, (_, i) => `l${i + 1}`);
    const now = [...old];
    now[4] = 'changed 5';
    now.splice(20, 1);
    const hunks = diffHunks(old.join('\n'), now.join('\n'));
    assert.equal(hunks.length, 2);
    assert.deepEqual([hunks[0]!.oldStart, hunks[0]!.oldCount, hunks[0]!.newStart, hunks[0]!.newCount], [2, 7, 2, 7]);
    assert.deepEqual([hunks[1]!.oldStart, hunks[1]!.oldCount, hunks[1]!.newStart, hunks[1]!.newCount], [18, 7, 18, 6]);
    assert.deepEqual(diffHunks('same\n', 'same\n'), []);
  });

  it('merges changes closer than twice the context', () => {
    const old = Array.from({ length: 20 }, (_, i) => `l${i + 1}`);
    const now = old.map((l, i) => (i === 3 || i === 9 ? `${l}!` : l));
    assert.equal(diffHunks(old.join('\n'), now.join('\n')).length, 1);
  });
});
