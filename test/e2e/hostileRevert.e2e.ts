// End to end: "Revert this turn" as the user meets it in the real panel. Its button is disabled while a
// turn streams, and reverting a file changed since the turn shows the editor's modal listing the file:
// Cancel leaves the file as it is and the button usable; Revert Anyway restores the original.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator } from 'playwright-core';
import { stall, text, toolUse } from '../fake-anthropic';
import { useChatFixture } from './fixtures';

/** Waits (Playwright auto-wait) for `target`; on timeout the error says what `shownIn` shows instead. */
async function waitShown(target: Locator, expected: string, shownIn: Locator, state: 'visible' | 'hidden' = 'visible'): Promise<void> {
  try {
    await target.waitFor({ state, timeout: 30_000 });
  } catch (err) {
    const shown = await shownIn.innerText({ timeout: 1000 }).catch(() => '(not found)');
    throw new Error(`${expected} (${state}); it shows:\n${shown || '(empty)'}`, { cause: err });
  }
}

describe('hostile workspace: revert in the panel', () => {
  const f = useChatFixture({ settings: { 'claudeCompanion.agent.autoApprove.writes': true } });
  const created: string[] = [];

  beforeEach(async () => {
    f.fake.reset();
    await f.chat.open();
  });

  after(() => {
    for (const file of created) fs.rmSync(file, { force: true });
  });

  /** A turn that auto-approves a write of `content` to `name` (which holds `original\n` first); its article. */
  async function turnWriting(name: string, content: string, reply: string): Promise<{ file: string; turn: Locator; revert: Locator }> {
    const file = path.join(f.wb.workspace, name);
    created.push(file);
    fs.writeFileSync(file, 'original\n');
    f.fake.enqueue(toolUse({ name: 'write_file', input: { path: name, content } }), text(reply));
    await f.chat.send(`write ${name}`);
    await f.chat.waitForTranscriptText(reply);
    const turn = f.chat.assistantTurns.filter({ hasText: reply });
    const revert = turn.getByRole('button', { name: 'Revert this turn', exact: true });
    await waitShown(revert, 'no "Revert this turn" button under the turn', turn);
    assert.equal(fs.readFileSync(file, 'utf8'), content);
    return { file, turn, revert };
  }

  it('the Revert button is disabled while a later turn streams, and enabled again once it ends', async () => {
    const { file, turn, revert } = await turnWriting('revert-e2e-busy.txt', 'turn\n', 'Wrote the busy file.');
    assert.equal(await revert.isEnabled(), true);
    f.fake.enqueue(stall(2, text('A long answer that never arrives')));
    await f.chat.send('take your time');
    await waitShown(f.chat.stopButton, 'no Stop button while the next turn streams', f.chat.transcript);
    await waitShown(turn.locator('button.revert:disabled'), 'the Revert button stayed enabled while a turn streamed', turn);
    await f.chat.stopButton.click();
    await waitShown(turn.locator('button.revert:enabled'), 'the Revert button stayed disabled after the turn ended', turn);
    assert.equal(fs.readFileSync(file, 'utf8'), 'turn\n', 'nothing was reverted meanwhile');
  });

  it('a file changed since the turn: a modal lists it; Cancel keeps it, Revert Anyway restores the original', async () => {
    const page = f.wb.page;
    const { file, turn, revert } = await turnWriting('revert-e2e-changed.txt', 'turn\n', 'Wrote the changed file.');
    fs.writeFileSync(file, 'turn\nmine\n');
    const dialog = page.locator('.monaco-dialog-box').filter({ hasText: /changed after Claude/ });

    await revert.click();
    await waitShown(dialog, 'no modal before reverting a file changed since the turn', page.locator('.monaco-workbench'));
    assert.match(await dialog.innerText(), /revert-e2e-changed\.txt/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await waitShown(dialog, 'the modal stayed open', page.locator('.monaco-workbench'), 'hidden');
    await waitShown(turn.locator('button.revert:enabled'), 'the Revert button stayed disabled after Cancel', turn);
    assert.equal(fs.readFileSync(file, 'utf8'), 'turn\nmine\n', 'Cancel changed the file');

    await revert.click();
    await waitShown(dialog, 'no modal the second time', page.locator('.monaco-workbench'));
    await dialog.getByRole('button', { name: 'Revert Anyway' }).click();
    await waitShown(turn.getByRole('status').filter({ hasText: 'Reverted:' }), 'no "Reverted: …" line', turn);
    assert.equal(fs.readFileSync(file, 'utf8'), 'original\n');
  });
});
