// End to end: panel behaviour a user relies on while reading and typing: Up recalls earlier messages,
// and a reader who scrolls up is not dragged down by streaming text but offered "Jump to latest".
import * as assert from 'node:assert/strict';
import { paced, text } from '../fake-anthropic';
import { useChatFixture } from './fixtures';

describe('Chat panel: composer and scrolling', () => {
  const f = useChatFixture();

  beforeEach(async () => {
    f.fake.reset();
    await f.chat.open();
  });

  it('Up in an empty message box recalls earlier messages, Down goes forward again', async () => {
    await f.chat.send('first question');
    await f.chat.waitForTranscriptText('You said: first question');
    await f.chat.send('second question');
    await f.chat.waitForTranscriptText('You said: second question');
    await f.chat.sendButton.waitFor({ state: 'visible' });
    await f.chat.input.click();
    assert.equal(await f.chat.input.inputValue(), '');
    await f.chat.input.press('ArrowUp');
    assert.equal(await f.chat.input.inputValue(), 'second question');
    await f.chat.input.press('ArrowUp');
    assert.equal(await f.chat.input.inputValue(), 'first question');
    await f.chat.input.press('ArrowDown');
    assert.equal(await f.chat.input.inputValue(), 'second question');
    await f.chat.input.press('ArrowDown');
    assert.equal(await f.chat.input.inputValue(), '');
    await f.chat.input.fill('draft in progress');
    await f.chat.input.press('ArrowUp');
    assert.equal(await f.chat.input.inputValue(), 'draft in progress', 'Up never replaces what the user is typing');
  });

  it('scrolling up while an answer streams stops the auto-scroll and offers Jump to latest', async () => {
    // An earlier turn sits far above the answer: scrolling up brings it near, which used to run the
    // turn observer (and its keep-the-bottom scroll) before the end marker reported the reader leaving.
    f.fake.enqueue(text('An earlier, short answer.'));
    await f.chat.send('a short one first');
    await f.chat.waitForTranscriptText('An earlier, short answer.');
    await f.chat.sendButton.waitFor({ state: 'visible' });
    const lines = Array.from({ length: 240 }, (_, i) => `Line ${i + 1} of a long answer.`);
    f.fake.enqueue(paced(40, text(lines.map((l) => `${l}\n\n`))));
    await f.chat.send('a long answer please');
    // 100 paragraphs are far taller than the view plus the 1,200 px the turn observer looks ahead.
    await f.chat.waitForTranscriptText('Line 100 of');
    const log = f.chat.transcript;
    // While following, every painted frame shows the bottom, however much text the frame added.
    const followed = await log.evaluate(async (el) => {
      const gaps: number[] = [];
      const start = el.scrollHeight;
      for (let i = 0; i < 30; i++) {
        // After the frame's paint (a task queued from its animation frame), as the reader saw it.
        const w = globalThis as unknown as { requestAnimationFrame(cb: () => void): number };
        await new Promise<void>((resolve) => w.requestAnimationFrame(() => setTimeout(resolve, 0)));
        gaps.push(Math.round(el.scrollHeight - el.scrollTop - el.clientHeight));
      }
      return { gaps, grew: el.scrollHeight - start };
    });
    assert.ok(followed.grew > 0, 'text kept arriving while sampled');
    assert.ok(followed.gaps.every((g) => g <= 24), `distance from the bottom in each frame: ${followed.gaps.join(', ')}`);
    // The reader scrolls to the top while text keeps arriving.
    await log.evaluate((el) => {
      el.scrollTop = 0;
      el.dispatchEvent(new Event('scroll'));
    });
    const jump = f.chat.frame.getByRole('button', { name: 'Jump to latest' });
    await jump.waitFor({ state: 'visible' });
    await f.chat.waitForTranscriptText('Line 150 of');
    assert.ok((await log.evaluate((el) => el.scrollTop)) < 50, 'the reader stays where they scrolled');
    await jump.click();
    await jump.waitFor({ state: 'hidden' });
    const atBottom = await log.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight <= 24);
    assert.ok(atBottom, 'Jump to latest scrolls to the bottom');
    await f.chat.waitForTranscriptText('Line 240 of', { timeoutMs: 30_000 });
    assert.ok(await log.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight <= 24), 'and it follows again');
  });

  it('attaching an image while an answer streams shortens the log, and the bottom stays in view', async () => {
    const lines = Array.from({ length: 160 }, (_, i) => `Step ${i + 1} of a long answer.`);
    f.fake.enqueue(paced(40, text(lines.map((l) => `${l}\n\n`))));
    await f.chat.send('stream while I attach a screenshot');
    await f.chat.waitForTranscriptText('Step 30 of');
    const log = f.chat.transcript;
    const before = await log.evaluate((el) => el.clientHeight);
    await f.chat.input.click();
    await f.chat.pasteImage(800, 600, 'shot.png');
    await f.chat.attachedChips.locator('.image-chip').waitFor();
    const after = await log.evaluate((el) => el.clientHeight);
    assert.ok(after < before - 24, `the chip row takes room from the log (${before} → ${after} px)`);
    // The shorter view keeps following: the bottom is in view in every painted frame from here on.
    const gaps = await log.evaluate(async (el) => {
      const out: number[] = [];
      const w = globalThis as unknown as { requestAnimationFrame(cb: () => void): number };
      for (let i = 0; i < 20; i++) {
        await new Promise<void>((resolve) => w.requestAnimationFrame(() => setTimeout(resolve, 0)));
        out.push(Math.round(el.scrollHeight - el.scrollTop - el.clientHeight));
      }
      return out;
    });
    assert.ok(gaps.every((g) => g <= 24), `distance from the bottom in each frame: ${gaps.join(', ')}`);
    assert.equal(await f.chat.frame.getByRole('button', { name: 'Jump to latest' }).isVisible(), false, 'no Jump to latest: the reader did not scroll');
    await f.chat.attachedChips.getByRole('button', { name: 'Remove shot.png' }).click();
    await f.chat.waitForTranscriptText('Step 160 of', { timeoutMs: 30_000 });
    await f.chat.sendButton.waitFor({ state: 'visible' });
  });

  it('a context-window meter shows how much of the model\'s window the conversation fills', async () => {
    await f.chat.runCommand('Claude: New Chat');
    const meter = f.chat.frame.getByRole('meter', { name: 'Context window' });
    // New Chat clears the meter: there is nothing in the window before the first request.
    await meter.waitFor({ state: 'hidden' });
    f.fake.enqueue(text('Short answer.'));
    await f.chat.send('how full is the window?');
    await f.chat.waitForTranscriptText('Short answer.');
    await meter.waitFor({ state: 'visible' });
    const [used, max, label] = await Promise.all([meter.getAttribute('aria-valuenow'), meter.getAttribute('aria-valuemax'), meter.getAttribute('aria-valuetext')]);
    const request = f.fake.requests.filter((r) => r.path === '/v1/messages').at(-1);
    assert.equal((request?.body as { model?: string }).model, 'claude-sonnet-5-5');
    assert.equal(Number(max), 1_000_000, 'Sonnet 5.5 has a 1M-token window');
    assert.ok(Number(used) > 0, `meter value ${used}`);
    assert.match(label ?? '', /^[\d,.K]+ of 1\.0M tokens \(\d+(\.\d)?%\)$/);
  });

  it('hiding the panel mid-answer loses nothing: it comes back with a snapshot and keeps streaming', async () => {
    const lines = Array.from({ length: 120 }, (_, i) => `Row ${i + 1} of the answer.`);
    f.fake.enqueue(paced(60, text(lines.map((l) => `${l}\n\n`))));
    await f.chat.send('stream while I look elsewhere');
    await f.chat.waitForTranscriptText('Row 10 of');
    // Switch the side bar to the Explorer: the chat webview is torn down while the answer streams on.
    await f.wb.page.locator('.activitybar').getByRole('tab', { name: /^Explorer/ }).click();
    await f.chat.input.waitFor({ state: 'detached' });
    const answering = f.fake.requests.map((r) => r.path).lastIndexOf('/v1/messages');
    await f.fake.waitForOutcome(answering, 30_000);
    await f.chat.open();
    const shown = await f.chat.waitForTranscriptText('Row 120 of');
    for (const n of [1, 10, 60, 119]) assert.ok(shown.includes(`Row ${n} of the answer.`), `row ${n} is shown after the panel came back`);
    await f.chat.sendButton.waitFor({ state: 'visible' });
    assert.equal(await f.chat.assistantTurns.last().getAttribute('aria-busy'), 'false');
  });
});
