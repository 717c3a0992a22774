// End to end: compacting a conversation from the panel. The Compact button (keyboard) and the
// "Compact Conversation" command summarize the older messages with the summary model; the panel shows a
// collapsed "Earlier conversation summarized" block before the first turn still sent in full.
import * as assert from 'node:assert/strict';
import { byModel, echoScenario, text, type RecordedRequest } from '../fake-anthropic';
import { contentText, useChatFixture } from './fixtures';

const SUMMARY = 'SUMMARY: the user asked two warm-up questions.';
const modelOf = (r: RecordedRequest) => (r.body as { model?: string }).model;

describe('Chat panel: compacting a conversation', () => {
  const f = useChatFixture({ settings: { 'claudeCompanion.context.keepRecentMessages': 2 } });

  beforeEach(async () => {
    f.fake.reset();
    f.fake.setDefault(byModel({ 'claude-haiku-5-5': text(SUMMARY) }, echoScenario));
    await f.chat.open();
    await f.chat.runCommand('Claude: New Chat');
  });

  it('the Compact button summarizes earlier messages into a collapsible block, by keyboard', async () => {
    const button = f.chat.frame.getByRole('button', { name: 'Compact conversation' });
    await button.waitFor({ state: 'hidden' });
    await f.chat.send('first question');
    await f.chat.waitForTranscriptText('You said: first question');
    await f.chat.send('second question');
    await f.chat.waitForTranscriptText('You said: second question');
    await f.chat.sendButton.waitFor({ state: 'visible' });

    await button.focus();
    await button.press('Enter');
    const block = f.chat.transcript.locator('details.compaction');
    await block.waitFor({ state: 'visible' });
    await f.chat.frame.getByRole('status').filter({ hasText: 'Earlier messages summarized.' }).waitFor();
    const summaryRequest = f.fake.requests.find((r) => r.path === '/v1/messages' && modelOf(r) === 'claude-haiku-5-5');
    assert.ok(summaryRequest, 'the summary came from the cheaper model');
    assert.match(JSON.stringify(summaryRequest.body), /first question/);

    // Collapsed, placed right before the first turn still sent in full, and opened and closed by keyboard.
    const toggle = block.locator('summary');
    assert.match(await toggle.innerText(), /^\s*Earlier conversation summarized · 2 messages · by claude-haiku-5-5/);
    assert.equal(await block.evaluate((el) => el.hasAttribute('open')), false);
    assert.equal(await block.evaluate((el) => el.nextElementSibling?.textContent?.includes('second question') ?? false), true);
    await toggle.focus();
    await toggle.press('Enter');
    await block.getByText(SUMMARY).waitFor({ state: 'visible' });
    await toggle.press('Enter');
    await block.getByText(SUMMARY).waitFor({ state: 'hidden' });

    // The next request sends the summary in place of the first exchange.
    await f.chat.send('third question');
    await f.chat.waitForTranscriptText('You said: third question');
    const chat = f.fake.requests.filter((r) => r.path === '/v1/messages' && modelOf(r) === 'claude-sonnet-5-5');
    const sent = (chat.at(-1)!.body as { messages: Array<{ role: string; content: unknown }> }).messages;
    assert.match(contentText(sent[0]!.content), /<conversation_summary>\nSUMMARY:/);
    assert.doesNotMatch(JSON.stringify(sent), /first question/);
    assert.match(contentText(sent[2]!.content), /second question/);
    // The panel still shows the whole conversation.
    await f.chat.waitForTranscriptText('You said: first question');
  });

  it('the Compact Conversation command works too, and says when there is nothing to compact', async () => {
    await f.chat.send('only question');
    await f.chat.waitForTranscriptText('You said: only question');
    await f.chat.sendButton.waitFor({ state: 'visible' });
    await f.chat.runCommand('Claude: Compact Conversation');
    await f.chat.frame.getByRole('status').filter({ hasText: 'Nothing to compact yet' }).waitFor();
    assert.equal(await f.chat.transcript.locator('details.compaction').count(), 0);

    await f.chat.send('another question');
    await f.chat.waitForTranscriptText('You said: another question');
    await f.chat.sendButton.waitFor({ state: 'visible' });
    await f.chat.runCommand('Claude: Compact Conversation');
    await f.chat.transcript.locator('details.compaction').waitFor({ state: 'visible' });

    // Hiding the panel tears the webview down; the snapshot it comes back with has the block in place.
    await f.wb.page.locator('.activitybar').getByRole('tab', { name: /^Explorer/ }).click();
    await f.chat.input.waitFor({ state: 'detached' });
    await f.chat.open();
    const block = f.chat.transcript.locator('details.compaction');
    await block.waitFor({ state: 'visible' });
    assert.equal(await block.evaluate((el) => el.nextElementSibling?.textContent?.includes('another question') ?? false), true);
  });
});
