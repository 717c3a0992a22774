// Which conversation a workspace had open: workspaceState plus a file in workspace storage, which wins
// (the browser workbench may reload before workspaceState is flushed).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { OPEN_CONVERSATION_KEY, OpenConversation } from '../../../src/vscode/history/openConversation';
import { tempDir } from './helpers';

function memento(initial: Record<string, unknown> = {}): vscode.Memento & { values: Record<string, unknown> } {
  const values = { ...initial };
  return {
    values,
    keys: () => Object.keys(values),
    get: <T>(key: string, fallback?: T) => (key in values ? (values[key] as T) : fallback),
    update: async (key: string, value: unknown) => {
      values[key] = value;
    },
  } as vscode.Memento & { values: Record<string, unknown> };
}

const uri = (dir: string) => ({ fsPath: dir }) as vscode.Uri;

describe('the open conversation of a workspace', () => {
  it('is remembered in workspaceState and in a file, and read back', async () => {
    const dir = path.join(tempDir(), 'ws-storage');
    const state = memento();
    const open = new OpenConversation(state, uri(dir));
    await open.remember('abc-1');
    assert.equal(state.values[OPEN_CONVERSATION_KEY], 'abc-1');
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(dir, 'open-conversation.json'), 'utf8')), { id: 'abc-1' });
    assert.equal(await new OpenConversation(memento(), uri(dir)).read(), 'abc-1', 'the file alone is enough');
  });

  it('the file wins over a stale workspaceState, including "nothing open"', async () => {
    const dir = tempDir();
    await new OpenConversation(memento(), uri(dir)).remember(undefined);
    assert.equal(await new OpenConversation(memento({ [OPEN_CONVERSATION_KEY]: 'old-1' }), uri(dir)).read(), undefined);
  });

  it('falls back to workspaceState without a file (or without workspace storage), and ignores bad ids', async () => {
    assert.equal(await new OpenConversation(memento({ [OPEN_CONVERSATION_KEY]: 'ws-1' }), uri(tempDir())).read(), 'ws-1');
    assert.equal(await new OpenConversation(memento({ [OPEN_CONVERSATION_KEY]: 'ws-1' }), undefined).read(), 'ws-1');
    assert.equal(await new OpenConversation(memento({ [OPEN_CONVERSATION_KEY]: '../x' }), undefined).read(), undefined);
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'open-conversation.json'), '{"id":"../../etc"}');
    assert.equal(await new OpenConversation(memento(), uri(dir)).read(), undefined);
  });
});
