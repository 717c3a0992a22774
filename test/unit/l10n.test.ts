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
    assert.equal(fs.readFileSync(path.join(root, 'l10n', 'bundle.l10n.json'), 'utf8'), (await l10nScript()).bundleText(), 'run: node scripts/l10n-bundle.mjs');
  });

  it('no user-visible English in src/core or src/vscode skips t() / vscode.l10n.t() (messages, fields, exported constants)', async () => {
    assert.deepEqual((await l10nScript()).findUntranslated(), [], "wrap these in t() from src/core/l10n (core) or vscode.l10n.t (host), or mark model-facing text `// l10n-exempt: <why>`");
  });

  it('the scanner finds text in every user-visible field and exported constant, and skips translated, model-facing and code strings', async () => {
    const { untranslatedIn } = await l10nScript();
    const source = [
      "setTool(index, { status: 'awaiting_approval', summary: `wants to run ${spec.name}` });",
      "last.endNotice = { reason: 'interrupted', text: 'This answer was interrupted.', actions: ['continue'] };",
      "const item = { label: 'Built-in list: the model list could not be loaded', detail: `${a} context · ${b} max output` };",
      "box.placeHolder = x; vscode.window.showInputBox({ placeholder: 'Paste your key here' });",
      "post({ type: 'composerError', message: cond ? t('Translated {0}', x) : 'Not translated here' });",
      "export const UNTITLED = 'Untitled conversation';",
      "vscode.window.showWarningMessage('Stopped.');",
      "const ok = { title: t('A translated title'), label: vscode.l10n.t('Also {0}', 'fine'), text: `${name}` };",
      "export const CHAT_VIEW_ID = 'claudeCompanion.chat';",
      "return { reason: 'end_turn', message: 'model_context_window_exceeded' };",
      '// l10n-exempt: the system prompt is for the model',
      "export const PROMPT = 'You are Claude, working in the editor.';",
      "return { approved: false, reason: 'the task was stopped' }; // l10n-exempt: goes to the model in the tool result",
      "picker.placeholder = 'Loading models…';",
      '// A comment saying message: Something here is not a field',
      "const prompt = `Write the summary: what happened, in short`;",
      "const schema = { title: { type: 'string', description: 'The problem in a few words.' } };",
    ].join('\n');
    assert.deepEqual(
      untranslatedIn(source).map((f) => f.line),
      [1, 2, 3, 3, 4, 5, 6, 7, 14],
    );
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

interface L10nScript {
  bundleText(): string;
  findUntranslated(): string[];
  untranslatedIn(source: string): Array<{ line: number; text: string }>;
}

function l10nScript(): Promise<L10nScript> {
  return import(pathToFileURL(path.join(root, 'scripts', 'l10n-bundle.mjs')).href) as Promise<L10nScript>;
}
