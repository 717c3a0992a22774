// Strings are ready for translation: the manifest's are in package.nls.json (see manifest.test.ts) and
// the panel's go through t(), collected in l10n/bundle.l10n.json, which must not fall behind the code.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { t } from '../../src/webview/l10n';

const root = path.resolve(__dirname, '..', '..', '..');

describe('l10n', () => {
  it('l10n/bundle.l10n.json lists every t() message in the source', async () => {
    const script = (await import(pathToFileURL(path.join(root, 'scripts', 'l10n-bundle.mjs')).href)) as { bundleText(): string };
    assert.equal(fs.readFileSync(path.join(root, 'l10n', 'bundle.l10n.json'), 'utf8'), script.bundleText(), 'run: node scripts/l10n-bundle.mjs');
  });

  it('fills placeholders and falls back to English without a bundle', () => {
    assert.equal(t('Remove {0}', 'a.png'), 'Remove a.png');
    assert.equal(t('{0}×{1} · ~{2} tokens', 1568, 1045, '2,185'), '1568×1045 · ~2,185 tokens');
    assert.equal(t('Keeps {1} when only {0} is given', 'x'), 'Keeps {1} when only x is given');
  });
});
