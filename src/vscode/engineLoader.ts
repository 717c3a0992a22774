// Loads dist/engine.js (the SDK client and the workspace tools) on first use, keeping it off the
// activation path: parsing it takes ~60 ms. The editor side reaches the engine at run time only through
// the EngineModule this returns (the boundary rule is in src/engine.ts).
import * as path from 'node:path';
import type { EngineModule } from '../engine';

export type { EngineModule };

let engine: Promise<EngineModule> | undefined;

export function loadEngine(): Promise<EngineModule> {
  // A computed path keeps esbuild from inlining the module into extension.js.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  engine ??= Promise.resolve().then(() => (require(path.join(__dirname, 'engine.js')) as { engine: EngineModule }).engine);
  return engine;
}
