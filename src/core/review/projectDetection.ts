// Detects a project's languages and frameworks from its manifest files (package.json, tsconfig.json,
// pyproject.toml, go.mod, Cargo.toml…), so a review can be told what "idiomatic" means here.
// Pure: files are read through a small port, and a missing or malformed file is simply skipped.

/** Reads a file relative to the project root; undefined when it does not exist or cannot be read. */
export interface ProjectFiles {
  readText(relativePath: string): Promise<string | undefined>;
}

export interface ProjectInfo {
  /** e.g. ['TypeScript', 'JavaScript'], most specific first. */
  readonly languages: readonly string[];
  /** e.g. ['React', 'Express', 'VS Code extension API']. */
  readonly frameworks: readonly string[];
  /** Facts worth a reviewer's attention, e.g. 'TypeScript strict mode is on'. */
  readonly notes: readonly string[];
}

/** The files the detector reads (nothing else is ever opened). */
export const PROJECT_MANIFESTS = [
  'package.json',
  'tsconfig.json',
  'deno.json',
  'pyproject.toml',
  'requirements.txt',
  'setup.py',
  'go.mod',
  'Cargo.toml',
  'pom.xml',
  'build.gradle',
  'build.gradle.kts',
  'Gemfile',
  'composer.json',
  'pubspec.yaml',
  'Package.swift',
] as const;

const NPM_FRAMEWORKS: ReadonlyArray<readonly [string, string]> = [
  ['next', 'Next.js'],
  ['react', 'React'],
  ['vue', 'Vue'],
  ['@angular/core', 'Angular'],
  ['svelte', 'Svelte'],
  ['solid-js', 'Solid'],
  ['express', 'Express'],
  ['fastify', 'Fastify'],
  ['koa', 'Koa'],
  ['@nestjs/core', 'NestJS'],
  ['electron', 'Electron'],
  ['react-native', 'React Native'],
  ['@types/vscode', 'VS Code extension API'],
  ['jest', 'Jest'],
  ['mocha', 'Mocha'],
  ['vitest', 'Vitest'],
];

const PYTHON_FRAMEWORKS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bdjango\b/i, 'Django'],
  [/\bflask\b/i, 'Flask'],
  [/\bfastapi\b/i, 'FastAPI'],
  [/\bpydantic\b/i, 'Pydantic'],
  [/\bpytest\b/i, 'pytest'],
  [/\bnumpy\b/i, 'NumPy'],
  [/\bpandas\b/i, 'pandas'],
  [/\btorch\b/i, 'PyTorch'],
];

const GO_FRAMEWORKS: ReadonlyArray<readonly [string, string]> = [
  ['github.com/gin-gonic/gin', 'Gin'],
  ['github.com/labstack/echo', 'Echo'],
  ['github.com/gofiber/fiber', 'Fiber'],
  ['google.golang.org/grpc', 'gRPC'],
];

const RUST_FRAMEWORKS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^\s*tokio\s*=/m, 'Tokio'],
  [/^\s*actix-web\s*=/m, 'Actix Web'],
  [/^\s*axum\s*=/m, 'Axum'],
  [/^\s*serde\s*=/m, 'Serde'],
];

class Collector {
  readonly languages: string[] = [];
  readonly frameworks: string[] = [];
  readonly notes: string[] = [];
  add(list: string[], value: string): void {
    if (!list.includes(value)) list.push(value);
  }
}

/** Reads the known manifests through `files` and says what the project is made of. */
export async function detectProject(files: ProjectFiles): Promise<ProjectInfo> {
  const read = async (name: string): Promise<string | undefined> => {
    try {
      return await files.readText(name);
    } catch {
      return undefined;
    }
  };
  const texts = new Map<string, string>();
  await Promise.all(
    PROJECT_MANIFESTS.map(async (name) => {
      const text = await read(name);
      if (text !== undefined) texts.set(name, text);
    }),
  );
  const c = new Collector();
  detectNode(c, texts.get('package.json'), texts.get('tsconfig.json'), texts.has('deno.json'));
  detectPython(c, [texts.get('pyproject.toml'), texts.get('requirements.txt'), texts.get('setup.py')]);
  detectGo(c, texts.get('go.mod'));
  detectRust(c, texts.get('Cargo.toml'));
  detectJvm(c, texts.get('pom.xml'), texts.get('build.gradle') ?? texts.get('build.gradle.kts'), texts.has('build.gradle.kts'));
  if (texts.has('Gemfile')) {
    c.add(c.languages, 'Ruby');
    if (/\brails\b/.test(texts.get('Gemfile')!)) c.add(c.frameworks, 'Ruby on Rails');
  }
  if (texts.has('composer.json')) {
    c.add(c.languages, 'PHP');
    if (/laravel\/framework/.test(texts.get('composer.json')!)) c.add(c.frameworks, 'Laravel');
  }
  if (texts.has('pubspec.yaml')) {
    c.add(c.languages, 'Dart');
    if (/^\s*flutter\s*:/m.test(texts.get('pubspec.yaml')!)) c.add(c.frameworks, 'Flutter');
  }
  if (texts.has('Package.swift')) c.add(c.languages, 'Swift');
  return { languages: c.languages, frameworks: c.frameworks, notes: c.notes };
}

function parseJson(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(stripJsonComments(text));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** tsconfig.json allows comments and trailing commas; drop them outside strings. */
function stripJsonComments(text: string): string {
  return text.replace(/("(?:\\.|[^"\\])*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (_m, str: string | undefined) => str ?? '').replace(/,(\s*[}\]])/g, '$1');
}

function detectNode(c: Collector, pkgText: string | undefined, tsconfigText: string | undefined, deno: boolean): void {
  const pkg = parseJson(pkgText);
  const tsconfig = parseJson(tsconfigText);
  if (!pkg && !tsconfig && !deno) return;
  const deps: Record<string, unknown> = { ...asRecord(pkg?.['dependencies']), ...asRecord(pkg?.['devDependencies']), ...asRecord(pkg?.['peerDependencies']) };
  const typescript = tsconfig !== undefined || 'typescript' in deps || deno;
  if (typescript) c.add(c.languages, 'TypeScript');
  if (pkg) c.add(c.languages, 'JavaScript');
  if (deno) c.add(c.frameworks, 'Deno');
  for (const [dep, name] of NPM_FRAMEWORKS) if (dep in deps) c.add(c.frameworks, name);
  const engines = asRecord(pkg?.['engines']);
  if (typeof engines['vscode'] === 'string') c.add(c.frameworks, 'VS Code extension API');
  if (typeof engines['node'] === 'string') c.notes.push(`Node.js ${engines['node']}`);
  if (pkg?.['type'] === 'module') c.notes.push('package.json "type": "module" (ES modules)');
  const options = asRecord(tsconfig?.['compilerOptions']);
  if (options['strict'] === true) c.notes.push('TypeScript strict mode is on');
  if (typeof options['target'] === 'string') c.notes.push(`TypeScript target ${options['target']}`);
}

function detectPython(c: Collector, texts: ReadonlyArray<string | undefined>): void {
  const present = texts.filter((t): t is string => t !== undefined);
  if (present.length === 0) return;
  c.add(c.languages, 'Python');
  const all = present.join('\n');
  for (const [re, name] of PYTHON_FRAMEWORKS) if (re.test(all)) c.add(c.frameworks, name);
  const version = /requires-python\s*=\s*["']([^"']+)["']/.exec(all);
  if (version) c.notes.push(`Python ${version[1]}`);
}

function detectGo(c: Collector, text: string | undefined): void {
  if (text === undefined) return;
  c.add(c.languages, 'Go');
  const version = /^go\s+(\d+(?:\.\d+)*)/m.exec(text);
  if (version) c.notes.push(`Go ${version[1]}`);
  for (const [mod, name] of GO_FRAMEWORKS) if (text.includes(mod)) c.add(c.frameworks, name);
}

function detectRust(c: Collector, text: string | undefined): void {
  if (text === undefined) return;
  c.add(c.languages, 'Rust');
  const edition = /^\s*edition\s*=\s*["'](\d{4})["']/m.exec(text);
  if (edition) c.notes.push(`Rust edition ${edition[1]}`);
  for (const [re, name] of RUST_FRAMEWORKS) if (re.test(text)) c.add(c.frameworks, name);
}

function detectJvm(c: Collector, pom: string | undefined, gradle: string | undefined, kotlinDsl: boolean): void {
  if (pom === undefined && gradle === undefined) return;
  const all = `${pom ?? ''}\n${gradle ?? ''}`;
  if (kotlinDsl || /kotlin/i.test(all)) c.add(c.languages, 'Kotlin');
  c.add(c.languages, 'Java');
  if (/spring-boot|org\.springframework/.test(all)) c.add(c.frameworks, 'Spring');
  if (/com\.android\.application|com\.android\.library/.test(all)) c.add(c.frameworks, 'Android');
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** One paragraph for the system prompt, or undefined when nothing was detected. */
export function describeProject(info: ProjectInfo): string | undefined {
  if (info.languages.length === 0 && info.frameworks.length === 0) return undefined;
  const lines: string[] = [];
  if (info.languages.length) lines.push(`- Languages: ${info.languages.join(', ')}`);
  if (info.frameworks.length) lines.push(`- Frameworks and libraries: ${info.frameworks.join(', ')}`);
  for (const note of info.notes) lines.push(`- ${note}`);
  return lines.join('\n');
}
