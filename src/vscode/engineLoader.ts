// Loads dist/engine.js (the SDK client and the workspace tools) on first use, keeping it off the
// activation path: parsing it takes ~60 ms.
import * as path from 'node:path';
import type * as Engine from '../engine';

export type EngineModule = typeof Engine;

let engine: Promise<EngineModule> | undefined;

export function loadEngine(): Promise<EngineModule> {
  // A computed path keeps esbuild from inlining the module into extension.js.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  engine ??= Promise.resolve().then(() => require(path.join(__dirname, 'engine.js')) as EngineModule);
  return engine;
}
