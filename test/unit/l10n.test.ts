// Strings are ready for translation: the manifest's are in package.nls.json (see manifest.test.ts) and
// the panel's go through t(), collected in l10n/bundle.l10n.json, which must not fall behind the code.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { t } from '../../src/webview/l10n';
import { setTranslator } from '../../src/core/l10n';
import { StalledStreamError, toErrorInfo } from '../../src/core/claude/errors';

const root = path.resolve(__dirname, '..', '..', '..');

describe('l10n', () => {
  it('l10n/bundle.l10n.json lists every t() message in the source', async () => {
    const script = (await import(pathToFileURL(path.join(root, 'scripts', 'l10n-bundle.mjs')).href)) as { bundleText(): string };
    assert.equal(fs.readFileSync(path.join(root, 'l10n', 'bundle.l10n.json'), 'utf8'), script.bundleText(), 'run: node scripts/l10n-bundle.mjs');
  });

  it('the host shows no English text without vscode.l10n.t (notifications, status bar messages, input boxes)', () => {
    const offenders: string[] = [];
    for (const file of tsFiles(path.join(root, 'src', 'vscode'))) {
      const source = fs.readFileSync(file, 'utf8');
      for (const m of source.matchAll(/(?:show(?:Information|Warning|Error)Message|setStatusBarMessage)\(|\b(?:title|prompt):\s*(?=['"`])/g)) {
        const arg = firstArgument(source, (m.index ?? 0) + m[0].length);
        // Prose in a literal (two letters in a row, outside a $(codicon)) must come from l10n.t.
        const prose = /(['"`])(?:(?!\1)[^$]|\$(?!\())*?[A-Za-z]{2}/.test(arg.replace(/\$\([\w-]+\)/g, ''));
        if (prose && !arg.includes('l10n.t(')) offenders.push(`${path.relative(root, file)}: ${arg.slice(0, 80)}`);
      }
    }
    assert.deepEqual(offenders, [], 'wrap these in vscode.l10n.t');
  });

  it('the core builds no English text for the user without t() (error titles and details, messages, reasons)', () => {
    const offenders: string[] = [];
    const sources = tsFiles(path.join(root, 'src', 'core')).filter((f) => !f.includes(`${path.sep}generated${path.sep}`));
    for (const file of sources) {
      const source = fs.readFileSync(file, 'utf8');
      for (const m of source.matchAll(/\b(?:title|detail|message|reason):\s*(?=['"`])|\binfo\(\s*(?=['"`])/g)) {
        const arg = firstArgument(source, (m.index ?? 0) + m[0].length);
        // Words with a space between them in a literal are prose; codes such as 'end_turn' are not.
        if (/(['"`])(?:(?!\1).)*?[A-Za-z]{2,}[,.]?\s+[A-Za-z(]/.test(arg) && !/^\s*t\(/.test(arg)) offenders.push(`${path.relative(root, file)}: ${arg.slice(0, 80)}`);
      }
    }
    assert.deepEqual(offenders, [], "wrap these in t() from src/core/l10n");
  });

  it("the core's text goes through the translator the editor installs, in every bundle's copy of the module", () => {
    setTranslator((message, ...args) => `«${message}» ${args.join(',')}`);
    try {
      assert.equal(toErrorInfo(new StalledStreamError(30)).title, '«The response stalled: nothing arrived for {0} s.» 30');
      // engine.js has its own copy of src/core/l10n: a fresh copy of the module must see the translator too.
      const file = path.join(__dirname, '..', '..', 'src', 'core', 'l10n.js');
      const copy = { exports: {} as { t?: (message: string) => string } };
      new Function('exports', 'require', 'module', fs.readFileSync(file, 'utf8'))(copy.exports, createRequire(file), copy);
      assert.equal(copy.exports.t?.('Stopped.'), '«Stopped.» ');
    } finally {
      setTranslator(undefined);
    }
    assert.equal(toErrorInfo(new StalledStreamError(30)).title, 'The response stalled: nothing arrived for 30 s.');
  });

  it('fills placeholders and falls back to English without a bundle', () => {
    assert.equal(t('Remove {0}', 'a.png'), 'Remove a.png');
    assert.equal(t('{0}×{1} · ~{2} tokens', 1568, 1045, '2,185'), '1568×1045 · ~2,185 tokens');
    assert.equal(t('Keeps {1} when only {0} is given', 'x'), 'Keeps {1} when only x is given');
  });
});

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tsFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

/** The text of a call's first argument (or an option's value) starting at `from`: up to a top-level comma or closing bracket. */
function firstArgument(source: string, from: number): string {
  let depth = 0;
  let quote: string | undefined;
  for (let i = from; i < source.length; i++) {
    const c = source[i] as string;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}' || c === ',') {
      if (depth === 0) return source.slice(from, i);
      if (c !== ',') depth--;
    }
  }
  return source.slice(from);
}
