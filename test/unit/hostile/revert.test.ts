// Hostile workspaces vs "Revert this turn": reverting never destroys work done after the turn. Files
// changed, deleted or recreated since the turn wrote them are listed for the user first (Cancel changes
// nothing), untouched ones are restored without asking, and nothing is reverted while a turn runs.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_LIMITS } from '../../../src/core/agent/agentTypes';
import type { AgentHooks } from '../../../src/core/chat/agentTurn';
import { ChatSession } from '../../../src/core/chat/chatSession';
import { CheckpointStore, type FileCheckpoint } from '../../../src/core/chat/checkpoints';
import { planRevert } from '../../../src/core/chat/revertPlan';
import type { ChangedFile, RevertPort } from '../../../src/core/chat/turnRevert';
import { ClaudeClient } from '../../../src/core/claude/claudeClient';
import type { Compactor, Prepared, PrepareRequest } from '../../../src/core/context/compactor';
import { DEFAULT_SETTINGS } from '../../../src/core/claude/settings';
import { WORKSPACE_TOOLS } from '../../../src/core/tools';
import type { ToolSpec } from '../../../src/core/tools/toolTypes';
import type { HostToWebview } from '../../../src/shared/protocol';
import { RevertGate } from '../../../src/webview/revertGate';
import { text, toolUse } from '../../fake-anthropic';
import { deferred, done, tool, useAgentFake, type Deferred } from '../agent/agentHarness';
import { folder, makeContext, removeTempDirs, tempDir, writeTree } from '../tools/helpers';

const bytes = (s: string) => new TextEncoder().encode(s);
const cp = (absPath: string, before: string | undefined, after: string | undefined): FileCheckpoint => ({
  absPath,
  before: before === undefined ? undefined : bytes(before),
  after: after === undefined ? undefined : bytes(after),
});
const disk = (files: Record<string, string>) => async (p: string) => (p in files ? bytes(files[p]!) : undefined);
const paths = (list: readonly FileCheckpoint[]) => list.map((f) => f.absPath);

/** Reads and restores on the real disk like the editor does; the modal's answer is scripted. */
class DiskRevert implements RevertPort {
  readonly asked: (readonly ChangedFile[])[] = [];
  readonly restored: (readonly FileCheckpoint[])[] = [];
  /** Answers in order; once empty, every question is answered Cancel. */
  readonly answers: boolean[] = [];
  /** Runs while the modal is "open" (before it is answered). */
  whileAsking: (() => void | Promise<void>) | undefined;

  async readCurrent(absPath: string): Promise<Uint8Array | undefined> {
    return fs.existsSync(absPath) ? new Uint8Array(fs.readFileSync(absPath)) : undefined;
  }
  async confirmChanged(files: readonly ChangedFile[]): Promise<boolean> {
    this.asked.push(files);
    await this.whileAsking?.();
    return this.answers.shift() ?? false;
  }
  async restore(files: readonly FileCheckpoint[]): Promise<string> {
    this.restored.push(files);
    for (const f of files) {
      if (f.before === undefined) fs.rmSync(f.absPath, { force: true });
      else fs.writeFileSync(f.absPath, f.before);
    }
    return `restored ${files.length}`;
  }
}

describe('hostile workspace: revert', () => {
  after(removeTempDirs);

  describe('planRevert (pure)', () => {
    it('a file still exactly as the turn wrote it is unchanged: restored without asking', async () => {
      const plan = await planRevert([cp('/w/a.ts', 'orig', 'turn')], disk({ '/w/a.ts': 'turn' }));
      assert.deepEqual(paths(plan.unchanged), ['/w/a.ts']);
      assert.deepEqual([plan.changed.length, plan.missing.length], [0, 0]);
    });

    it('a file the user edited after the turn is changed', async () => {
      const plan = await planRevert([cp('/w/a.ts', 'orig', 'turn')], disk({ '/w/a.ts': 'turn + user' }));
      assert.deepEqual(paths(plan.changed), ['/w/a.ts']);
      assert.equal(plan.unchanged.length, 0);
    });

    it('a file the turn edited and something then deleted is missing', async () => {
      const plan = await planRevert([cp('/w/a.ts', 'orig', 'turn')], disk({}));
      assert.deepEqual(paths(plan.missing), ['/w/a.ts']);
      assert.equal(plan.unchanged.length, 0);
    });

    it('a file the turn created and the user then edited is changed (its removal would lose the edit)', async () => {
      const plan = await planRevert([cp('/w/new.ts', undefined, 'turn')], disk({ '/w/new.ts': 'turn + user' }));
      assert.deepEqual(paths(plan.changed), ['/w/new.ts']);
    });

    it('a file the turn created that is gone already needs nothing: no question, no action', async () => {
      const plan = await planRevert([cp('/w/new.ts', undefined, 'turn')], disk({}));
      assert.deepEqual(paths(plan.settled), ['/w/new.ts']);
      assert.deepEqual([plan.unchanged.length, plan.changed.length, plan.missing.length], [0, 0, 0]);
    });

    it('a file that cannot be read counts as changed (it is never overwritten unasked)', async () => {
      const plan = await planRevert([cp('/w/a.ts', 'orig', 'turn')], async () => {
        throw new Error('EACCES');
      });
      assert.deepEqual(paths(plan.changed), ['/w/a.ts']);
    });

    it('a file whose write was never recorded (the write failed) and that differs from the original counts as changed', async () => {
      const plan = await planRevert([cp('/w/a.ts', 'orig', undefined)], disk({ '/w/a.ts': 'half written' }));
      assert.deepEqual(paths(plan.changed), ['/w/a.ts']);
    });

    it('compares bytes, not text: a changed line ending or BOM counts as a later change', async () => {
      const plan = await planRevert([cp('/w/a.ts', 'orig', 'a\nb\n'), cp('/w/b.ts', 'orig', 'x')], disk({ '/w/a.ts': 'a\r\nb\r\n', '/w/b.ts': '\uFEFFx' }));
      assert.deepEqual(paths(plan.changed), ['/w/a.ts', '/w/b.ts']);
    });
  });

  describe('checkpoints', () => {
    it('keep the first original and the last bytes written, as copies the caller cannot change later', () => {
      const store = new CheckpointStore();
      const first = bytes('orig');
      store.record('t1', '/w/a.ts', first);
      store.recordWritten('t1', '/w/a.ts', bytes('one'));
      store.record('t1', '/w/a.ts', bytes('one'));
      const last = bytes('two');
      store.recordWritten('t1', '/w/a.ts', last);
      first[0] = 0;
      last[0] = 0;
      const [file] = store.files('t1');
      assert.equal(Buffer.from(file!.before!).toString(), 'orig');
      assert.equal(Buffer.from(file!.after!).toString(), 'two');
    });
  });

  describe('through the chat session', () => {
    const f = useAgentFake();
    let root: string;
    let port: DiskRevert;
    let posted: HostToWebview[];
    let gate: Deferred<void> | undefined;

    /** Blocks the turn until `gate` resolves (a read tool: auto-approved). */
    const waitTool: ToolSpec = tool('wait', 'read', async () => {
      await gate?.promise;
      return done('waited');
    });

    const file = (rel: string) => path.join(root, ...rel.split('/'));
    const read = (rel: string) => fs.readFileSync(file(rel));

    function session(compactor?: Compactor): ChatSession {
      const agent: AgentHooks = {
        tools: () => [...WORKSPACE_TOOLS, waitTool],
        createContext: (signal, parts) => makeContext([folder('ws', root)], { ...parts, autoApproveWrites: true, signal }),
        limits: () => DEFAULT_LIMITS,
        approvals: { requestApproval: async () => ({ approved: true }) },
        autoApproveReads: () => true,
        confirmRead: async () => true,
      };
      const client = new ClaudeClient({ getSettings: () => ({ ...DEFAULT_SETTINGS, apiBaseUrl: f.fake.url, maxRetries: 0, fallbackModels: [] }), getApiKey: async () => 'sk-test' });
      return new ChatSession({ client, currentModel: () => 'claude-sonnet-5-5', hasApiKey: async () => true, agent: async () => agent, revert: port, ...(compactor ? { compactor } : {}) }, (m) => posted.push(m));
    }

    async function turnWriting(s: ChatSession, ...calls: { name: string; input: Record<string, unknown> }[]): Promise<string> {
      f.fake.enqueue(toolUse(calls), text('Done.'));
      await s.send('change things');
      const snap = await s.snapshot();
      const turn = snap.turns.at(-1)!;
      assert.equal(turn.canRevert, true, 'the turn changed files');
      return turn.id;
    }

    const declined = (turnId: string) => posted.filter((m) => m.type === 'revertDeclined' && m.turnId === turnId).map((m) => (m.type === 'revertDeclined' ? m.reason : ''));
    const reverted = (turnId: string) => posted.some((m) => m.type === 'turnReverted' && m.turnId === turnId);

    beforeEach(() => {
      root = tempDir('cc-hostile-revert-');
      writeTree(root, { 'src/a.ts': 'original a\n', 'src/b.ts': 'original b\n' });
      port = new DiskRevert();
      posted = [];
      gate = undefined;
    });

    it('a file the user edited after the turn: revert asks, and Cancel keeps the edit byte for byte', async () => {
      const s = session();
      const turnId = await turnWriting(s, { name: 'write_file', input: { path: 'src/a.ts', content: 'turn a\n' } });
      const users = bytes('turn a\n// my own work\r\n\u00e9\n');
      fs.writeFileSync(file('src/a.ts'), users);
      assert.equal(await s.revertTurn(turnId), undefined);
      assert.deepEqual(port.asked, [[{ absPath: file('src/a.ts'), reason: 'changed' }]]);
      assert.deepEqual(new Uint8Array(read('src/a.ts')), users);
      assert.equal(port.restored.length, 0);
      assert.deepEqual(declined(turnId), ['cancelled']);
      assert.equal(reverted(turnId), false);
      assert.equal((await s.snapshot()).turns.at(-1)!.canRevert, true, 'still revertable after Cancel');
    });

    it('a file the user edited after the turn: Revert Anyway restores the original bytes', async () => {
      const s = session();
      const turnId = await turnWriting(s, { name: 'edit_file', input: { path: 'src/a.ts', old_text: 'original', new_text: 'turned' } });
      fs.writeFileSync(file('src/a.ts'), 'turned a\nplus mine\n');
      port.answers.push(true);
      assert.match(String(await s.revertTurn(turnId)), /restored 1/);
      assert.equal(port.asked.length, 1);
      assert.equal(read('src/a.ts').toString(), 'original a\n');
      assert.equal(reverted(turnId), true);
    });

    it('a file nobody touched since the turn: restored without asking', async () => {
      const s = session();
      const turnId = await turnWriting(s, { name: 'write_file', input: { path: 'src/a.ts', content: 'turn a\n' } }, { name: 'write_file', input: { path: 'src/b.ts', content: 'turn b\n' } });
      assert.match(String(await s.revertTurn(turnId)), /restored 2/);
      assert.deepEqual(port.asked, []);
      assert.equal(read('src/a.ts').toString(), 'original a\n');
      assert.equal(read('src/b.ts').toString(), 'original b\n');
    });

    it('only the changed files are listed; untouched ones are not', async () => {
      const s = session();
      const turnId = await turnWriting(s, { name: 'write_file', input: { path: 'src/a.ts', content: 'turn a\n' } }, { name: 'write_file', input: { path: 'src/b.ts', content: 'turn b\n' } });
      fs.writeFileSync(file('src/b.ts'), 'turn b\nmine\n');
      await s.revertTurn(turnId);
      assert.deepEqual(port.asked, [[{ absPath: file('src/b.ts'), reason: 'changed' }]]);
      assert.equal(read('src/a.ts').toString(), 'turn a\n', 'Cancel leaves even the untouched files as they are');
    });

    it('a file the turn created: handed to the restorer as created (it moves it to the trash), without asking', async () => {
      const s = session();
      const turnId = await turnWriting(s, { name: 'write_file', input: { path: 'notes/new.md', content: '# new\n' } });
      await s.revertTurn(turnId);
      assert.deepEqual(port.asked, []);
      assert.deepEqual(
        port.restored.map((list) => list.map((x) => [x.absPath, x.before])),
        [[[file('notes/new.md'), undefined]]],
      );
    });

    it('a file the turn created and the user then edited: asks before removing it', async () => {
      const s = session();
      const turnId = await turnWriting(s, { name: 'write_file', input: { path: 'notes/new.md', content: '# new\n' } });
      fs.writeFileSync(file('notes/new.md'), '# new\nmy notes\n');
      await s.revertTurn(turnId);
      assert.deepEqual(port.asked, [[{ absPath: file('notes/new.md'), reason: 'changed' }]]);
      assert.equal(read('notes/new.md').toString(), '# new\nmy notes\n');
    });

    it('a file the turn edited and that was deleted later: asks (reverting would bring it back)', async () => {
      const s = session();
      const turnId = await turnWriting(s, { name: 'write_file', input: { path: 'src/a.ts', content: 'turn a\n' } });
      fs.rmSync(file('src/a.ts'));
      await s.revertTurn(turnId);
      assert.deepEqual(port.asked, [[{ absPath: file('src/a.ts'), reason: 'missing' }]]);
      assert.equal(fs.existsSync(file('src/a.ts')), false);
    });

    it('two turns edit the same file: reverting the earlier one after the later one wrote asks', async () => {
      const s = session();
      const first = await turnWriting(s, { name: 'write_file', input: { path: 'src/a.ts', content: 'first\n' } });
      await turnWriting(s, { name: 'write_file', input: { path: 'src/a.ts', content: 'second\n' } });
      await s.revertTurn(first);
      assert.deepEqual(port.asked, [[{ absPath: file('src/a.ts'), reason: 'changed' }]]);
      assert.equal(read('src/a.ts').toString(), 'second\n');
    });

    it('two turns edit the same file: reverting the later one, then the earlier one, asks neither time', async () => {
      const s = session();
      const first = await turnWriting(s, { name: 'write_file', input: { path: 'src/a.ts', content: 'first\n' } });
      const second = await turnWriting(s, { name: 'write_file', input: { path: 'src/a.ts', content: 'second\n' } });
      await s.revertTurn(second);
      assert.equal(read('src/a.ts').toString(), 'first\n');
      await s.revertTurn(first);
      assert.equal(read('src/a.ts').toString(), 'original a\n');
      assert.deepEqual(port.asked, []);
    });

    it('revert requested while a turn is streaming: refused, nothing changes, the panel is told why', async () => {
      const s = session();
      const turnId = await turnWriting(s, { name: 'write_file', input: { path: 'src/a.ts', content: 'turn a\n' } });
      gate = deferred();
      f.fake.enqueue(toolUse({ name: 'wait', input: {} }), text('Waited.'));
      const running = s.send('wait a moment');
      await new Promise<void>((resolve) => {
        const check = () => (s.streaming ? resolve() : setImmediate(check));
        check();
      });
      assert.equal(await s.revertTurn(turnId), undefined);
      assert.equal(read('src/a.ts').toString(), 'turn a\n');
      assert.deepEqual([port.asked.length, port.restored.length], [0, 0]);
      assert.deepEqual(declined(turnId), ['busy']);
      gate.resolve(undefined);
      await running;
      assert.match(String(await s.revertTurn(turnId)), /restored 1/, 'allowed again once the turn ended');
      assert.equal(read('src/a.ts').toString(), 'original a\n');
    });

    it('revert requested while a compaction runs: refused, nothing changes', async () => {
      // Compacting on request blocks on the gate; the automatic check before each request never compacts.
      const compactor = {
        prepare: async (req: PrepareRequest): Promise<Prepared> => {
          if (req.force) await gate?.promise;
          return { messages: [...req.messages], outcome: 'none' };
        },
      } as unknown as Compactor;
      const s = session(compactor);
      const turnId = await turnWriting(s, { name: 'write_file', input: { path: 'src/a.ts', content: 'turn a\n' } });
      gate = deferred();
      const compacting = s.compact();
      assert.equal(s.streaming, true, 'compacting counts as busy');
      assert.equal(await s.revertTurn(turnId), undefined);
      assert.equal(read('src/a.ts').toString(), 'turn a\n');
      assert.deepEqual(declined(turnId), ['busy']);
      gate.resolve(undefined);
      await compacting;
      assert.match(String(await s.revertTurn(turnId)), /restored 1/);
    });

    it('a turn that starts while the question is open: the answer no longer reverts anything', async () => {
      const s = session();
      const turnId = await turnWriting(s, { name: 'write_file', input: { path: 'src/a.ts', content: 'turn a\n' } });
      fs.writeFileSync(file('src/a.ts'), 'turn a\nmine\n');
      gate = deferred();
      let running: Promise<void> | undefined;
      port.answers.push(true);
      port.whileAsking = () => {
        f.fake.enqueue(toolUse({ name: 'wait', input: {} }), text('Waited.'));
        running = s.send('wait a moment');
      };
      await s.revertTurn(turnId);
      assert.equal(read('src/a.ts').toString(), 'turn a\nmine\n');
      assert.equal(port.restored.length, 0);
      assert.deepEqual(declined(turnId), ['busy']);
      gate.resolve(undefined);
      await running;
    });

    it('a file that changes while the question is open is asked about again', async () => {
      const s = session();
      const turnId = await turnWriting(s, { name: 'write_file', input: { path: 'src/a.ts', content: 'turn a\n' } }, { name: 'write_file', input: { path: 'src/b.ts', content: 'turn b\n' } });
      fs.writeFileSync(file('src/a.ts'), 'turn a\nmine\n');
      port.answers.push(true); // Revert Anyway for a.ts…
      port.whileAsking = () => {
        port.whileAsking = undefined;
        fs.writeFileSync(file('src/b.ts'), 'turn b\nmine too\n'); // …but b.ts changed meanwhile
      };
      await s.revertTurn(turnId);
      assert.deepEqual(
        port.asked.map((list) => list.map((x) => path.basename(x.absPath))),
        [['a.ts'], ['a.ts', 'b.ts']],
      );
      assert.equal(read('src/b.ts').toString(), 'turn b\nmine too\n', 'the second question was cancelled');
      assert.equal(read('src/a.ts').toString(), 'turn a\nmine\n');
    });
  });

  describe('the panel\'s Revert button', () => {
    const button = () => ({ disabled: false });

    it('is disabled while a turn streams and enabled again after', () => {
      const gate = new RevertGate();
      const b = button();
      gate.add('t1', b);
      gate.setBusy(true);
      assert.equal(b.disabled, true);
      gate.setBusy(false);
      assert.equal(b.disabled, false);
    });

    it('appears disabled when added while a turn streams (a snapshot mid-turn)', () => {
      const gate = new RevertGate();
      gate.setBusy(true);
      const b = button();
      gate.add('t1', b);
      assert.equal(b.disabled, true);
    });

    it('stays disabled after a click until the host answers; a Cancel enables it again', () => {
      const gate = new RevertGate();
      const b = button();
      gate.add('t1', b);
      gate.requested('t1');
      assert.equal(b.disabled, true);
      gate.setBusy(false);
      assert.equal(b.disabled, true, 'still waiting for the host');
      gate.answered('t1');
      assert.equal(b.disabled, false);
    });

    it('refused because a turn started: stays disabled until that turn ends', () => {
      const gate = new RevertGate();
      const b = button();
      gate.add('t1', b);
      gate.requested('t1');
      gate.setBusy(true);
      gate.answered('t1');
      assert.equal(b.disabled, true);
      gate.setBusy(false);
      assert.equal(b.disabled, false);
    });

    it('a removed button is no longer touched', () => {
      const gate = new RevertGate();
      const b = button();
      gate.add('t1', b);
      gate.remove('t1');
      gate.setBusy(true);
      assert.equal(b.disabled, false);
    });
  });
});
