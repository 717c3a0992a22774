// The panel must follow the user's theme (light, dark, high contrast): colours come only from
// --vscode-* variables, never literals that are legible in one theme and not another.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const WEBVIEW = path.resolve(__dirname, '../../../src/webview');
const NAMED = /\b(white|black|red|green|blue|yellow|orange|purple|pink|gray|grey|silver|navy|teal|maroon|olive|lime|aqua|fuchsia|cyan|magenta|brown|gold|crimson|indigo|violet)\b/i;
const LITERAL = /#[0-9a-f]{3,8}\b|\b(rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\(/i;

function cssFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? cssFiles(path.join(dir, e.name)) : e.name.endsWith('.css') ? [path.join(dir, e.name)] : []));
}

/** `[property, value]` for every declaration, comments removed. */
function declarations(css: string): [string, string][] {
  const body = css.replace(/\/\*[\s\S]*?\*\//g, '');
  return [...body.matchAll(/([-\w]+)\s*:\s*([^;{}]+)[;}]/g)].map((m) => [m[1]!.trim(), m[2]!.trim()]);
}

describe('webview styles use only theme variables for colour', () => {
  const files = cssFiles(WEBVIEW);

  it('finds the stylesheets', () => assert.ok(files.length >= 2, files.join(', ')));

  it('has no colour literals and no variables outside --vscode-* (or our own that resolve to them)', () => {
    const own = new Set<string>();
    const all = files.flatMap((f) => declarations(fs.readFileSync(f, 'utf8')).map(([p, v]) => ({ file: path.basename(f), p, v })));
    for (const d of all) if (d.p.startsWith('--')) own.add(d.p);
    const problems: string[] = [];
    for (const { file, p, v } of all) {
      if (LITERAL.test(v) || (NAMED.test(v) && !/^(white-space|font|font-family|animation|transition)/.test(p))) problems.push(`${file}: ${p}: ${v}`);
      for (const [, name] of v.matchAll(/var\(\s*(--[-\w]+)/g)) if (!name!.startsWith('--vscode-') && !own.has(name!)) problems.push(`${file}: ${p}: unknown variable ${name}`);
    }
    assert.deepEqual(problems, []);
  });
});
