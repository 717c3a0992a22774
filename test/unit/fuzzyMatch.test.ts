import assert from 'node:assert/strict';
import { fuzzyMatch, rankFiles } from '../../src/core/files/fuzzyMatch';

describe('fuzzyMatch', () => {
  it('matches a case-insensitive subsequence and reports where', () => {
    const hit = fuzzyMatch('gts', 'src/greet.ts');
    assert.ok(hit);
    assert.equal(hit.matches.length, 3);
    assert.deepEqual(
      hit.matches.map((i) => 'src/greet.ts'[i]!.toLowerCase()),
      ['g', 't', 's'],
    );
    assert.ok(hit.matches.every((v, i, a) => i === 0 || v > a[i - 1]!), 'indices ascend');
  });

  it('refuses a path that does not contain the query in order', () => {
    assert.equal(fuzzyMatch('stg', 'src/greet.ts'), undefined);
    assert.equal(fuzzyMatch('zz', 'src/greet.ts'), undefined);
  });

  it('prefers the file name to the folders', () => {
    const ranked = rankFiles('view', ['src/view/a.ts', 'src/b/chatView.ts'], 10);
    assert.equal(ranked[0]!.path, 'src/b/chatView.ts');
  });

  it('prefers contiguous runs and word starts', () => {
    const ranked = rankFiles('cvp', ['src/covariance/plot.ts', 'src/vscode/chatViewProvider.ts'], 10);
    assert.equal(ranked[0]!.path, 'src/vscode/chatViewProvider.ts');
    const contiguous = rankFiles('greet', ['src/g/r/e/e/t.ts', 'src/greet.ts'], 10);
    assert.equal(contiguous[0]!.path, 'src/greet.ts');
  });

  it('highlights the best placement, not the first one', () => {
    const hit = fuzzyMatch('greet', 'src/gadgets/greet.ts');
    assert.deepEqual(hit?.matches, [12, 13, 14, 15, 16]);
  });

  it('an empty query lists every file, shortest first, and the list is capped', () => {
    const ranked = rankFiles('', ['a/b/c/d.ts', 'README.md', 'x.ts'], 2);
    assert.deepEqual(
      ranked.map((r) => r.path),
      ['x.ts', 'README.md'],
    );
  });

  it('ignores spaces in the query', () => {
    assert.ok(fuzzyMatch('greet ts', 'src/greet.ts'));
  });
});
