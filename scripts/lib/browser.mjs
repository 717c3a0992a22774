// Debian's chromium driven by playwright-core (`npx playwright install` can't download here).
import fs from 'node:fs';
import { chromium } from 'playwright-core';
import { onCleanup } from './proc.mjs';

export const CHROMIUM_PATH = process.env.CLAUDE_COMPANION_CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium({ headless = process.env.CLAUDE_COMPANION_HEADED ? false : true } = {}) {
  if (!fs.existsSync(CHROMIUM_PATH)) throw new Error(`chromium not found at ${CHROMIUM_PATH} (apt-get install -y chromium, or set CLAUDE_COMPANION_CHROMIUM)`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless,
    args: CHROMIUM_ARGS,
    // Our own signal handlers (proc.mjs) close the browser as part of the ordered cleanup.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  onCleanup(() => browser.close().catch(() => {}));
  return browser;
}

/**
 * Opens the workbench and waits until it has rendered. In code-server the extension host only
 * starts once a browser window connects, so this is also what starts the extensions. `beforeLoad(page)`
 * runs before the page loads.
 */
export async function openWorkbench(browser, url, { viewport = { width: 1400, height: 900 }, timeoutMs = 60_000, beforeLoad } = {}) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  // e.g. functions exposed to the page, which must exist before its scripts run.
  if (beforeLoad) await beforeLoad(page);
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: timeoutMs });
  return page;
}
