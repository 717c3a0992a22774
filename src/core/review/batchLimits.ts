// Defaults of the workspace review, dependency-free so the editor side can show them before the engine loads.
export const DEFAULT_REVIEW_GLOB = '**/*.{ts,tsx,js,jsx,py,go,rs,java,cs,rb,php}';
export const MAX_REVIEW_FILE_BYTES = 100 * 1024;
export const MAX_REVIEW_FILES = 200;
