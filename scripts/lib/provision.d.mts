// Types for provision.mjs.
import type { CodeServerPaths } from './cache.mjs';
export declare function ensureAptPackages(log?: (msg: string) => void): Promise<void>;
export declare function provision(opts?: { force?: boolean; log?: (msg: string) => void }): Promise<CodeServerPaths>;
