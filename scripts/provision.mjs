#!/usr/bin/env node
// Provisions code-server + Node 24 into the cache (see lib/provision.mjs). Also importable.
// Usage: node scripts/provision.mjs [--force]
import { pathToFileURL } from 'node:url';
import { provision } from './lib/provision.mjs';

export { provision, ensureAptPackages } from './lib/provision.mjs';
export { codeServerPaths, cacheRoot, CODE_SERVER_VERSION, NODE24_VERSION } from './lib/cache.mjs';

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  provision({ force: process.argv.includes('--force') })
    .then((p) => {
      console.log(`node24:      ${p.node24}`);
      console.log(`code-server: ${p.codeServerEntry}`);
    })
    .catch((err) => {
      console.error(`provisioning failed: ${err.message}`);
      process.exit(1);
    });
}
