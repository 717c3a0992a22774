// Types for cache.mjs (used by the TypeScript e2e harness).
export declare const CODE_SERVER_VERSION: string;
export declare const NODE24_VERSION: string;
export interface CodeServerPaths {
  dir: string;
  marker: string;
  lock: string;
  nodeDir: string;
  node24: string;
  codeServerEntry: string;
  vscodeRoot: string;
}
export declare function cacheRoot(env?: NodeJS.ProcessEnv): string;
export declare function codeServerPaths(env?: NodeJS.ProcessEnv): CodeServerPaths;
export declare function startProfilePaths(env?: NodeJS.ProcessEnv): { dir: string; userDataDir: string; extensionsDir: string };
