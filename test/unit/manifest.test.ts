// package.json against the public contract (docs/CONTRACT.md, this repo's copy of the shared contract) and the code that backs it.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');
const nls = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
/** The manifest as English users see it: `%key%` placeholders resolved from package.nls.json. */
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'), (_key, value: unknown) => {
  const ref = typeof value === 'string' ? /^%(.+)%$/.exec(value) : null;
  if (!ref) return value;
  const text = nls[ref[1]!];
  if (text === undefined) throw new Error(`package.json refers to ${value}, which package.nls.json lacks`);
  return text;
});

function allSource(dir: string): string {
  return fs
    .readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => fs.readFileSync(path.join(root, dir, f), 'utf8'))
    .join('\n');
}

describe('manifest', () => {
  it('keeps every user-visible manifest string in package.nls.json, ready for translation', () => {
    const raw = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
    const c = JSON.parse(raw).contributes;
    const literal = [
      ...c.commands.map((cmd: { title: string }) => cmd.title),
      ...Object.values(c.configuration.properties).flatMap((p) => [(p as { description?: string }).description, (p as { markdownDescription?: string }).markdownDescription]),
    ].filter((text): text is string => typeof text === 'string' && !/^%.+%$/.test(text));
    assert.deepEqual(literal, []);
    const used = new Set([...raw.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]));
    assert.deepEqual(Object.keys(nls).filter((k) => !used.has(k)), [], 'package.nls.json has no unused keys');
  });

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
      'claudeCompanion.reviewCurrentFile': 'Review Current File',
      'claudeCompanion.reviewSelection': 'Review Selection',
      'claudeCompanion.reviewChanges': 'Review Uncommitted Changes',
      'claudeCompanion.clearReviewFindings': 'Clear Review Findings',
      'claudeCompanion.reviewWorkspace': 'Review Workspace (Batch, half price)',
      'claudeCompanion.showHistory': 'Show Conversation History',
    };
    const source = allSource('src');
    for (const cmd of pkg.contributes.commands) {
      assert.equal(cmd.category, 'Claude', cmd.command);
      if (titles[cmd.command]) assert.equal(cmd.title, titles[cmd.command]);
      assert.ok(source.includes(`'${cmd.command}'`), `${cmd.command} is not registered`);
    }
    for (const id of Object.keys(titles)) assert.ok(pkg.contributes.commands.some((c: { command: string }) => c.command === id), `${id} missing`);
  });

  it('puts New Chat and Show Conversation History in the chat view\'s title bar', () => {
    const inTitle = pkg.contributes.menus['view/title'].filter((m: { when: string }) => m.when === 'view == claudeCompanion.chat').map((m: { command: string }) => m.command);
    assert.deepEqual(inTitle, ['claudeCompanion.newChat', 'claudeCompanion.showHistory']);
    const history = pkg.contributes.commands.find((c: { command: string }) => c.command === 'claudeCompanion.showHistory');
    assert.equal(history?.icon, '$(history)');
  });

  it('declares the settings of the slice with sane defaults', () => {
    const props = pkg.contributes.configuration.properties;
    assert.equal(props['claudeCompanion.model'].default, 'claude-sonnet-5-5');
    for (const key of ['maxTokens', 'apiBaseUrl', 'systemPrompt', 'requestTimeoutSeconds', 'maxRetries']) {
      assert.ok(props[`claudeCompanion.${key}`], key);
    }
    assert.equal(props['claudeCompanion.apiBaseUrl'].default, '');
  });

  it('puts the review commands in the menus the contract names, with when clauses', () => {
    const menus = pkg.contributes.menus as Record<string, Array<{ command: string; when?: string }>>;
    const where = (id: string) => Object.entries(menus).filter(([, items]) => items.some((i) => i.command === id)).map(([menu]) => menu).sort();
    assert.deepEqual(where('claudeCompanion.reviewCurrentFile'), ['editor/context', 'editor/title', 'explorer/context']);
    assert.deepEqual(where('claudeCompanion.reviewSelection'), ['commandPalette', 'editor/context']);
    assert.deepEqual(where('claudeCompanion.reviewChanges'), ['scm/title']);
    const when = (menu: string, id: string) => menus[menu]!.find((i) => i.command === id)?.when ?? '';
    assert.match(when('editor/context', 'claudeCompanion.reviewSelection'), /editorHasSelection/);
    assert.match(when('explorer/context', 'claudeCompanion.reviewCurrentFile'), /!explorerResourceIsFolder/);
    assert.match(when('scm/title', 'claudeCompanion.reviewChanges'), /scmProvider == git/);
    assert.equal(pkg.contributes.configuration.properties['claudeCompanion.review.systemPrompt'].default, '');
  });

  it('keeps activation minimal (inferred from contributions)', () => {
    assert.deepEqual(pkg.activationEvents, []);
  });

  it('.vscodeignore is an allow-list', () => {
    const lines = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    assert.equal(lines[0], '**');
    assert.ok(lines.includes('!dist/extension.js'));
    assert.ok(!lines.some((l) => l.startsWith('!docs')), 'docs/ (the screenshot included) stays out of the .vsix');
  });

  it("the README's settings table lists every setting with package.json's default", () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const rows = new Map([...readme.matchAll(/^\| `([\w.]+)` \| ([^|]+) \|/gm)].map((m) => [m[1]!, m[2]!.trim()]));
    const props = pkg.contributes.configuration.properties as Record<string, { default: unknown }>;
    const keys = Object.keys(props).map((k) => k.replace(/^claudeCompanion\./, ''));
    assert.deepEqual([...rows.keys()].sort(), keys.sort());
    for (const key of keys) {
      const value = props[`claudeCompanion.${key}`]!.default;
      // Long lists are summarised in words; everything else must show the exact default.
      if (Array.isArray(value) && value.length > 0) continue;
      assert.equal(rows.get(key), `\`${typeof value === 'string' && value !== '' ? value : JSON.stringify(value)}\``, key);
    }
  });
});
