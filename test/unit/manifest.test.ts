// package.json against the public contract (../shared/CONTRACT.md) and the code that backs it.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

function allSource(dir: string): string {
  return fs
    .readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => fs.readFileSync(path.join(root, dir, f), 'utf8'))
    .join('\n');
}

describe('manifest', () => {
  it('has the contract identity', () => {
    assert.equal(pkg.name, 'claude-companion');
    assert.equal(pkg.displayName, 'Claude Companion');
    assert.equal(pkg.main, './dist/extension.js');
  });

  it('targets a VS Code whose extension host runs Node 20+', () => {
    const m = /^\^(\d+)\.(\d+)\.\d+$/.exec(pkg.engines.vscode);
    assert.ok(m, pkg.engines.vscode);
    assert.ok(Number(m[1]) > 1 || Number(m[2]) >= 101, `engines.vscode ${pkg.engines.vscode} is older than 1.101`);
  });

  it('declares the view container and chat view', () => {
    assert.deepEqual(
      pkg.contributes.viewsContainers.activitybar.map((c: { id: string; title: string }) => [c.id, c.title]),
      [['claudeCompanion', 'Claude']],
    );
    const chat = pkg.contributes.views.claudeCompanion.find((v: { id: string }) => v.id === 'claudeCompanion.chat');
    assert.equal(chat?.type, 'webview');
    assert.equal(chat?.name, 'Chat');
  });

  it('every command is in category Claude, has a contract title and is registered in code', () => {
    const titles: Record<string, string> = {
      'claudeCompanion.newChat': 'New Chat',
      'claudeCompanion.stop': 'Stop Response',
      'claudeCompanion.setApiKey': 'Set API Key',
      'claudeCompanion.clearApiKey': 'Clear API Key',
      'claudeCompanion.showLog': 'Show Request Log',
    };
    const source = allSource('src');
    for (const cmd of pkg.contributes.commands) {
      assert.equal(cmd.category, 'Claude', cmd.command);
      if (titles[cmd.command]) assert.equal(cmd.title, titles[cmd.command]);
      assert.ok(source.includes(`'${cmd.command}'`), `${cmd.command} is not registered`);
    }
    for (const id of Object.keys(titles)) assert.ok(pkg.contributes.commands.some((c: { command: string }) => c.command === id), `${id} missing`);
  });

  it('declares the settings of the slice with sane defaults', () => {
    const props = pkg.contributes.configuration.properties;
    assert.equal(props['claudeCompanion.model'].default, 'claude-sonnet-5-5');
    for (const key of ['maxTokens', 'apiBaseUrl', 'systemPrompt', 'requestTimeoutSeconds', 'maxRetries']) {
      assert.ok(props[`claudeCompanion.${key}`], key);
    }
    assert.equal(props['claudeCompanion.apiBaseUrl'].default, '');
  });

  it('keeps activation minimal (inferred from contributions)', () => {
    assert.deepEqual(pkg.activationEvents, []);
  });

  it('.vscodeignore is an allow-list', () => {
    const lines = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    assert.equal(lines[0], '**');
    assert.ok(lines.includes('!dist/extension.js'));
  });
});
