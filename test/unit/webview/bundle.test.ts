// The built webview bundle: highlight.js and its grammars are chunks loaded on demand, not part of the
// chat.js every panel load parses. Runs on dist/ as built by `npm test` (node esbuild.js).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { skipBecause } from '../../support/skip';

const dist = path.resolve(__dirname, '..', '..', '..', '..', 'dist', 'webview');

describe('webview bundle', () => {
  before(function () {
    if (!fs.existsSync(path.join(dist, 'chat.js'))) skipBecause(this, 'dist/webview/chat.js is not built: run `node esbuild.js` first');
  });

  it('keeps highlight.js and every grammar out of chat.js, in chunks of their own', () => {
    const files = fs.readdirSync(dist);
    const chat = fs.readFileSync(path.join(dist, 'chat.js'), 'utf8');
    const grammar = files.find((f) => /^typescript-[A-Z0-9]+\.js$/.test(f));
    assert.ok(grammar, `a TypeScript grammar chunk: ${files.join(', ')}`);
    assert.match(fs.readFileSync(path.join(dist, grammar), 'utf8'), /name:\s*"TypeScript"/);
    assert.doesNotMatch(chat, /name:\s*"TypeScript"/, 'chat.js holds the TypeScript grammar');
    assert.doesNotMatch(chat, /highlightAuto|Falling back to no-highlight mode/, 'chat.js holds the highlight.js core');
    // chat.js reaches grammars only through dynamic import().
    const staticImports = [...chat.matchAll(/^import\s*(?:[^'"]*from\s*)?["']\.\/([^"']+)["']/gm)].map((m) => m[1]);
    assert.ok(staticImports.every((f) => /^chunk-/.test(f!)), `static imports: ${staticImports.join(', ')}`);
  });
});
