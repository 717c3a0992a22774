// Reviews and attachments obey the tools' file rules in the real editor: Review Uncommitted Changes leaves
// out secret-looking, ignored and .claudeignore'd files and symbolic links leaving the workspace (the chat
// says which and why, and nothing of theirs reaches the API), and Review Current File, Review Selection and
// Add Selection to Chat on `.env` ask in a modal first.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CompanionApi } from '../../src/vscode/testApi';
import { reportFindings, type FakeAnthropic } from '../fake-anthropic';
import { useExtensionWithFake, workspaceRoot } from './support';

interface SentRequest {
  messages: Array<{ role: string; content: string | Array<{ type: string; text?: string }> }>;
}

const LEAKS = ['sk-leak-env', 'BEGIN-LEAK-PEM', 'leak-claudeignored', 'leak-gitignored', 'leak-outside-link'];

describe('hostile workspace: review inputs in the editor', () => {
  let fake: FakeAnthropic;
  let api: CompanionApi;
  let root: string;
  let base: string;
  let outside: string;
  const sent = () => fake.requests.filter((r) => r.path === '/v1/messages').map((r) => JSON.stringify(r.body as SentRequest));
  const userTurns = async () => (await api.session.snapshot()).turns.filter((t) => t.role === 'user').map((t) => t.blocks.map((b) => b.text).join(''));

  useExtensionWithFake((f, a) => ([fake, api] = [f, a]), { freshChat: true });

  before(() => {
    root = workspaceRoot();
    base = path.join(root, 'hostile-review');
    outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cc-hostile-review-')));
    fs.writeFileSync(path.join(outside, 'hosts'), '127.0.0.1 leak-outside-link\n');
  });

  after(async () => {
    await vscode.commands.executeCommand('claudeCompanion.clearReviewFindings');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(base, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });

  /** A Git repository below the workspace, open in the Git extension while `body` runs, then closed and removed. */
  async function withRepo(name: string, setup: (repo: string, git: (...args: string[]) => void) => void, body: (repo: string) => Promise<void>): Promise<void> {
    const repo = path.join(base, name);
    fs.mkdirSync(repo, { recursive: true });
    const git = (...args: string[]) => void execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], { cwd: repo });
    git('init', '-q');
    setup(repo, git);
    const gitApi = vscode.extensions.getExtension<{ getAPI(v: 1): { openRepository(u: vscode.Uri): Promise<unknown> } }>('vscode.git')!;
    await (await gitApi.activate()).getAPI(1).openRepository(vscode.Uri.file(repo));
    try {
      await body(repo);
    } finally {
      // Closed before it is deleted, so later reviews of uncommitted changes do not see it.
      await vscode.commands.executeCommand('git.close', vscode.Uri.file(repo));
      fs.rmSync(repo, { recursive: true, force: true });
    }
  }

  /** A root .claudeignore for the duration of `body` (the tools read only the folder's root one). */
  async function withClaudeignore(lines: string, body: () => Promise<void>): Promise<void> {
    const file = path.join(root, '.claudeignore');
    const saved = fs.existsSync(file) ? fs.readFileSync(file) : undefined;
    fs.writeFileSync(file, `${saved ? `${saved.toString()}\n` : ''}${lines}`);
    try {
      await body();
    } finally {
      if (saved === undefined) fs.rmSync(file, { force: true });
      else fs.writeFileSync(file, saved);
    }
  }

  it('Review Uncommitted Changes leaves out .env, secrets.pem, .claudeignore\'d, tracked .gitignore\'d files and a link leaving the workspace, and says why', async () => {
    await withClaudeignore('hostile-review/mixed/private/\n', () =>
      withRepo(
        'mixed',
        (repo, git) => {
          fs.writeFileSync(path.join(repo, 'calc.js'), 'const a = 1;\n');
          fs.mkdirSync(path.join(repo, 'dist'));
          fs.writeFileSync(path.join(repo, 'dist', 'app.js'), 'built();\n');
          git('add', '.');
          git('commit', '-qm', 'init');
          // Ignored after it was committed: git still reports its changes.
          fs.writeFileSync(path.join(repo, '.gitignore'), 'dist/\n');
          git('add', '.gitignore');
          git('commit', '-qm', 'ignore dist');
          fs.writeFileSync(path.join(repo, 'calc.js'), 'const a = 1;\nconst b = a + 1;\n');
          fs.writeFileSync(path.join(repo, 'dist', 'app.js'), 'built("leak-gitignored");\n');
          fs.writeFileSync(path.join(repo, '.env'), 'API_KEY=sk-leak-env\n');
          fs.writeFileSync(path.join(repo, 'secrets.pem'), '-----BEGIN-LEAK-PEM-----\n');
          fs.mkdirSync(path.join(repo, 'private'));
          fs.writeFileSync(path.join(repo, 'private', 'notes.md'), 'leak-claudeignored\n');
          fs.symlinkSync(path.join(outside, 'hosts'), path.join(repo, 'hosts'));
        },
        async () => {
          fake.enqueue(reportFindings({ findings: [], summary: 'Fine.' }));
          await vscode.commands.executeCommand('claudeCompanion.reviewChanges');

          const bodies = sent();
          assert.equal(bodies.length, 1, 'only calc.js is reviewed');
          assert.match(bodies[0]!, /uncommitted changes to hostile-review\/mixed\/calc\.js/);
          for (const leak of LEAKS) assert.ok(!bodies[0]!.includes(leak), `${leak} reached the API`);

          const [shown] = await userTurns();
          assert.match(shown!, /^Review changes in hostile-review\/mixed\/calc\.js\n\nLeft out of this review, 5 files/);
          const reasons: Array<[string, RegExp]> = [
            ['.env', /secret patterns \(`\.env\*`\)/],
            ['secrets.pem', /secret patterns \(`\*\.pem`\)/],
            ['private/notes.md', /\.claudeignore/],
            ['dist/app.js', /`dist\/` in hostile-review\/mixed\/\.gitignore/],
            ['hosts', /outside the workspace/],
          ];
          for (const [file, why] of reasons) {
            const line = shown!.split('\n').find((l) => l.startsWith(`- hostile-review/mixed/${file}: `));
            assert.ok(line, `${file} is listed: ${shown}`);
            assert.match(line, why);
          }
        },
      ),
    );
  });

  it('when every change is left out, the chat says so and no request is sent', async () => {
    await withRepo(
      'secrets-only',
      (repo, git) => {
        fs.writeFileSync(path.join(repo, 'README.md'), 'hi\n');
        git('add', '.');
        git('commit', '-qm', 'init');
        fs.writeFileSync(path.join(repo, '.env.local'), 'API_KEY=sk-leak-env\n');
      },
      async () => {
        await vscode.commands.executeCommand('claudeCompanion.reviewChanges');
        assert.equal(sent().length, 0, 'no request');
        const chat = await api.session.snapshot();
        const [shown] = await userTurns();
        assert.match(shown!, /^Review uncommitted changes\n\nLeft out of this review \(Claude's tools may not read it either\):\n- hostile-review\/secrets-only\/\.env\.local: .*secret patterns/);
        const answer = chat.turns.at(-1)!;
        assert.equal(answer.role, 'assistant');
        assert.match(answer.blocks.map((b) => b.text).join(''), /Nothing was sent to Claude/);
      },
    );
  });

  it('a file renamed from .env is reviewed as new: its text at HEAD is not sent', async () => {
    await withRepo(
      'renamed',
      (repo, git) => {
        // Mostly the same lines after the rename, so git reports a rename (not a delete and an add).
        const settings = Array.from({ length: 12 }, (_, i) => `SETTING_${i}=${i}`).join('\n');
        fs.writeFileSync(path.join(repo, '.env'), `${settings}\nAPI_KEY=sk-leak-env\n`);
        git('add', '-f', '.env');
        git('commit', '-qm', 'init');
        git('mv', '.env', 'config.txt');
        fs.writeFileSync(path.join(repo, 'config.txt'), `${settings}\nAPI_KEY=\n`);
        git('add', 'config.txt');
      },
      async () => {
        fake.enqueue(reportFindings({ findings: [], summary: 'Fine.' }));
        await vscode.commands.executeCommand('claudeCompanion.reviewChanges');
        const bodies = sent();
        assert.equal(bodies.length, 1);
        assert.match(bodies[0]!, /uncommitted changes to hostile-review\/renamed\/config\.txt/);
        assert.ok(!bodies[0]!.includes('sk-leak-env'), 'the old .env text reached the API');
      },
    );
  });

  describe('the commands that send one file ask first', () => {
    let envFile: vscode.Uri;
    // Optional here only so that the suite says what fails against a build without the questions.
    const dialogs = () => (api as Partial<CompanionApi>).accessDialogs;
    const asked = () => dialogs()?.asked ?? [];

    before(() => {
      fs.mkdirSync(base, { recursive: true });
      envFile = vscode.Uri.file(path.join(base, '.env'));
      fs.writeFileSync(envFile.fsPath, 'API_KEY=sk-leak-env\nDEBUG=1\n');
    });

    // Every question is answered Cancel unless a test scripts Send Anyway.
    beforeEach(() => dialogs()?.answerWith([]));

    after(async () => {
      dialogs()?.answerWith(undefined);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    const assertAskedOnce = (what: RegExp) => {
      assert.equal(asked().length, 1, 'one question');
      assert.match(asked()[0]!.message, what);
      assert.match(asked()[0]!.detail, /secret patterns \(`\.env\*`\)/);
    };

    it('Review Current File on .env asks first, and Cancel sends nothing', async () => {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(envFile));
      await vscode.commands.executeCommand('claudeCompanion.reviewCurrentFile');
      assertAskedOnce(/Send hostile-review\/\.env to Claude for review\?/);
      assert.equal(sent().length, 0);
      assert.deepEqual(await userTurns(), []);
    });

    it('Review Current File on .env from the explorer asks too', async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.commands.executeCommand('claudeCompanion.reviewCurrentFile', envFile);
      assertAskedOnce(/Send hostile-review\/\.env to Claude for review\?/);
      assert.equal(sent().length, 0);
    });

    it('Review Selection on .env asks first, and Cancel sends nothing', async () => {
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(envFile));
      editor.selection = new vscode.Selection(0, 0, 1, 0);
      await vscode.commands.executeCommand('claudeCompanion.reviewSelection');
      assertAskedOnce(/Send hostile-review\/\.env to Claude for review\?/);
      assert.equal(sent().length, 0);
      assert.deepEqual(await userTurns(), []);
    });

    it('Add Selection to Chat on .env asks first, and Cancel attaches nothing', async () => {
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(envFile));
      editor.selection = new vscode.Selection(0, 0, 0, 5);
      await vscode.commands.executeCommand('claudeCompanion.addSelectionToChat');
      assertAskedOnce(/Add hostile-review\/\.env to the chat\?/);
      assert.deepEqual((await api.session.snapshot()).attachments, []);
    });

    it('Send Anyway is the deliberate way through: the review is sent', async () => {
      dialogs()?.answerWith([true]);
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(envFile));
      fake.enqueue(reportFindings({ findings: [], summary: 'Fine.' }));
      await vscode.commands.executeCommand('claudeCompanion.reviewCurrentFile');
      assert.equal(asked().length, 1);
      assert.equal(sent().length, 1);
      assert.ok(sent()[0]!.includes('sk-leak-env'), 'the user chose to send it');
    });

    it('a file the tools may read is reviewed without a question', async () => {
      const plain = path.join(base, 'plain.js');
      fs.writeFileSync(plain, 'const x = 1;\n');
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.file(plain)));
      fake.enqueue(reportFindings({ findings: [], summary: 'Fine.' }));
      await vscode.commands.executeCommand('claudeCompanion.reviewCurrentFile');
      assert.equal(asked().length, 0);
      assert.equal(sent().length, 1);
    });
  });
});
