// What a code fence's info string says (pure, no DOM): the language and, optionally, the file the code
// belongs to: ```ts path=src/a.ts, ```ts file="src/a.ts", ```ts src/a.ts or ```ts:src/a.ts.

export interface FenceInfo {
  /** As written (lower-cased), e.g. 'ts'; '' when the fence names none. */
  readonly language: string;
  /** Workspace-relative path the block is meant for, when the info string names one. */
  readonly path?: string;
}

const PATH_KEYS = new Set(['path', 'file', 'filename']);

/** A bare word that looks like a file path rather than an option: has a `/` or an extension. */
function looksLikePath(word: string): boolean {
  return !word.includes('=') && (/[\\/]/.test(word) || /^[^.]+(\.[A-Za-z0-9_-]+)+$/.test(word) || /^\.[A-Za-z0-9_-]+/.test(word));
}

function unquote(value: string): string {
  return /^(["']).*\1$/.test(value) ? value.slice(1, -1) : value;
}

export function parseFenceInfo(info: string): FenceInfo {
  const words = info.trim().match(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g) ?? [];
  let first = words[0] ?? '';
  let path: string | undefined;
  // ```ts:src/a.ts
  const colon = /^([A-Za-z0-9_+#-]+):(.+)$/.exec(first);
  if (colon) {
    first = colon[1]!;
    path = colon[2]!;
  }
  // The first word names the language, unless it is plainly a path (```src/a.ts).
  let language = first.toLowerCase();
  const rest = words.slice(1);
  if (!path && first && looksLikePath(first) && /[\\/]/.test(first)) {
    path = first;
    language = extensionLanguage(first);
  }
  for (const word of rest) {
    const kv = /^([A-Za-z]+)=(.+)$/.exec(word);
    if (kv && PATH_KEYS.has(kv[1]!.toLowerCase())) {
      path ??= unquote(kv[2]!);
    } else if (!path && looksLikePath(unquote(word))) {
      path = unquote(word);
    }
  }
  const cleaned = path?.trim();
  return cleaned ? { language, path: cleaned } : { language };
}

/** 'ts' for 'src/a.ts': lets ```src/a.ts still be highlighted. */
function extensionLanguage(path: string): string {
  const m = /\.([A-Za-z0-9_+-]+)$/.exec(path);
  return m ? m[1]!.toLowerCase() : '';
}

/** highlight.js grammar names we can load, and the names people write after the fence. */
const ALIASES: Readonly<Record<string, string>> = {
  js: 'javascript', javascript: 'javascript', jsx: 'javascript', mjs: 'javascript', cjs: 'javascript', node: 'javascript',
  ts: 'typescript', typescript: 'typescript', tsx: 'typescript', mts: 'typescript', cts: 'typescript',
  py: 'python', python: 'python', python3: 'python',
  json: 'json', jsonc: 'json', json5: 'json',
  sh: 'bash', bash: 'bash', shell: 'bash', zsh: 'bash', console: 'bash',
  ps1: 'powershell', powershell: 'powershell', pwsh: 'powershell',
  html: 'xml', xml: 'xml', svg: 'xml', xhtml: 'xml', vue: 'xml',
  css: 'css', scss: 'scss', less: 'less',
  md: 'markdown', markdown: 'markdown',
  yaml: 'yaml', yml: 'yaml',
  toml: 'ini', ini: 'ini',
  rs: 'rust', rust: 'rust',
  go: 'go', golang: 'go',
  java: 'java', kt: 'kotlin', kotlin: 'kotlin', swift: 'swift', scala: 'scala',
  c: 'c', h: 'c', cpp: 'cpp', 'c++': 'cpp', cc: 'cpp', cxx: 'cpp', hpp: 'cpp',
  cs: 'csharp', csharp: 'csharp', 'c#': 'csharp',
  rb: 'ruby', ruby: 'ruby', php: 'php', lua: 'lua', r: 'r', dart: 'dart',
  sql: 'sql', diff: 'diff', patch: 'diff',
  dockerfile: 'dockerfile', docker: 'dockerfile', makefile: 'makefile', make: 'makefile',
  graphql: 'graphql', gql: 'graphql',
};

/** The grammar to load for a fence language, or undefined (plain text, no highlighting). */
export function grammarFor(language: string): string | undefined {
  return Object.hasOwn(ALIASES, language) ? ALIASES[language] : undefined;
}
