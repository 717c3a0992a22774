// End to end: a 1,000-turn conversation (stored in the history by the bench harness extension and opened
// from the history list) keeps the webview's DOM small, renders old turns when the reader scrolls up to
// them, and still follows the bottom and answers new questions.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Locator } from 'playwright-core';
import { answerMarker, longConversation, questionText } from '../support/longConversation';
import { useChatFixture } from './fixtures';
import { REPO_ROOT } from './scriptsLib';

const TURNS = 1000;
const DOM_BUDGET = 5000;
/** NodeFilter.SHOW_ALL (this suite compiles without the DOM lib). */
const SHOW_ALL = 0xffffffff;
const conversationFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cc-long-')), 'conversation.json');
fs.writeFileSync(conversationFile, JSON.stringify(longConversation(TURNS)));

/** Every node (elements, text, comments) in the webview document holding `log`. */
function domNodes(log: Locator): Promise<number> {
  return log.evaluate((el, showAll) => {
    const walker = el.ownerDocument.createTreeWalker(el.ownerDocument, showAll);
    let n = 0;
    while (walker.nextNode()) n++;
    return n;
  }, SHOW_ALL);
}

describe('long transcript', () => {
  const f = useChatFixture({
    env: { CLAUDE_COMPANION_BENCH_CONVERSATION: conversationFile },
    extraExtensions: [path.join(REPO_ROOT, 'test', 'harness', 'bench-extension')],
  });

  after(() => fs.rmSync(path.dirname(conversationFile), { recursive: true, force: true }));

  it('a 1,000-turn conversation keeps the DOM bounded, renders the first turn when scrolled to, and follows new answers', async () => {
    await f.chat.open();
    await f.chat.runCommand('Companion Bench: Load Conversation');
    // The packaged extension has no test API: the conversation opens from the history list, as a user opens it.
    await f.chat.frame.getByRole('button', { name: `Open Companion Bench: ${TURNS} messages` }).click();
    const last = TURNS / 2;
    const log = f.chat.transcript;
    await log.getByText(answerMarker(last)).waitFor({ state: 'visible', timeout: 60_000 });
    const loaded = await domNodes(log);
    assert.ok(loaded <= DOM_BUDGET, `after loading ${TURNS} turns the webview has ${loaded} DOM nodes (budget ${DOM_BUDGET})`);

    // The reader scrolls up through the whole history, a screenful or so per frame pair; the DOM stays
    // bounded all the way, and the first question and answer render at the top.
    const most = await log.evaluate(async (el, showAll) => {
      // This suite compiles without the DOM lib; the page has it.
      const raf = (globalThis as unknown as { requestAnimationFrame: (cb: () => void) => number }).requestAnimationFrame;
      const frames = () => new Promise<void>((resolve) => raf(() => raf(resolve)));
      const count = () => {
        const walker = el.ownerDocument.createTreeWalker(el.ownerDocument, showAll);
        let n = 0;
        while (walker.nextNode()) n++;
        return n;
      };
      let max = 0;
      for (let steps = 0; el.scrollTop > 0 && steps < 2000; steps++) {
        el.scrollTop = Math.max(0, el.scrollTop - 1500);
        await frames();
        max = Math.max(max, count());
      }
      return max;
    }, SHOW_ALL);
    assert.ok(most <= DOM_BUDGET, `scrolling up through ${TURNS} turns the webview had up to ${most} DOM nodes (budget ${DOM_BUDGET})`);
    const first = log.getByText(questionText(1), { exact: true });
    await first.waitFor({ state: 'visible', timeout: 30_000 });
    await f.chat.assistantTurns.filter({ hasText: answerMarker(1) }).waitFor({ state: 'visible' });
    // Rendering the top may grow it; the first turn is still the one at the top of the view.
    assert.ok((await log.evaluate((el) => el.scrollTop)) < 50, 'the view stays at the top while old turns render');
    const atTop = await domNodes(log);
    assert.ok(atTop <= DOM_BUDGET, `scrolled to the top the webview has ${atTop} DOM nodes (budget ${DOM_BUDGET})`);
    assert.equal(await log.getByText(answerMarker(last)).count(), 0, 'the newest turns, far below, collapsed meanwhile');

    // Back to the bottom: the newest answer shows again, and a new question is answered and followed.
    await log.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await log.getByText(answerMarker(last)).waitFor({ state: 'visible', timeout: 30_000 });
    await f.chat.send('one more question after the long history');
    await f.chat.waitForTranscriptText('You said: one more question after the long history');
    const request = f.fake.requests.at(-1);
    assert.equal((request?.body as { messages?: unknown[] }).messages?.length, TURNS + 1, 'the stored history was sent with the new question');
    assert.ok(await log.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight <= 24), 'the view follows the new answer at the bottom');
    assert.ok((await domNodes(log)) <= DOM_BUDGET);
  });
});
