// Types for codeServer.mjs.
import type { ChildProcess } from 'node:child_process';
import type { CodeServerPaths } from './cache.mjs';

export declare const QUIET_SETTINGS: Record<string, unknown>;
export declare function writeUserSettings(userDataDir: string, settings?: Record<string, unknown>): void;
export declare function installExtension(
  vsix: string,
  opts: { extensionsDir: string; userDataDir?: string; paths?: CodeServerPaths; quiet?: boolean },
): Promise<void>;
export declare function copyExtensionFolder(
  srcDir: string,
  extensionsDir: string,
  opts?: { include?: string[] },
): { id: string; dir: string; version: string };

/** copyExtensionFolder, plus an extensions.json entry so VS Code keeps it next to installed .vsix files. */
export declare function addExtensionFolder(
  srcDir: string,
  extensionsDir: string,
  opts?: { include?: string[] },
): { id: string; dir: string; version: string };

export interface CodeServer {
  url: string;
  port: number;
  child: ChildProcess;
  logFile: string;
  userDataDir: string;
  extensionsDir: string;
  workspace?: string;
  workbenchUrl(folder?: string): string;
  /** Runs `extensionTestsPath` with `extensionDevelopmentPath` in ExtensionMode.Test (needs `extensionTests: true`). */
  testWorkbenchUrl(opts: { extensionDevelopmentPath: string; extensionTestsPath: string; folder?: string }): string;
  logTail(maxChars?: number): string;
  exthostLogTail(maxChars?: number): string;
  stop(): Promise<void>;
}

export interface LaunchOptions {
  userDataDir: string;
  extensionsDir: string;
  workspace?: string;
  port?: number;
  env?: Record<string, string | undefined>;
  logFile?: string;
  paths?: CodeServerPaths;
  workspaceTrust?: boolean;
  /** Lets the workbench run extension tests (see testWorkbenchUrl). */
  extensionTests?: boolean;
  extraArgs?: string[];
  startTimeoutMs?: number;
}
export declare function launchCodeServer(opts: LaunchOptions): Promise<CodeServer>;
