// Test-only entry points exist only in ExtensionMode.Test: the API activate() returns (any extension can
// call getExtension().activate()), the Export command's target file (skips the save dialog) and the
// Review Workspace command's `confirm: false` (skips the cost confirmation). In Production and
// Development modes none of them does anything.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import type * as vscodeTypes from 'vscode';
import type * as RegisterHistoryModule from '../../../src/vscode/history/registerHistory';
import type { HistoryServices } from '../../../src/vscode/history/registerHistory';
import { exportTargetArgument, isTestMode, reviewWorkspaceArguments, testApiFor, type CompanionApi } from '../../../src/vscode/testApi';
import { tempDir } from '../history/helpers';

// vscode.ExtensionMode's values (the enum lives in VS Code's runtime module).
const PRODUCTION = 1 as vscodeTypes.ExtensionMode;
const DEVELOPMENT = 2 as vscodeTypes.ExtensionMode;
const TEST = 3 as vscodeTypes.ExtensionMode;
const NOT_TEST = [
  ['Production', PRODUCTION],
  ['Development', DEVELOPMENT],
] as const;

const api = { extensionMode: TEST } as unknown as CompanionApi;

/** Just enough of the `vscode` module for registerHistory and the export it runs. */
function fakeVscode() {
  class Uri {
    private constructor(readonly fsPath: string) {}
    static file(p: string): Uri {
      return new Uri(p);
    }
    static joinPath(base: Uri, ...parts: string[]): Uri {
      return new Uri(path.join(base.fsPath, ...parts));
    }
  }
  const commands = new Map<string, (...args: unknown[]) => unknown>();
  const calls = { saveDialogs: 0, written: [] as string[] };
  let saveDialogAnswer: Uri | undefined;
  const vscode = {
    Uri,
    l10n: { t: (message: string) => message },
    commands: {
      registerCommand: (id: string, fn: (...args: unknown[]) => unknown) => {
        commands.set(id, fn);
        return { dispose: () => commands.delete(id) };
      },
    },
    window: {
      showSaveDialog: async () => {
        calls.saveDialogs++;
        return saveDialogAnswer;
      },
      showInformationMessage: async () => undefined,
      showTextDocument: async () => undefined,
    },
    workspace: {
      workspaceFolders: undefined,
      asRelativePath: (uri: Uri) => uri.fsPath,
      fs: {
        writeFile: async (uri: Uri, data: Uint8Array) => {
          calls.written.push(uri.fsPath);
          fs.writeFileSync(uri.fsPath, data);
        },
      },
    },
  };
  return { vscode, commands, calls, answerSaveDialog: (p: string | undefined) => (saveDialogAnswer = p === undefined ? undefined : Uri.file(p)) };
}

/** Loads registerHistory against the fake `vscode` module (a fresh copy each time). */
function loadRegisterHistory(vscode: unknown): typeof RegisterHistoryModule {
  const modulePath = require.resolve('../../../src/vscode/history/registerHistory');
  const exportPath = require.resolve('../../../src/vscode/history/historyExport');
  delete require.cache[modulePath];
  delete require.cache[exportPath];
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = loader._load;
  loader._load = (request, ...rest) => (request === 'vscode' ? vscode : original(request, ...rest));
  try {
    // A plain require: the fake has to be in place when the module loads.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(modulePath) as typeof RegisterHistoryModule;
  } finally {
    loader._load = original;
  }
}

/** The Export command as registered in `mode`, over one stored conversation `a-1`. */
function exportCommand(mode: vscodeTypes.ExtensionMode) {
  const fake = fakeVscode();
  const { registerHistory } = loadRegisterHistory(fake.vscode);
  const stored = { id: 'a-1', title: 'Secrets', createdAt: 1, updatedAt: 2, revision: 1, interrupted: false, messages: [{ role: 'user', content: 'the conversation' }] };
  const history = { attach: () => undefined, restoreOpen: async () => undefined, load: async (id: string) => (id === 'a-1' ? stored : undefined), currentId: 'a-1' };
  const view = { addSnapshotPart: () => undefined, delaySnapshots: () => undefined, on: () => ({ dispose: () => undefined }), post: () => true };
  registerHistory({ history, session: {}, view, extensionMode: mode } as unknown as HistoryServices);
  const run = fake.commands.get('claudeCompanion.exportConversation');
  assert.ok(run, 'the export command is registered');
  return { run, calls: fake.calls, answerSaveDialog: fake.answerSaveDialog };
}

describe('hostile workspace: test mode', () => {
  describe('what activate() returns', () => {
    for (const [name, mode] of NOT_TEST) {
      it(`returns no API in ${name} mode`, () => {
        assert.equal(testApiFor(mode, api), undefined);
      });
    }

    it('returns the API in Test mode', () => {
      assert.equal(testApiFor(TEST, api), api);
    });

    it('an unknown future mode is not Test mode', () => {
      assert.equal(isTestMode(4 as vscodeTypes.ExtensionMode), false);
      assert.equal(testApiFor(4 as vscodeTypes.ExtensionMode, api), undefined);
    });
  });

  describe('Export Conversation with a target file argument', () => {
    for (const [name, mode] of NOT_TEST) {
      it(`in ${name} mode writes nothing at a path given as an argument and asks with a save dialog`, async () => {
        const target = path.join(tempDir('cc-hostile-export-'), 'planted.md');
        const { run, calls } = exportCommand(mode);
        await run('a-1', target);
        assert.equal(fs.existsSync(target), false, 'nothing written where the caller said');
        assert.equal(calls.saveDialogs, 1, 'the user was asked');
        assert.deepEqual(calls.written, [], 'the dialog was cancelled: nothing written anywhere');
      });
    }

    it('in Production mode a Uri-like object argument is ignored too', async () => {
      const target = path.join(tempDir('cc-hostile-export-'), 'planted.md');
      const { run, calls } = exportCommand(PRODUCTION);
      await run('a-1', { fsPath: target, scheme: 'file', path: target });
      assert.equal(fs.existsSync(target), false);
      assert.equal(calls.saveDialogs, 1);
    });

    it('in Production mode writes only where the user picked in the dialog', async () => {
      const dir = tempDir('cc-hostile-export-');
      const planted = path.join(dir, 'planted.md');
      const chosen = path.join(dir, 'chosen.md');
      const { run, answerSaveDialog, calls } = exportCommand(PRODUCTION);
      answerSaveDialog(chosen);
      await run('a-1', planted);
      assert.deepEqual(calls.written, [chosen]);
      assert.match(fs.readFileSync(chosen, 'utf8'), /the conversation/);
      assert.equal(fs.existsSync(planted), false);
    });

    it('in Test mode the target argument still skips the dialog (what the integration suite uses)', async () => {
      const target = path.join(tempDir('cc-hostile-export-'), 'test.md');
      const { run, calls } = exportCommand(TEST);
      await run('a-1', target);
      assert.equal(calls.saveDialogs, 0);
      assert.ok(fs.existsSync(target));
    });

    it('the gate keeps a target only in Test mode', () => {
      assert.equal(exportTargetArgument(PRODUCTION, '/tmp/x.md'), undefined);
      assert.equal(exportTargetArgument(DEVELOPMENT, '/tmp/x.md'), undefined);
      assert.equal(exportTargetArgument(TEST, '/tmp/x.md'), '/tmp/x.md');
    });
  });

  describe('Review Workspace without confirmation', () => {
    for (const [name, mode] of NOT_TEST) {
      it(`in ${name} mode still confirms: confirm: false is dropped`, () => {
        const args = reviewWorkspaceArguments(mode, { confirm: false });
        assert.notEqual(args.confirm, false);
      });
    }

    it('in Production mode a fast pollMs (hammering the Batches API) is dropped', () => {
      assert.equal(reviewWorkspaceArguments(PRODUCTION, { pollMs: 1 }).pollMs, undefined);
    });

    it('in Production mode the glob is kept, with the confirmation still to come', () => {
      assert.deepEqual(reviewWorkspaceArguments(PRODUCTION, { glob: 'src/**/*.ts', confirm: false, pollMs: 5 }), { glob: 'src/**/*.ts' });
    });

    it('in Production mode Cancel Workspace Review (same arguments) still asks before canceling', () => {
      assert.equal(reviewWorkspaceArguments(PRODUCTION, { confirm: false }).confirm, undefined);
    });

    it('in Test mode the arguments stay as given', () => {
      const args = { glob: '**/*.js', confirm: false, pollMs: 5 } as const;
      assert.deepEqual(reviewWorkspaceArguments(TEST, args), args);
    });
  });
});
