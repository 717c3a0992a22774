// Activation that survives a broken feature: each feature registers on its own; one that throws (or
// rejects) is logged and shown once, with Show Log, its commands explain instead of "command not found",
// and the others still load. The test-only switch that breaks a feature works in Test mode only.
import assert from 'node:assert/strict';
import Module from 'node:module';
import type * as vscodeTypes from 'vscode';
import type * as FeaturesModule from '../../src/vscode/features';
import type { Feature } from '../../src/vscode/features';
import type { Logger } from '../../src/core/log';
import { BREAK_FEATURE_ENV, featureToBreak } from '../../src/vscode/testApi';

const PRODUCTION = 1 as vscodeTypes.ExtensionMode;
const DEVELOPMENT = 2 as vscodeTypes.ExtensionMode;
const TEST = 3 as vscodeTypes.ExtensionMode;

/** Just enough of the `vscode` module for the registry: commands, error notifications, l10n. */
function fakeVscode() {
  const commands = new Map<string, (...args: unknown[]) => unknown>();
  const notifications: { message: string; actions: string[] }[] = [];
  let answer: string | undefined;
  const vscode = {
    l10n: { t: (message: string, ...args: unknown[]) => message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)])) },
    commands: {
      registerCommand: (id: string, fn: (...args: unknown[]) => unknown) => {
        if (commands.has(id)) throw new Error(`command '${id}' already exists`);
        commands.set(id, fn);
        return { dispose: () => commands.delete(id) };
      },
    },
    window: {
      showErrorMessage: async (message: string, ...actions: string[]) => {
        notifications.push({ message, actions });
        return answer;
      },
    },
  };
  return { vscode, commands, notifications, answerWith: (choice: string | undefined) => (answer = choice) };
}

function loadFeatures(vscode: unknown): typeof FeaturesModule {
  const modulePath = require.resolve('../../src/vscode/features');
  delete require.cache[modulePath];
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = loader._load;
  loader._load = (request, ...rest) => (request === 'vscode' ? vscode : original(request, ...rest));
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(modulePath) as typeof FeaturesModule;
  } finally {
    loader._load = original;
  }
}

function recordingLog() {
  const lines: { level: string; message: string; error?: unknown }[] = [];
  const at = (level: string) => (message: string, error?: unknown) => void lines.push({ level, message, error });
  const log: Logger = { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug'), trace: at('trace'), enabled: () => true };
  return { log, lines };
}

interface Ctx {
  readonly started: string[];
}

/** A feature that registers fine: records its start and returns a disposable that records its disposal. */
function working(id: string, disposed: string[]): Feature<Ctx> {
  return {
    id,
    label: () => `the ${id} feature`,
    register: (ctx) => {
      ctx.started.push(id);
      return { dispose: () => void disposed.push(id) };
    },
  };
}

describe('features: activation that survives a broken feature', () => {
  it('a feature that throws and one that rejects fail alone: the others register', async () => {
    const fake = fakeVscode();
    const { FeatureRegistry } = loadFeatures(fake.vscode);
    const { log } = recordingLog();
    const disposed: string[] = [];
    const ctx: Ctx = { started: [] };
    const features: Feature<Ctx>[] = [
      working('first', disposed),
      { id: 'throws', label: () => 'Throwing', register: () => { throw new Error('sync boom'); } },
      { id: 'rejects', label: () => 'Rejecting', register: async () => { throw new Error('async boom'); } },
      { id: 'async', label: () => 'Async', register: async (c) => { c.started.push('async'); return [{ dispose: () => void disposed.push('async') }]; } },
      working('last', disposed),
    ];
    const registry = new FeatureRegistry(features, ctx, { log, showLog: () => undefined });
    await registry.settled;
    assert.deepEqual(ctx.started, ['first', 'async', 'last']);
    assert.deepEqual(registry.failures.map((f) => f.id), ['throws', 'rejects']);
    registry.dispose();
    assert.deepEqual(disposed.sort(), ['async', 'first', 'last'], 'what the working features registered is disposed with the registry');
  });

  it('logs each failure with the feature id and the error', async () => {
    const fake = fakeVscode();
    const { FeatureRegistry } = loadFeatures(fake.vscode);
    const { log, lines } = recordingLog();
    const sync = new Error('sync boom');
    const registry = new FeatureRegistry<Ctx>(
      [
        { id: 'throws', label: () => 'Throwing', register: () => { throw sync; } },
        { id: 'rejects', label: () => 'Rejecting', register: () => Promise.reject(new Error('async boom')) },
      ],
      { started: [] },
      { log, showLog: () => undefined },
    );
    await registry.settled;
    const errors = lines.filter((l) => l.level === 'error');
    assert.equal(errors.length, 2);
    assert.match(errors[0]!.message, /"throws"/);
    assert.equal(errors[0]!.error, sync);
    assert.match(errors[1]!.message, /"rejects"/);
    assert.match(String(errors[1]!.error), /async boom/);
  });

  it('shows ONE notification for several failures, naming each, with Show Log that opens the log', async () => {
    const fake = fakeVscode();
    fake.answerWith('Show Log');
    const { FeatureRegistry } = loadFeatures(fake.vscode);
    let logShown = 0;
    const registry = new FeatureRegistry<Ctx>(
      [
        { id: 'a', label: () => 'Code review', register: () => { throw new Error('a'); } },
        working('ok', []),
        { id: 'b', label: () => 'Conversation history', register: async () => { throw new Error('b'); } },
        { id: 'c', label: () => 'Compaction', register: () => { throw new Error('c'); } },
      ],
      { started: [] },
      { log: recordingLog().log, showLog: () => void logShown++ },
    );
    await registry.settled;
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(fake.notifications.length, 1, fake.notifications.map((n) => n.message).join('\n'));
    const [notice] = fake.notifications;
    assert.match(notice!.message, /^Claude Companion: Code review, Compaction, Conversation history failed to start\./);
    assert.deepEqual(notice!.actions, ['Show Log']);
    assert.equal(logShown, 1, 'Show Log opened the log channel');
    assert.deepEqual(registry.shown, [notice!.message]);
  });

  it('shows nothing when every feature starts', async () => {
    const fake = fakeVscode();
    const { FeatureRegistry } = loadFeatures(fake.vscode);
    const registry = new FeatureRegistry<Ctx>([working('a', []), working('b', [])], { started: [] }, { log: recordingLog().log, showLog: () => undefined });
    await registry.settled;
    assert.equal(fake.notifications.length, 0);
    assert.deepEqual(registry.failures, []);
  });

  it("a failed feature's commands answer with an error, not \"command not found\"", async () => {
    const fake = fakeVscode();
    const { FeatureRegistry } = loadFeatures(fake.vscode);
    const registry = new FeatureRegistry<Ctx>(
      [
        {
          id: 'compaction',
          label: () => 'Conversation compaction',
          commands: ['claudeCompanion.compactConversation'],
          register: () => {
            throw new Error('boom');
          },
        },
        {
          id: 'half',
          label: () => 'Half',
          commands: ['x.registeredBeforeTheThrow', 'x.notRegistered'],
          register: () => {
            fake.vscode.commands.registerCommand('x.registeredBeforeTheThrow', () => 'real');
            throw new Error('late boom');
          },
        },
      ],
      { started: [] },
      { log: recordingLog().log, showLog: () => undefined },
    );
    await registry.settled;
    const run = fake.commands.get('claudeCompanion.compactConversation');
    assert.ok(run, 'the command is registered (a stand-in)');
    await run();
    assert.equal(fake.notifications.length, 2);
    assert.equal(fake.notifications[1]!.message, 'Claude Companion: Conversation compaction is unavailable because it failed to start. The log says what went wrong.');
    assert.deepEqual(fake.notifications[1]!.actions, ['Show Log']);
    assert.equal(fake.commands.get('x.registeredBeforeTheThrow')?.(), 'real', 'a command the feature did register keeps its handler');
    assert.ok(fake.commands.has('x.notRegistered'));
    registry.dispose();
    assert.equal(fake.commands.has('claudeCompanion.compactConversation'), false, 'stand-ins are disposed with the registry');
  });

  it('the test-only switch makes the named feature fail, and only it', async () => {
    const fake = fakeVscode();
    const { FeatureRegistry, FeatureBrokenForTest } = loadFeatures(fake.vscode);
    const ctx: Ctx = { started: [] };
    const registry = new FeatureRegistry<Ctx>([working('a', []), working('b', []), working('c', [])], ctx, { log: recordingLog().log, showLog: () => undefined, breakFeature: 'b' });
    await registry.settled;
    assert.deepEqual(ctx.started, ['a', 'c']);
    assert.deepEqual(registry.failures.map((f) => f.id), ['b']);
    assert.ok(registry.failures[0]!.error instanceof FeatureBrokenForTest);
    assert.equal(fake.notifications.length, 1);
  });

  describe(`the switch (${BREAK_FEATURE_ENV}) is honoured in Test mode only`, () => {
    const env = { [BREAK_FEATURE_ENV]: 'compaction' };
    it('Test mode: names the feature to break', () => {
      assert.equal(featureToBreak(TEST, env), 'compaction');
      assert.equal(featureToBreak(TEST, {}), undefined);
      assert.equal(featureToBreak(TEST, { [BREAK_FEATURE_ENV]: '' }), undefined);
    });
    for (const [name, mode] of [['Production', PRODUCTION], ['Development', DEVELOPMENT], ['an unknown future mode', 4 as vscodeTypes.ExtensionMode]] as const) {
      it(`${name}: ignored, nothing is broken`, () => {
        assert.equal(featureToBreak(mode, env), undefined);
      });
    }
  });
});
