// Types for browser.mjs.
import type { Browser, Page } from 'playwright-core';
export declare const CHROMIUM_PATH: string;
export declare const CHROMIUM_ARGS: string[];
export declare function launchChromium(opts?: { headless?: boolean }): Promise<Browser>;
export declare function openWorkbench(
  browser: Browser,
  url: string,
  opts?: { viewport?: { width: number; height: number }; timeoutMs?: number; beforeLoad?: (page: Page) => Promise<unknown> },
): Promise<Page>;
