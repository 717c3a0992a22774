// End to end: what a tool card shows. Its name and a short form of the input, the status as the call
// runs (done, failed), the result only when asked for, and while a write waits: Approve, Reject and a
// Show Diff link that opens the proposed change again after the user closed it.
import * as assert from 'node:assert/strict';
import { text, toolUse } from '../fake-anthropic';
import { useChatFixture } from './fixtures';

describe('Tool cards', () => {
  const f = useChatFixture();

  beforeEach(async () => {
    f.fake.reset();
    await f.chat.open();
  });

  it('show name, short input and status; the result opens on demand; a failed call says why', async () => {
    f.fake.enqueue(
      toolUse([
        { name: 'read_file', input: { path: 'src/greet.ts' } },
        { name: 'read_file', input: { path: 'src/missing.ts' } },
      ]),
      text('Read them.'),
    );
    await f.chat.send('read two files');
    await f.chat.waitForTranscriptText('Read them.');
    const [ok, missing] = [f.chat.toolCard('read_file').nth(0), f.chat.toolCard('read_file').nth(1)];
    await f.chat.withStatus(ok, 'done').waitFor({ state: 'visible' });
    await f.chat.withStatus(missing, 'failed').waitFor({ state: 'visible' });
    assert.match(await ok.locator('.tool-head').innerText(), /read_file\s+src\/greet\.ts\s+.*done/);
    assert.match(await missing.locator('.tool-head').innerText(), /src\/missing\.ts\s+.*failed/);

    const result = ok.locator('details.tool-result');
    const body = result.locator('.tool-result-text');
    assert.equal(await body.isVisible(), false, 'the result stays folded until asked for');
    await result.getByText('Result', { exact: true }).click();
    await body.waitFor({ state: 'visible' });
    assert.match(await body.innerText(), /export function greet/);

    await missing.locator('details.tool-result summary').click();
    assert.match(await missing.locator('.tool-result-text').innerText(), /missing\.ts/, 'the failure names the file');
    assert.match(await missing.locator('.tool-result-text').innerText(), /not (found|exist)/i, 'and says what is wrong');
  });

  it('while a write waits, Show Diff reopens the proposed change after it was closed; Reject ends it', async () => {
    const page = f.wb.page;
    f.fake.enqueue(toolUse({ name: 'write_file', input: { path: 'src/new-note.ts', content: 'export const note = 1;\n' } }), text('Left it.'));
    await f.chat.send('propose a file');
    const card = f.chat.toolCard('write_file').last();
    await f.chat.withStatus(card, 'awaiting_approval').waitFor({ state: 'visible', timeout: 30_000 });
    const tab = page.locator('.part.editor .tabs-container').getByRole('tab', { name: /^Proposed new file: src\/new-note\.ts \(Claude\)/ });
    await tab.waitFor({ state: 'visible' });
    await f.chat.runCommand('View: Close All Editors');
    await tab.waitFor({ state: 'hidden' });
    await card.getByRole('button', { name: 'Show Diff', exact: true }).click();
    await tab.waitFor({ state: 'visible' });
    await card.getByRole('button', { name: 'Reject', exact: true }).click();
    await f.chat.withStatus(card, 'declined').waitFor({ state: 'visible' });
    await f.chat.waitForTranscriptText('Left it.');
    assert.equal(await card.getByRole('button', { name: 'Show Diff', exact: true }).count(), 0, 'no diff link once decided');
  });
});
