// Fence info strings: the language for highlighting and the file a block is meant for (Apply to File).
import assert from 'node:assert/strict';
import { grammarFor, parseFenceInfo } from '../../../src/webview/codeFence';

describe('code fence info', () => {
  it('reads the language and a path given in any of the usual forms', () => {
    assert.deepEqual(parseFenceInfo('ts'), { language: 'ts' });
    assert.deepEqual(parseFenceInfo(''), { language: '' });
    assert.deepEqual(parseFenceInfo('ts path=src/a.ts'), { language: 'ts', path: 'src/a.ts' });
    assert.deepEqual(parseFenceInfo('ts file="src/my file.ts"'), { language: 'ts', path: 'src/my file.ts' });
    assert.deepEqual(parseFenceInfo('ts src/a.ts'), { language: 'ts', path: 'src/a.ts' });
    assert.deepEqual(parseFenceInfo('python:tools/run.py'), { language: 'python', path: 'tools/run.py' });
    assert.deepEqual(parseFenceInfo('src/a.ts'), { language: 'ts', path: 'src/a.ts' });
    assert.deepEqual(parseFenceInfo('json package.json'), { language: 'json', path: 'package.json' });
    assert.deepEqual(parseFenceInfo('JS {linenos}'), { language: 'js' });
  });

  it('maps the names people write to the grammars that can be loaded', () => {
    assert.equal(grammarFor('ts'), 'typescript');
    assert.equal(grammarFor('tsx'), 'typescript');
    assert.equal(grammarFor('sh'), 'bash');
    assert.equal(grammarFor('html'), 'xml');
    assert.equal(grammarFor('klingon'), undefined);
    assert.equal(grammarFor('constructor'), undefined, 'no prototype names');
  });
});
