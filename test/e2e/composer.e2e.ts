// End to end: the composer's `@` file picker (ignore rules, keyboard, the file going with the message),
// pasted images (downscaled in the webview, sent as image blocks), the model and thinking selects
// (the next request uses them), and Enter / Shift+Enter.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { imageSize, lastUserText, type FakeAnthropic, type RecordedRequest } from '../fake-anthropic';
import { useChatFixture } from './fixtures';

function messagesRequests(fake: FakeAnthropic): RecordedRequest[] {
  return fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/messages');
}

type Body = { model?: string; thinking?: { type: string }; output_config?: { effort?: string }; messages: { role: string; content: unknown }[] };

function lastBody(fake: FakeAnthropic): Body {
  const sent = messagesRequests(fake);
  assert.ok(sent.length > 0, 'no /v1/messages request reached the fake');
  return sent.at(-1)!.body as Body;
}

describe('composer', () => {
  const f = useChatFixture();
  let greetSource = '';

  before(() => {
    const ws = f.wb.workspace;
    // An ignored file that matches the query, and a secret the tools never touch.
    fs.writeFileSync(path.join(ws, '.gitignore'), 'generated/\n');
    fs.mkdirSync(path.join(ws, 'generated'), { recursive: true });
    fs.writeFileSync(path.join(ws, 'generated', 'greet-output.ts'), 'export const built = true;\n');
    fs.writeFileSync(path.join(ws, '.env'), 'GREET_SECRET=hunter2\n');
    greetSource = fs.readFileSync(path.join(ws, 'src', 'greet.ts'), 'utf8');
  });

  beforeEach(async () => {
    f.fake.reset();
    await f.chat.open();
  });

  it('Enter sends and Shift+Enter adds a line', async () => {
    await f.chat.input.click();
    await f.chat.input.pressSequentially('line one');
    await f.chat.input.press('Shift+Enter');
    await f.chat.input.pressSequentially('line two');
    assert.equal(await f.chat.input.inputValue(), 'line one\nline two', 'Shift+Enter inserts a newline and sends nothing');
    assert.equal(messagesRequests(f.fake).length, 0);
    await f.chat.input.press('Enter');
    await f.chat.waitForTranscriptText('You said: line one');
    assert.equal(lastUserText(lastBody(f.fake)), 'line one\nline two');
    assert.equal(await f.chat.input.inputValue(), '', 'the box is cleared after sending');
  });

  it('@ lists matching workspace files but not ignored ones; the keyboard picks one and it goes with the message', async () => {
    await f.chat.input.click();
    await f.chat.input.pressSequentially('Explain @gree');
    await f.chat.fileOptions.filter({ hasText: 'greet' }).first().waitFor();
    await f.chat.filePicker.getByRole('option', { name: 'src/greet.ts', exact: true }).waitFor();
    const names = await f.chat.fileOptions.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    assert.equal(names[0], 'src/greet.ts', `best match first; the picker shows ${names.join(', ')}`);
    assert.ok(!names.includes('generated/greet-output.ts'), `a .gitignore'd file is offered: ${names.join(', ')}`);

    // The box points at the active option; Down and Up move it.
    const activeId = () => f.chat.input.getAttribute('aria-activedescendant');
    const firstId = await f.chat.fileOptions.first().getAttribute('id');
    assert.equal(await activeId(), firstId);
    assert.equal(await f.chat.fileOptions.first().getAttribute('aria-selected'), 'true');
    await f.chat.input.press('ArrowDown');
    await f.chat.input.press('ArrowUp');
    assert.equal(await activeId(), firstId);

    await f.chat.input.press('Enter');
    await f.chat.filePicker.waitFor({ state: 'hidden' });
    assert.equal(await f.chat.input.inputValue(), 'Explain ', 'picking removes the @query and sends nothing');
    const chip = f.chat.attachedChips.getByText('src/greet.ts', { exact: true });
    await chip.waitFor();
    await f.chat.attachedChips.getByRole('button', { name: 'Remove src/greet.ts' }).waitFor();
    assert.equal(messagesRequests(f.fake).length, 0);

    await f.chat.input.pressSequentially('this file');
    await f.chat.input.press('Enter');
    await f.chat.waitForTranscriptText('this file');
    await f.chat.assistantTurns.last().filter({ hasText: 'You said:' }).waitFor();
    const sent = JSON.stringify(lastBody(f.fake).messages.at(-1));
    assert.ok(sent.includes(JSON.stringify(greetSource.trimEnd()).slice(1, -1)), `the request does not carry src/greet.ts:\n${sent}`);
    await f.chat.attachedChips.waitFor({ state: 'hidden' });
  });

  it('@ never offers secrets such as .env, and Escape closes the picker', async () => {
    await f.chat.input.click();
    await f.chat.input.pressSequentially('@.en');
    await f.chat.filePicker.locator('..').getByText('No matching files').waitFor();
    assert.equal(await f.chat.fileOptions.count(), 0, '.env must not be offered');
    await f.chat.input.press('Escape');
    await f.chat.filePicker.waitFor({ state: 'hidden' });
    assert.equal(await f.chat.input.inputValue(), '@.en', 'Escape keeps what was typed');
    await f.chat.input.fill('');
  });

  it('a pasted 3000×2000 image is downscaled to 1568×1045, shown with a token estimate and sent as an image block', async () => {
    await f.chat.input.click();
    await f.chat.pasteImage(3000, 2000, 'screenshot.png');
    const chip = f.chat.attachedChips.locator('.image-chip');
    await chip.filter({ hasText: '1568×1045' }).waitFor();
    const shown = await chip.innerText();
    assert.match(shown, /screenshot\.png/);
    assert.match(shown, /~2,185 tokens/, `the chip shows ${shown}`);
    await f.chat.attachedChips.getByRole('button', { name: 'Remove screenshot.png' }).waitFor();
    const thumbWidth = await chip.getByRole('img', { name: 'Preview of screenshot.png' }).evaluate(async (img) => {
      const image = img as unknown as { decode(): Promise<void>; naturalWidth: number };
      await image.decode();
      return image.naturalWidth;
    });
    assert.equal(thumbWidth, 1568, 'the thumbnail shows the scaled image');

    await f.chat.send('What is in this picture?');
    await f.chat.waitForTranscriptText('[image: screenshot.png 1568×1045]');
    await f.chat.assistantTurns.last().filter({ hasText: 'You said: What is in this picture?' }).waitFor();
    const content = lastBody(f.fake).messages.at(-1)!.content as { type: string; source?: { type: string; media_type: string; data: string } }[];
    assert.deepEqual(
      content.map((b) => b.type),
      ['image', 'text'],
      'the image goes before the text',
    );
    const source = content[0]!.source!;
    assert.equal(source.type, 'base64');
    assert.equal(source.media_type, 'image/png', 'a PNG stays PNG');
    const size = imageSize(Buffer.from(source.data, 'base64'));
    assert.ok(size, 'the image data decodes');
    assert.ok(Math.max(size.width, size.height) <= 1568, `long edge ${size.width}×${size.height}`);
    assert.deepEqual(size, { width: 1568, height: 1045 });
    await f.chat.attachedChips.waitFor({ state: 'hidden' });
  });

  it('a dropped file that is not an image is refused with a clear message', async () => {
    await f.chat.dropFile('notes.txt', 'text/plain', 'hello');
    await f.chat.alert.filter({ hasText: 'notes.txt is not an image' }).waitFor();
    assert.ok(await f.chat.attachedChips.isHidden(), 'nothing was attached');
    await f.chat.input.fill('x');
    await f.chat.alert.waitFor({ state: 'hidden' });
    await f.chat.input.fill('');
  });

  it('the Thinking select sets the next request\'s thinking and effort', async () => {
    const select = f.chat.thinkingSelect;
    try {
      await f.chat.chooseComposerOption(select, 'off:default');
      await f.chat.send('no thinking please');
      await f.chat.waitForTranscriptText('You said: no thinking please');
      let body = lastBody(f.fake);
      assert.deepEqual(body.thinking, { type: 'disabled' });
      assert.equal(body.output_config, undefined);

      await f.chat.chooseComposerOption(select, 'adaptive:high');
      assert.equal(await select.locator('option:checked').innerText(), 'Adaptive thinking, high effort');
      await f.chat.send('think hard');
      await f.chat.waitForTranscriptText('You said: think hard');
      body = lastBody(f.fake);
      assert.deepEqual(body.thinking, { type: 'adaptive' });
      assert.deepEqual(body.output_config, { effort: 'high' });
    } finally {
      await f.chat.chooseComposerOption(select, 'adaptive:default');
    }
  });

  // Last: it changes the model setting (and puts it back).
  it('the Model select sets the next request\'s model and follows Claude: Select Model', async () => {
    const select = f.chat.modelSelect;
    try {
      await f.chat.chooseComposerOption(select, 'claude-haiku-5-5');
      await f.chat.send('which model?');
      await f.chat.waitForTranscriptText('You said: which model?');
      assert.equal(lastBody(f.fake).model, 'claude-haiku-5-5');
      // Haiku has no extra-high effort, so the Thinking select does not offer it.
      assert.equal(await f.chat.thinkingSelect.locator('option', { hasText: 'extra high' }).count(), 0);

      // The command changes the same setting, and the select follows.
      await f.chat.runCommand('Claude: Select Model');
      const rows = f.wb.page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
      await rows.filter({ hasText: 'Claude Opus 5.5' }).click();
      await select.filter({ has: f.chat.frame.locator('option[value="claude-opus-5-5"]:checked') }).waitFor();
    } finally {
      await f.chat.chooseComposerOption(select, 'claude-sonnet-5-5');
    }
  });
});
