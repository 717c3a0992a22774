// The history list's messages from the (untrusted) webview are checked like every other message.
import assert from 'node:assert/strict';
import { isWebviewToHost } from '../../../src/shared/protocol';

describe('history messages from the webview', () => {
  it('accepts well-formed ones', () => {
    for (const m of [
      { type: 'historyOpen', id: 'a-1' },
      { type: 'historyDelete', id: 'a-1' },
      { type: 'historyUndo', token: 'a-1.123' },
      { type: 'historyRename', id: 'a-1', title: 'New title' },
      { type: 'historyExport', id: 'a-1' },
    ]) {
      assert.equal(isWebviewToHost(m), true, m.type);
    }
  });

  it('rejects missing or mistyped fields', () => {
    for (const m of [{ type: 'historyOpen' }, { type: 'historyDelete', id: 1 }, { type: 'historyUndo' }, { type: 'historyRename', id: 'a-1' }, { type: 'historyRename', id: 'a-1', title: null }, { type: 'historyExport', id: ['a'] }]) {
      assert.equal(isWebviewToHost(m), false, JSON.stringify(m));
    }
  });
});
