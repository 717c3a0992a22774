// End to end: the panel in light, dark and high-contrast themes. Each theme gets a screenshot in
// .test-artifacts/screenshots/ for a person to look at, and a measured contrast check of the text a
// user reads, so "legible" is asserted rather than eyeballed.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { message, toolUse } from '../fake-anthropic';
import { useChatFixture } from './fixtures';
import { ARTIFACTS_DIR } from './workbench';

const SCREENSHOTS = path.join(ARTIFACTS_DIR, '..', 'screenshots');

const THEMES = [
  { name: 'light', theme: 'Light Modern', bodyClass: 'vscode-light' },
  { name: 'dark', theme: 'Dark Modern', bodyClass: 'vscode-dark' },
  { name: 'high-contrast', theme: 'Dark High Contrast', bodyClass: 'vscode-high-contrast' },
] as const;

/** Elements a user reads, with the WCAG contrast each needs (4.5 body text, 3 secondary/large). */
const READABLE: readonly { selector: string; min: number }[] = [
  { selector: '.turn.user .user-text', min: 4.5 },
  { selector: '.turn.assistant .block.text p', min: 4.5 },
  { selector: '.turn.assistant .block.text code', min: 4.5 },
  { selector: 'details.thinking > summary', min: 3 },
  { selector: '.tool .tool-name', min: 4.5 },
  { selector: 'textarea', min: 4.5 },
  { selector: '.turn-meta', min: 3 },
];

describe('Chat panel: themes', () => {
  const f = useChatFixture();

  before(async function () {
    this.timeout(120_000);
    await f.chat.open();
    f.fake.enqueue(
      toolUse({ name: 'list_files', input: { path: 'src' } }, { thinking: 'The user wants an overview, so I will list the source folder first.' }),
      message([{ type: 'text', text: '## Overview\n\nThe `src` folder holds **one** module:\n\n- `greet.ts` says hello\n\n```ts\nexport const greet = (name: string) => `Hello, ${name}`;\n```\n' }]),
    );
    await f.chat.send('Give me an overview of src');
    await f.chat.waitForTranscriptText('says hello');
    await f.chat.sendButton.waitFor({ state: 'visible' });
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  });

  for (const t of THEMES) {
    it(`is legible in the ${t.name} theme (screenshot: screenshots/panel-${t.name}.png)`, async () => {
      // As a user would: Ctrl+K Ctrl+T opens the theme picker, which applies the chosen theme on Enter.
      await f.wb.page.locator('.monaco-workbench').focus();
      await f.wb.page.keyboard.press('Control+K');
      await f.wb.page.keyboard.press('Control+T');
      const box = f.wb.page.locator('.quick-input-widget input[type="text"], .quick-input-widget .quick-input-box input').first();
      await box.fill(t.theme);
      await f.wb.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: t.theme }).first().waitFor();
      await box.press('Enter');
      await f.chat.frame.locator(`body.${t.bodyClass}`).waitFor({ timeout: 30_000 });
      await f.wb.page.locator('.part.sidebar').screenshot({ path: path.join(SCREENSHOTS, `panel-${t.name}.png`) });
      const failures: string[] = [];
      for (const { selector, min } of READABLE) {
        const ratio = await f.chat.frame.locator(selector).first().evaluate(contrastOf);
        if (!(ratio >= min)) failures.push(`${selector}: ${ratio.toFixed(2)} < ${min}`);
      }
      assert.deepEqual(failures, [], `contrast in ${t.theme}`);
    });
  }
});

// Runs in the webview; the test project has no DOM typings, so declare the little it uses.
interface ElementLike {
  readonly parentElement: ElementLike | null;
}
declare function getComputedStyle(el: ElementLike): { readonly color: string; readonly backgroundColor: string };

/** WCAG contrast of an element's text against the first opaque background behind it (runs in the page). */
function contrastOf(el: ElementLike): number {
  const parse = (c: string): [number, number, number, number] => {
    const m = /rgba?\(([^)]+)\)/.exec(c);
    if (!m) return [0, 0, 0, 0];
    const [r = 0, g = 0, b = 0, a = 1] = m[1]!.split(/[ ,/]+/).filter(Boolean).map(Number);
    return [r, g, b, a];
  };
  const over = (top: number[], bottom: number[]): [number, number, number, number] => {
    const a = top[3]!;
    return [0, 1, 2].map((i) => top[i]! * a + bottom[i]! * (1 - a)).concat(1) as [number, number, number, number];
  };
  const layers: [number, number, number, number][] = [];
  for (let node: ElementLike | null = el; node; node = node.parentElement) {
    const bg = parse(getComputedStyle(node).backgroundColor);
    if (bg[3] > 0) layers.push(bg);
    if (bg[3] >= 1) break;
  }
  let background: [number, number, number, number] = [255, 255, 255, 1];
  if (layers.length && layers.at(-1)![3] >= 1) background = layers.pop()!;
  for (const layer of layers.reverse()) background = over(layer, background);
  const fg = over(parse(getComputedStyle(el).color), background);
  const luminance = (c: number[]): number => {
    const [r, g, b] = c.slice(0, 3).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [l1, l2] = [luminance(fg), luminance(background)].sort((a, b) => b - a);
  return (l1! + 0.05) / (l2! + 0.05);
}
