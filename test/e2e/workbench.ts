// Fixture: a fresh code-server with the packaged extension (.vsix) installed, opened in chromium.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { REPO_ROOT, scriptsLib, type CodeServer } from './scriptsLib';

export const ARTIFACTS_DIR = path.join(REPO_ROOT, '.test-artifacts', 'e2e');

export interface WorkbenchOptions {
  /** Extra environment for code-server and so the extension host (e.g. ANTHROPIC_BASE_URL). */
  env?: Record<string, string>;
  /** User settings merged over the quiet test defaults. */
  settings?: Record<string, unknown>;
  /** Folder copied to a temp dir and opened (default: test/fixtures/workspace). */
  workspaceFixture?: string;
  /** Packaged extension to install (default: $CLAUDE_COMPANION_VSIX or dist/claude-companion.vsix). */
  vsix?: string;
  /**
   * Keep VS Code's workspace trust on (default false: code-server runs with --disable-workspace-trust,
   * so every folder is trusted). With it, settings decide how the folder opens, e.g.
   * `security.workspace.trust.startupPrompt: 'never'` opens it in Restricted Mode without a dialog.
   */
  workspaceTrust?: boolean;
  /** Unpacked test-only extension folders installed next to it (e.g. test/harness/bench-extension). */
  extraExtensions?: string[];
}

export interface Workbench {
  page: Page;
  browser: Browser;
  server: CodeServer;
  /** The opened workspace folder (a temp copy of the fixture). */
  workspace: string;
  /** Recent browser console lines (workbench and webviews), for failure reports. */
  consoleLines: string[];
  /** code-server and extension-host log tails plus console lines. */
  diagnostics(): string;
  close(): Promise<void>;
}

export function defaultVsix(): string {
  return process.env.CLAUDE_COMPANION_VSIX || path.join(REPO_ROOT, 'dist', 'claude-companion.vsix');
}

export async function launchWorkbench(opts: WorkbenchOptions = {}): Promise<Workbench> {
  const lib = await scriptsLib();
  const vsix = opts.vsix ?? defaultVsix();
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} is missing; run: npm run package`);
  const paths = await lib.provision.provision({ log: () => {} });

  // Removed by close(), or by the runner's cleanup on Ctrl+C.
  const tmp = lib.fs.tempDir('cc-e2e');
  const userDataDir = path.join(tmp, 'user-data');
  const extensionsDir = path.join(tmp, 'extensions');
  const workspace = path.join(tmp, 'workspace');
  fs.cpSync(opts.workspaceFixture ?? path.join(REPO_ROOT, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  lib.codeServer.writeUserSettings(userDataDir, { ...lib.codeServer.QUIET_SETTINGS, ...opts.settings });
  await lib.codeServer.installExtension(vsix, { extensionsDir, userDataDir, paths });
  for (const dir of opts.extraExtensions ?? []) lib.codeServer.addExtensionFolder(dir, extensionsDir);

  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  const close = async (): Promise<void> => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    if (!process.env.CLAUDE_COMPANION_KEEP_TEMP) fs.rmSync(tmp, { recursive: true, force: true });
  };
  try {
    server = await lib.codeServer.launchCodeServer({ paths, userDataDir, extensionsDir, workspace, env: opts.env ?? {}, workspaceTrust: opts.workspaceTrust ?? false });
    browser = await lib.browser.launchChromium();
    let page: Page;
    try {
      page = await lib.browser.openWorkbench(browser, server.workbenchUrl());
    } catch (err) {
      // Chromium itself went away while the workbench loaded (seen once in CI, with nothing in the logs):
      // start it once more rather than fail a whole suite on the test machine's browser.
      if (browser.isConnected()) throw err;
      console.warn(`[e2e] chromium closed while the workbench loaded (${(err as Error).message.split('\n')[0]}); starting it again`);
      browser = await lib.browser.launchChromium();
      page = await lib.browser.openWorkbench(browser, server.workbenchUrl());
    }
    const consoleLines: string[] = [];
    const remember = (line: string): void => {
      consoleLines.push(line);
      if (consoleLines.length > 200) consoleLines.shift();
    };
    page.on('console', (m) => remember(`[${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => remember(`[pageerror] ${e.message}`));
    const srv = server;
    return {
      page,
      browser,
      server: srv,
      workspace,
      consoleLines,
      diagnostics: () =>
        [
          `--- code-server log (tail):\n${srv.logTail(3000)}`,
          `--- extension host logs (tail):\n${srv.exthostLogTail(3000) || '(none)'}`,
          `--- browser console (last ${consoleLines.length}):\n${consoleLines.join('\n')}`,
        ].join('\n\n'),
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

/** A file-name-safe version of a test title. */
export function slug(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 100);
}

/** Screenshot (and on failure a diagnostics log) named after the test, into .test-artifacts/e2e/. */
export async function captureArtifacts(wb: Workbench, test: Mocha.Test): Promise<void> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const failed = test.state === 'failed';
  const base = path.join(ARTIFACTS_DIR, `${slug(test.fullTitle())}${failed ? '.failed' : ''}`);
  await wb.page.screenshot({ path: `${base}.png` }).catch((err: Error) => console.error(`screenshot failed: ${err.message}`));
  if (failed) fs.writeFileSync(`${base}.log`, wb.diagnostics());
}

/** The Quick Open / command palette input. */
function quickInput(page: Page): Locator {
  return page.locator('.quick-input-widget input[type="text"], .quick-input-widget .quick-input-box input').first();
}

/** Opens a workspace file through Quick Open (Ctrl+P) and waits for its editor tab. */
export async function openFile(page: Page, name: string): Promise<void> {
  await page.locator('.monaco-workbench').focus();
  await page.keyboard.press('Control+P');
  const box = quickInput(page);
  await box.waitFor({ state: 'visible' });
  await box.fill(name);
  await page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
  await box.press('Enter');
  const base = path.basename(name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await page.locator('.part.editor .tabs-container').getByRole('tab', { name: new RegExp(`^${base}`) }).waitFor();
  // The editor takes the focus a moment after its tab appears; a palette opened before that would close.
  await page.locator('.part.editor .editor-group-container.active .monaco-editor.focused').waitFor();
}

/**
 * Runs a command through the command palette (F1) by its label, e.g. "Claude: Review Current File".
 * Once: a palette that does not open, or closes before the command is chosen (something took the focus;
 * openFile waits for the editor's focus for that reason), fails the test rather than being tried again.
 */
export async function runCommand(page: Page, label: string): Promise<void> {
  const box = quickInput(page);
  const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: label }).first();
  const step = async (what: string, action: () => Promise<unknown>): Promise<void> => {
    await action().catch((err: Error) => {
      throw new Error(`running "${label}" from the command palette: ${what} (${err.message.split('\n')[0]})`, { cause: err });
    });
  };
  await page.locator('.monaco-workbench').focus();
  await page.keyboard.press('F1');
  await step('the palette did not open', () => box.waitFor({ state: 'visible', timeout: 10_000 }));
  await step('the palette closed before the label was typed', () => box.fill(`>${label}`, { timeout: 5_000 }));
  await step('the command is not listed', () => row.waitFor({ timeout: 10_000 }));
  await step('the palette closed before the command was chosen', () => box.press('Enter', { timeout: 5_000 }));
}

/** The Problems panel: one row per file and one per problem. */
export class ProblemsPanel {
  constructor(readonly page: Page) {}

  get panel(): Locator {
    return this.page.locator('.markers-panel');
  }

  /** Problem rows (not file rows); their text holds the message, the source and "[Ln x, Col y]". */
  get problems(): Locator {
    return this.panel.locator('.monaco-list-row').filter({ has: this.page.locator('.marker-icon') });
  }

  /** A problem row whose text matches `text`. */
  problem(text: string | RegExp): Locator {
    return this.problems.filter({ hasText: text });
  }

  async open(): Promise<void> {
    // "View: Show Problems" is listed as "Problems: Focus on Problems View" (Ctrl+Shift+M toggles it).
    await runCommand(this.page, 'Problems: Focus on Problems View');
    await this.panel.waitFor({ state: 'visible' });
  }

  /** The text of every visible problem row, for assertions and failure messages. */
  async rowTexts(): Promise<string[]> {
    return (await this.problems.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  }
}
