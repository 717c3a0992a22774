// Import-graph rules, run by `npm run lint` (`depcruise src --config .dependency-cruiser.cjs`):
// - no circles anywhere in src/, type-only imports included (a type circle still means neither module
//   can be read without the other; a leaf of types breaks it, e.g. src/core/claude/apiTypes.ts);
// - the engine boundary (the rule is spelled out in src/engine.ts): dist/extension.js and dist/engine.js
//   each carry their own copy of a module both import, so only the shared leaves below may be in both.
// - the webview bundle reaches host code only through src/shared (also in eslint.config.mjs).
// `src/core` without a runtime `vscode` import stays in eslint.config.mjs (an npm module, not a src/ file,
// which this graph leaves out), where the editor shows it as you type.
'use strict';

/** Engine-side: src/engine.ts and what it reaches at run time, except the shared leaves. */
const ENGINE_SIDE = [
  '^src/engine[.]ts$',
  // The Claude client, except the seam the editor side uses (turnStreamer) and the shared leaves.
  '^src/core/claude/(?!(apiTypes|turnFailure|turnStreamer|settings|streamEvents|requestRecord|redact)[.]ts$)',
  '^src/core/models/modelCatalog[.]ts$',
  // The workspace tools, except their types, the approval requests the editor answers and the
  // request's `tools` array the agent loop builds.
  '^src/core/tools/(?!(toolTypes|approvalRequests|apiToolParams)[.]ts$)',
  '^src/core/patterns/',
  '^src/core/codeBlocks/applyTarget[.]ts$',
  '^src/core/review/batch(Backoff|Cost|Files|Ids|Lifecycle|Record|Results|SdkPort)[.]ts$',
  // run_command's approval and the shell parser it loads (mvdan-sh, 1.5 MB).
  '^src/core/commands/(commandPolicy|commandWrappers|defaultDenyList|shellParse|shellWalk|shellWords)[.]ts$',
  // What a command changed and Revert's copies of it (they use the tools' ignore rules).
  '^src/core/commands/(commandChanges|gitSnapshot|workspaceSnapshot)[.]ts$',
];

/**
 * Shared leaves: plain data and functions both bundles may carry a copy of. They import only each
 * other at run time. No class of theirs may be tested with `instanceof` across the boundary (TurnFailure
 * has `TurnFailure.is`), and module state is kept under a registered symbol (src/core/l10n.ts).
 * test/unit/bundleBoundary.test.ts checks the modules really in both bundles against this list.
 */
const SHARED_LEAVES = [
  '^src/shared/',
  '^src/core/l10n[.]ts$',
  '^src/core/log[.]ts$',
  '^src/core/claude/(apiTypes|turnFailure|settings|streamEvents|requestRecord|redact)[.]ts$',
  '^src/core/models/modelInfo[.]ts$',
  '^src/core/usage/pricing[.]ts$',
  '^src/core/settings/(settingsTable|settingReader)[.]ts$',
  '^src/core/review/(batchLimits|batchTypes|batchCodec)[.]ts$',
  '^src/core/tools/toolTypes[.]ts$',
];

const SOURCE = '^src/';
const RUNTIME = ['type-only'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Import circles (type-only imports count): move the shared types into a leaf module.',
      severity: 'error',
      from: { path: SOURCE },
      to: { circular: true },
    },
    {
      name: 'engine-only-through-interface',
      comment:
        'Outside the engine, import engine-side modules with `import type` only; reach them at run time through loadEngine() (src/engine.ts EngineModule). A runtime import copies the module into extension.js.',
      severity: 'error',
      from: { path: SOURCE, pathNot: ENGINE_SIDE },
      to: { path: ENGINE_SIDE, dependencyTypesNot: RUNTIME },
    },
    {
      name: 'engine-imports-engine-or-shared',
      comment:
        'An engine-side module may import at run time only engine-side modules and shared leaves (.dependency-cruiser.cjs); anything else would be copied into engine.js too.',
      severity: 'error',
      from: { path: ENGINE_SIDE },
      to: { path: SOURCE, pathNot: [...ENGINE_SIDE, ...SHARED_LEAVES], dependencyTypesNot: RUNTIME },
    },
    {
      name: 'shared-leaves-stay-leaves',
      comment: 'A shared leaf is copied into both bundles: at run time it imports only other shared leaves.',
      severity: 'error',
      from: { path: SHARED_LEAVES },
      to: { path: SOURCE, pathNot: SHARED_LEAVES, dependencyTypesNot: RUNTIME },
    },
    {
      name: 'webview-only-through-shared',
      comment: 'The webview is its own browser bundle: it reaches host code only through src/shared (the typed protocol).',
      severity: 'error',
      from: { path: '^src/webview/' },
      to: { path: SOURCE, pathNot: ['^src/webview/', '^src/shared/'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: SOURCE,
    // Keep type-only imports in the graph (they are erased by the compiler, not by this check).
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'] },
  },
};
