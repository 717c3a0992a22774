// The tiers' shared results helpers (counting, skip reasons, formatting), from test/support/testResults.ts
// as built into out/ (every runner builds out/ before it runs a tier), so scripts and tests share one copy.
import { createRequire } from 'node:module';
import path from 'node:path';
import { REPO } from './build.mjs';

/** @returns {typeof import('../../test/support/testResults')} */
export function loadTestResults() {
  return createRequire(import.meta.url)(path.join(REPO, 'out', 'test', 'support', 'testResults.js'));
}
