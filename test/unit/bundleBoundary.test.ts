// The engine boundary (src/engine.ts), checked on the bundles esbuild really built: dist/extension.js and
// dist/engine.js each carry their own copy of a module both import, so the modules in both must be the
// deliberate shared leaves, and none may export a class that code tests with `instanceof`.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');

/** Exactly the modules both bundles carry: plain data and functions (see SHARED_LEAVES in .dependency-cruiser.cjs). */
const SHARED_ALLOWLIST = [
  'src/core/claude/redact.ts',
  'src/core/claude/turnFailure.ts',
  'src/core/l10n.ts',
  'src/core/log.ts',
  'src/core/models/modelInfo.ts',
  'src/core/review/batchLimits.ts',
  'src/core/settings/settingsTable.ts',
  'src/core/usage/pricing.ts',
  'src/shared/placeholders.ts',
  'src/shared/tokenEstimate.ts',
];

/** Classes a shared leaf may export, each recognised across bundles by a registered symbol instead of `instanceof`. */
const BRANDED_CLASSES = ['TurnFailure'];

interface Metafile {
  readonly outputs: Record<string, { readonly inputs: Record<string, unknown> }>;
}

function bundleInputs(): { extension: Set<string>; engine: Set<string> } {
  const file = path.join(root, 'dist', 'meta.json');
  assert.ok(fs.existsSync(file), `${file} is missing: esbuild.js writes it on every build (run \`node esbuild.js\`)`);
  const meta = (JSON.parse(fs.readFileSync(file, 'utf8')) as { extension: Metafile }).extension;
  const inputs = (out: string) => {
    const output = meta.outputs[out];
    assert.ok(output, `${out} is not in the metafile`);
    return new Set(Object.keys(output.inputs));
  };
  return { extension: inputs('dist/extension.js'), engine: inputs('dist/engine.js') };
}

function inBoth(): string[] {
  const { extension, engine } = bundleInputs();
  return [...extension].filter((m) => engine.has(m)).sort();
}

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => path.join(dir, f));
}

/** The path patterns of a rule in .dependency-cruiser.cjs, so the declared sides can be held against the bundles. */
function rulePaths(name: string, side: 'from' | 'to'): RegExp[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = require(path.join(root, '.dependency-cruiser.cjs')) as { forbidden: { name: string; from: { path?: string | string[] }; to: { path?: string | string[] } }[] };
  const rule = config.forbidden.find((r) => r.name === name);
  assert.ok(rule, `no rule ${name} in .dependency-cruiser.cjs`);
  const paths = rule[side].path;
  assert.ok(paths, `rule ${name} has no ${side}.path`);
  return (Array.isArray(paths) ? paths : [paths]).map((p) => new RegExp(p));
}

const matches = (patterns: readonly RegExp[], file: string) => patterns.some((p) => p.test(file));

describe('bundle boundary (extension.js / engine.js)', () => {
  it('the modules in both bundles are exactly the shared leaves', () => {
    assert.deepEqual(inBoth(), SHARED_ALLOWLIST);
  });

  it('no shared leaf exports a class tested with instanceof; the branded one has its symbol', () => {
    const sources = [...sourceFiles('src'), 'src/extension.ts'].filter((f) => !f.startsWith(path.join('src', 'webview')));
    for (const leaf of SHARED_ALLOWLIST) {
      const text = fs.readFileSync(path.join(root, leaf), 'utf8');
      for (const [, name] of text.matchAll(/^export\s+(?:abstract\s+)?class\s+(\w+)/gm)) {
        assert.ok(BRANDED_CLASSES.includes(name!), `${leaf} exports class ${name}: both bundles would have their own copy`);
        assert.match(text, /Symbol\.for\(/, `${leaf}: ${name} needs a registered-symbol brand`);
        const users = sources.filter((f) => new RegExp(`instanceof\\s+${name}\\b`).test(fs.readFileSync(path.join(root, f), 'utf8')));
        assert.deepEqual(users, [], `${name} crosses the boundary: use ${name}.is(), not instanceof`);
      }
    }
  });

  it('.dependency-cruiser.cjs declares the same sides the bundles have', () => {
    const engineSide = rulePaths('engine-only-through-interface', 'to');
    const sharedLeaves = rulePaths('shared-leaves-stay-leaves', 'from');
    const { extension, engine } = bundleInputs();
    const src = (set: Set<string>) => [...set].filter((m) => m.startsWith('src/'));
    const wrong: string[] = [];
    for (const m of src(engine)) {
      if (extension.has(m) && !matches(sharedLeaves, m)) wrong.push(`${m} is in both bundles but not a shared leaf`);
      if (!extension.has(m) && !matches(engineSide, m) && !matches(sharedLeaves, m)) wrong.push(`${m} is in engine.js only but not engine-side`);
    }
    for (const m of src(extension)) if (matches(engineSide, m)) wrong.push(`${m} is engine-side but in extension.js`);
    assert.deepEqual(wrong, []);
  });

  it('engine.js exports one thing, the engine interface loadEngine() returns', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loaded = require(path.join(root, 'dist', 'engine.js')) as Record<string, unknown>;
    assert.deepEqual(Object.keys(loaded), ['engine']);
    const engine = loaded.engine as Record<string, unknown>;
    assert.equal(typeof engine.ClaudeClient, 'function');
    assert.equal(typeof engine.runTool, 'function');
  });
});
