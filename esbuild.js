// Builds the two shipped bundles (extension host, webview UI) and, with --tests, a transpiled copy of
// src/ and test/ under out/ for mocha. Flags: --production (minify, no sourcemaps), --watch, --tests.
'use strict';
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');

/** Prints errors in the shape the `$esbuild-watch` problem matcher understands. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'none',
  plugins: watch ? [problemMatcher] : [],
};

/**
 * The shell parser behind run_command's approval (mvdan-sh, 1.3 MB minified) ships beside engine.js as
 * dist/shellParser.js, copied by copyStatic(), and is required on the first command check, not with the engine.
 */
const shellParserBeside = {
  name: 'shell-parser-beside',
  setup(build) {
    build.onResolve({ filter: /^mvdan-sh$/ }, () => ({ path: './shellParser.js', external: true }));
  },
};

/** @type {import('esbuild').BuildOptions} */
const extension = {
  ...common,
  plugins: [...common.plugins, shellParserBeside],
  // engine.js holds the SDK and the tools and is required on first use, keeping activation cheap.
  // regexWorker.js runs model regexes off the host thread (fallback search) and is started by path.
  entryPoints: { extension: 'src/extension.ts', engine: 'src/engine.ts', regexWorker: 'src/core/patterns/regexWorker.ts' },
  outdir: 'dist',
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  // The SDK's ESM entry tree-shakes far better than its CJS one (see the bench budget).
  mainFields: ['module', 'main'],
  metafile: true,
};

/** @type {import('esbuild').BuildOptions} */
const webview = {
  ...common,
  entryPoints: { chat: 'src/webview/main.ts' },
  outdir: 'dist/webview',
  platform: 'browser',
  format: 'esm',
  target: 'es2022',
  splitting: true,
  loader: { '.ttf': 'file' },
  metafile: true,
};

function listTs(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listTs(p));
    else if (p.endsWith('.ts') && !p.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Transpile-only copy of src/ and test/ for mocha (type checking is `npm run typecheck`). */
function testBuild() {
  return {
    // The webview's pure modules (markdown splitting, fence info) are unit-tested in Node too.
    entryPoints: [...listTs('src'), ...listTs('test')],
    outdir: 'out',
    outbase: '.',
    bundle: false,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'warning',
  };
}

async function copyStatic() {
  fs.mkdirSync('dist', { recursive: true });
  fs.copyFileSync(require.resolve('mvdan-sh'), path.join('dist', 'shellParser.js'));
  const codicons = path.join('node_modules', '@vscode', 'codicons', 'dist');
  if (fs.existsSync(codicons)) {
    fs.mkdirSync('dist/webview', { recursive: true });
    for (const f of ['codicon.css', 'codicon.ttf']) fs.copyFileSync(path.join(codicons, f), path.join('dist/webview', f));
  }
}

async function main() {
  if (tests) {
    fs.rmSync('out', { recursive: true, force: true });
    await esbuild.build(testBuild());
  }
  const configs = [extension, webview];
  if (watch) {
    const contexts = await Promise.all(configs.map((c) => esbuild.context(c)));
    await copyStatic();
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  fs.rmSync('dist', { recursive: true, force: true });
  const results = await Promise.all(configs.map((c) => esbuild.build(c)));
  await copyStatic();
  // Which modules went into which bundle: test/unit/bundleBoundary.test.ts reads it (not shipped).
  fs.mkdirSync('dist', { recursive: true });
  fs.writeFileSync('dist/meta.json', JSON.stringify({ extension: results[0].metafile, webview: results[1].metafile }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
