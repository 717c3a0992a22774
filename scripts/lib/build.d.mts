// Types for build.mjs.
export declare const REPO: string;
export declare const EXTENSION_FILES: string[];
export declare function readPackageJson(dir?: string): Record<string, unknown> & { name: string; version: string; publisher: string };
export declare function esbuild(args?: string[]): Promise<string>;
export declare function ensureBuilt(opts?: { tests?: boolean; force?: boolean }): Promise<void>;
export declare function ensureVsix(opts?: { force?: boolean }): Promise<string>;
