// The layering rule, checked on every `npm test`: core and shared code stay editor-free, and the
// webview bundle reaches the host only through the shared protocol.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');

function sourceFiles(dir: string): string[] {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) return [];
  return fs.readdirSync(abs, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => path.join(dir, f));
}

/** Import/require specifiers that survive compilation (type-only imports are erased). */
export function runtimeImports(source: string): string[] {
  const found: string[] = [];
  const importRe = /^\s*(import|export)\s+(?!type\s)([^'";]*?from\s+)?['"]([^'"]+)['"]/gm;
  for (const m of source.matchAll(importRe)) {
    const clause = m[2] ?? '';
    // `import { type A, type B } from 'x'` is erased too.
    const named = /^\{([^}]*)\}\s*from\s+$/.exec(clause.trim() + ' ');
    if (named && named[1]!.split(',').every((p) => !p.trim() || p.trim().startsWith('type '))) continue;
    found.push(m[3]!);
  }
  for (const m of source.matchAll(/\b(?:require|import)\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(m[1]!);
  return found;
}

describe('layering', () => {
  it('finds runtime imports and ignores type-only ones (self-check)', () => {
    assert.deepEqual(runtimeImports("import * as vscode from 'vscode';"), ['vscode']);
    assert.deepEqual(runtimeImports("import type * as vscode from 'vscode';"), []);
    assert.deepEqual(runtimeImports("import { type Uri } from 'vscode';"), []);
    assert.deepEqual(runtimeImports("const v = require('vscode');"), ['vscode']);
    assert.deepEqual(runtimeImports("import { window } from 'vscode';"), ['vscode']);
  });

  it('src/core and src/shared have no runtime vscode import', () => {
    const files = [...sourceFiles('src/core'), ...sourceFiles('src/shared')];
    assert.ok(files.length > 3, 'expected core sources');
    const offenders = files.filter((f) => runtimeImports(fs.readFileSync(path.join(root, f), 'utf8')).includes('vscode'));
    assert.deepEqual(offenders, []);
  });

  it('the webview imports neither host code, vscode nor the SDK', () => {
    const files = sourceFiles('src/webview');
    assert.ok(files.length > 0);
    const offenders: string[] = [];
    for (const f of files) {
      for (const spec of runtimeImports(fs.readFileSync(path.join(root, f), 'utf8'))) {
        if (spec === 'vscode' || spec.startsWith('@anthropic-ai/') || /(^|\/)(core|vscode)\//.test(spec)) offenders.push(`${f}: ${spec}`);
      }
    }
    assert.deepEqual(offenders, []);
  });

  it('src/shared imports nothing outside itself', () => {
    for (const f of sourceFiles('src/shared')) {
      for (const spec of runtimeImports(fs.readFileSync(path.join(root, f), 'utf8'))) assert.ok(spec.startsWith('./'), `${f} imports ${spec}`);
    }
  });
});
