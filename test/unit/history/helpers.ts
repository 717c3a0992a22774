// Shared pieces of the history tests: temp store folders and conversation fixtures.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ApiMessage } from '../../../src/core/claude/turnStreamer';
import type { ConversationDraft } from '../../../src/core/history/conversationStore';

const made: string[] = [];
process.on('exit', () => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh temp folder, removed when the test process exits. */
export function tempDir(prefix = 'cc-history-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function exchange(question: string, answer: string): ApiMessage[] {
  return [
    { role: 'user', content: question },
    { role: 'assistant', content: [{ type: 'text', text: answer }] },
  ];
}

export function draft(id: string, messages: readonly ApiMessage[], extra: Partial<ConversationDraft> = {}): ConversationDraft {
  return { id, title: `Title of ${id}`, createdAt: 1_700_000_000_000, messages, stableCount: messages.length, interrupted: false, ...extra };
}

/** The pid of a process that has exited (and been reaped), for stale-lock tests. */
export function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8', env: {} });
  return Number(child.stdout);
}

/** Files in `dir` (not recursive), sorted. */
export function filesIn(dir: string): string[] {
  return fs.readdirSync(dir).sort();
}
