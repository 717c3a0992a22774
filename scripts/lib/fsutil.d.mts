// Types for fsutil.mjs.
export declare function tempDir(prefix: string): string;
export declare function writeJson(file: string, value: unknown): void;
export declare function copyDir(from: string, to: string): void;
export declare function tailFile(file: string, maxChars?: number): string;
export declare function findFiles(dir: string, re: RegExp): string[];
