// Types for proc.mjs.
import type { ChildProcess, SpawnOptions } from 'node:child_process';
export declare function run(cmd: string, args: string[], opts?: { cwd?: string; env?: NodeJS.ProcessEnv; quiet?: boolean; prefix?: string }): Promise<string>;
export declare function killGroup(child: ChildProcess, signal?: NodeJS.Signals): void;
export declare function spawnGroup(cmd: string, args: string[], opts?: SpawnOptions): ChildProcess;
export declare function stopGroup(child: ChildProcess, graceMs?: number): Promise<void>;
export declare function onCleanup(fn: () => unknown): void;
export declare function installCleanupHandlers(opts?: { exitCode?: number }): void;
export declare function isShuttingDown(): boolean;
export declare function runCleanups(): Promise<void>;
