// End to end: what a user sees when things go wrong, and the actions offered to fix them, in the real
// workbench. No key → banner → Set API Key (password box) → chat works. 401 → alert. Stop aborts the
// HTTP request. A broken stream keeps the partial answer and Retry recovers.
import * as assert from 'node:assert/strict';
import { httpError, midStreamError, stall, text } from '../fake-anthropic';
import { TEST_API_KEY, sentApiKey, useChatFixture } from './fixtures';

describe('Chat without an API key', () => {
  // An empty ANTHROPIC_API_KEY in the extension host means no key at all.
  const f = useChatFixture({ env: { ANTHROPIC_API_KEY: '' } });

  it('says so, offers Set API Key, and chats once a key is stored', async () => {
    await f.chat.open();
    const banner = f.chat.frame.getByRole('status').filter({ hasText: 'No Anthropic API key' });
    await banner.waitFor({ state: 'visible' });
    await banner.getByRole('button', { name: 'Set API Key' }).click();

    // VS Code's own password input box, in the workbench (not the webview).
    const box = f.wb.page.locator('.quick-input-widget input[type="password"]');
    await box.waitFor({ state: 'visible' });
    await box.fill(TEST_API_KEY);
    await box.press('Enter');
    await banner.waitFor({ state: 'hidden' });

    await f.chat.send('now with a key');
    await f.chat.waitForTranscriptText('You said: now with a key');
    const req = f.fake.requests.find((r) => r.path === '/v1/messages');
    assert.equal(sentApiKey(req!.headers), TEST_API_KEY);
  });
});

describe('Chat errors and Stop', () => {
  const f = useChatFixture({ settings: { 'claudeCompanion.maxRetries': 0 } });

  beforeEach(async () => {
    f.fake.reset();
    await f.chat.open();
  });

  it('a rejected key (401) shows an alert that says so and offers Set API Key', async () => {
    f.fake.enqueue(httpError(401));
    await f.chat.send('hello?');
    const alert = f.chat.alert.last();
    await alert.filter({ hasText: 'API key was rejected' }).waitFor({ state: 'visible' });
    assert.equal(await alert.getByRole('button', { name: 'Set API Key' }).count(), 1);
  });

  it('Stop aborts the HTTP request and keeps the partial answer', async () => {
    f.fake.enqueue(stall(4, text('One two three four five six seven eight nine ten eleven twelve.', { wordsPerChunk: 1 })));
    await f.chat.send('stream slowly');
    await f.chat.stopButton.waitFor({ state: 'visible' });
    await f.chat.waitForTranscriptText('One two');
    await f.chat.stopButton.click();
    const index = f.fake.requests.findIndex((r) => r.path === '/v1/messages');
    assert.equal(await f.fake.waitForOutcome(index, 10_000), 'client_closed', 'the HTTP request was aborted');
    await f.chat.sendButton.waitFor({ state: 'visible' });
    const turn = f.chat.assistantTurns.last();
    assert.match(await turn.innerText(), /One two/);
    assert.match(await turn.innerText(), /stopped/);
  });

  it('a stream that breaks mid-answer keeps the partial text; Retry gets the answer', async () => {
    f.fake.enqueue(midStreamError(2, text('Alpha beta gamma delta epsilon zeta eta theta.', { wordsPerChunk: 1 })), text('Recovered in full.'));
    await f.chat.send('fragile stream');
    // An earlier test's alert (the 401) is still in the transcript: wait for this stream's own alert.
    const alert = f.chat.alert.filter({ hasText: /overloaded/i }).last();
    await alert.waitFor({ state: 'visible' });
    assert.match(await alert.innerText(), /overloaded/i);
    assert.match(await f.chat.assistantTurns.last().innerText(), /Alpha/);
    await alert.getByRole('button', { name: 'Retry' }).click();
    await f.chat.waitForTranscriptText('Recovered in full.');
  });
});
