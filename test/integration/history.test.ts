// Conversation history in a real extension host: conversations are saved in the extension's global
// storage as you chat, listed by Show Conversation History, opened, deleted (and undone), renamed,
// exported to Markdown; a corrupt file is set aside without hiding the others.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HistoryState } from '../../src/shared/protocol';
import type { CompanionApi } from '../../src/vscode/testApi';
import { stall, type FakeAnthropic } from '../fake-anthropic';
import { lastAssistant, useExtensionWithFake, waitFor } from './support';

const showHistory = () => vscode.commands.executeCommand<HistoryState>('claudeCompanion.showHistory');

describe('Conversation history (real extension host, fake API)', () => {
  let api: CompanionApi;
  let fake: FakeAnthropic;
  useExtensionWithFake((f, a) => ([fake, api] = [f, a]));

  /** Starts a new chat, asks `question`, waits for the answer and for it to be on disk; returns its id. */
  async function converse(question: string): Promise<string> {
    await api.session.idle();
    api.session.newChat();
    await api.session.send(question);
    await api.history.flush();
    const id = api.history.currentId;
    assert.ok(id, 'the conversation has an id once its first message is saved');
    return id;
  }

  it('saves each conversation as a file in global storage and lists it, newest first', async () => {
    api.session.newChat();
    await api.history.flush();
    const before = (await showHistory()).entries.length;
    const alpha = await converse('history alpha question');
    const beta = await converse('history beta question');
    const state = await showHistory();
    assert.equal(state.entries.length, before + 2, 'an empty New Chat is not saved');
    assert.deepEqual(state.entries.slice(0, 2).map((e) => [e.id, e.title, e.messageCount]), [
      [beta, 'history beta question', 2],
      [alpha, 'history alpha question', 2],
    ]);
    assert.equal(state.entries[0]?.preview, 'You said: history beta question');
    assert.equal(state.currentId, beta);
    const file = path.join(api.history.folder, `${alpha}.json`);
    const stored = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.equal(stored.schema, 1);
    assert.deepEqual(stored.messages[0], { role: 'user', content: 'history alpha question' });
    assert.ok(api.history.folder.includes('claude-companion'), `stored under the extension's global storage (${api.history.folder})`);
  });

  it('opens a saved conversation: its turns come back and the next question continues it', async () => {
    const alpha = await converse('history open me');
    await converse('history something else');
    assert.equal(await api.history.open(alpha), true);
    assert.equal(api.history.currentId, alpha);
    const snap = await api.session.snapshot();
    assert.deepEqual(
      snap.turns.map((t) => t.blocks.map((b) => b.text).join('')),
      ['history open me', 'You said: history open me'],
    );
    await api.session.send('history follow-up');
    await api.history.flush();
    const entry = (await showHistory()).entries.find((e) => e.id === alpha);
    assert.equal(entry?.messageCount, 4);
  });

  it('deletes a conversation into the trash, and Undo brings it back', async () => {
    const doomed = await converse('history delete me');
    await converse('history keep me');
    const deleted = await api.history.delete(doomed);
    assert.ok(deleted);
    assert.equal(deleted.wasOpen, false);
    let state = await showHistory();
    assert.ok(!state.entries.some((e) => e.id === doomed), 'gone from the list');
    assert.deepEqual(state.undo, { token: deleted.token, title: 'history delete me' });
    assert.ok(!fs.existsSync(path.join(api.history.folder, `${doomed}.json`)));
    assert.ok(fs.readdirSync(path.join(api.history.folder, 'trash')).some((f) => f.startsWith(doomed)), 'kept in the trash');
    assert.equal(await api.history.undoDelete(deleted.token), true);
    state = await showHistory();
    assert.ok(state.entries.some((e) => e.id === doomed && e.messageCount === 2), 'back in the list');
    assert.equal(state.undo, undefined);
  });

  it('deleting the open conversation starts a new chat and does not write it back', async () => {
    const open = await converse('history open and deleted');
    const deleted = await api.history.delete(open);
    assert.equal(deleted?.wasOpen, true);
    assert.equal((await api.session.snapshot()).turns.length, 0);
    await api.history.flush();
    assert.ok(!(await showHistory()).entries.some((e) => e.id === open));
  });

  it('renames a conversation; the title sticks as it goes on', async () => {
    const id = await converse('history rename me');
    await api.history.rename(id, 'A better title');
    await api.session.send('history more');
    await api.history.flush();
    const entry = (await showHistory()).entries.find((e) => e.id === id);
    assert.equal(entry?.title, 'A better title');
    assert.equal(entry?.messageCount, 4);
  });

  it('opening a conversation while an answer streams leaves the opened one untouched, with ids of its own', async () => {
    const alpha = await converse('history open me mid-answer');
    api.session.newChat();
    fake.enqueue(stall(4));
    const answering = api.session.send('history a long answer please');
    const streaming = await waitFor('the answer to stream', async () => {
      const turn = lastAssistant(await api.session.snapshot());
      return turn.status === 'streaming' && turn.blocks.some((b) => b.text.length > 0) ? turn : undefined;
    });
    assert.equal(await api.history.open(alpha), true);
    const opened = await api.session.snapshot();
    await answering;
    await api.session.idle();
    assert.deepEqual(await api.session.snapshot(), opened, 'the stopped answer changed nothing in the opened conversation');
    assert.ok(!opened.turns.some((t) => t.id === streaming.id), 'no opened turn shares an id with the answer that was streaming');
    assert.deepEqual(
      opened.turns.map((t) => t.blocks.map((b) => b.text).join('')),
      ['history open me mid-answer', 'You said: history open me mid-answer'],
    );
  });

  it('exports a conversation to Markdown', async () => {
    const id = await converse('history export **this**');
    const target = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cc-export-')), 'chat.md');
    const written = await vscode.commands.executeCommand<vscode.Uri>('claudeCompanion.exportConversation', id, target);
    assert.equal(written?.fsPath, target);
    const text = fs.readFileSync(target, 'utf8');
    assert.match(text, /^# history export \*\*this\*\*\n/);
    assert.match(text, /\n## You\n\nhistory export \*\*this\*\*\n\n## Claude\n\nYou said: history export \*\*this\*\*\n$/);
  });

  it('sets a corrupt file aside and still lists the other conversations', async () => {
    const good = await converse('history still here');
    const bad = path.join(api.history.folder, 'corrupt-1.json');
    fs.writeFileSync(bad, '{"schema":1,"id":"corrupt-1","messages":[');
    const state = await showHistory();
    assert.ok(state.entries.some((e) => e.id === good));
    assert.ok(!state.entries.some((e) => e.id === 'corrupt-1'));
    assert.ok(!fs.existsSync(bad));
    const aside = fs.readdirSync(api.history.folder).filter((f) => f.startsWith('corrupt-1.corrupt-'));
    assert.equal(aside.length, 1, 'moved aside, not deleted');
    assert.equal(fs.readFileSync(path.join(api.history.folder, aside[0]!), 'utf8'), '{"schema":1,"id":"corrupt-1","messages":[');
  });
});
