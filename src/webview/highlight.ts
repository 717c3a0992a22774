// Code highlighting with highlight.js, loaded on demand: the core and each grammar are separate chunks
// that are fetched the first time a finished code block needs them, so chat.js stays small.
import type { HLJSApi, LanguageFn } from 'highlight.js';
import DOMPurify from 'dompurify';
import { grammarFor } from './codeFence';

type Loader = () => Promise<{ default: LanguageFn }>;

// One literal import() per grammar: esbuild turns each into its own chunk.
const GRAMMARS: Readonly<Record<string, Loader>> = {
  javascript: () => import('highlight.js/lib/languages/javascript'),
  typescript: () => import('highlight.js/lib/languages/typescript'),
  python: () => import('highlight.js/lib/languages/python'),
  json: () => import('highlight.js/lib/languages/json'),
  bash: () => import('highlight.js/lib/languages/bash'),
  powershell: () => import('highlight.js/lib/languages/powershell'),
  xml: () => import('highlight.js/lib/languages/xml'),
  css: () => import('highlight.js/lib/languages/css'),
  scss: () => import('highlight.js/lib/languages/scss'),
  less: () => import('highlight.js/lib/languages/less'),
  markdown: () => import('highlight.js/lib/languages/markdown'),
  yaml: () => import('highlight.js/lib/languages/yaml'),
  ini: () => import('highlight.js/lib/languages/ini'),
  rust: () => import('highlight.js/lib/languages/rust'),
  go: () => import('highlight.js/lib/languages/go'),
  java: () => import('highlight.js/lib/languages/java'),
  kotlin: () => import('highlight.js/lib/languages/kotlin'),
  swift: () => import('highlight.js/lib/languages/swift'),
  scala: () => import('highlight.js/lib/languages/scala'),
  c: () => import('highlight.js/lib/languages/c'),
  cpp: () => import('highlight.js/lib/languages/cpp'),
  csharp: () => import('highlight.js/lib/languages/csharp'),
  ruby: () => import('highlight.js/lib/languages/ruby'),
  php: () => import('highlight.js/lib/languages/php'),
  lua: () => import('highlight.js/lib/languages/lua'),
  r: () => import('highlight.js/lib/languages/r'),
  dart: () => import('highlight.js/lib/languages/dart'),
  sql: () => import('highlight.js/lib/languages/sql'),
  diff: () => import('highlight.js/lib/languages/diff'),
  dockerfile: () => import('highlight.js/lib/languages/dockerfile'),
  makefile: () => import('highlight.js/lib/languages/makefile'),
  graphql: () => import('highlight.js/lib/languages/graphql'),
};

let core: Promise<HLJSApi> | undefined;
const registered = new Map<string, Promise<HLJSApi | undefined>>();

function loadGrammar(name: string): Promise<HLJSApi | undefined> {
  let pending = registered.get(name);
  if (!pending) {
    const loader = GRAMMARS[name];
    pending = loader
      ? Promise.all([(core ??= import('highlight.js/lib/core').then((m) => m.default)), loader()]).then(([hljs, grammar]) => {
          hljs.registerLanguage(name, grammar.default);
          return hljs;
        })
      : Promise.resolve(undefined);
    // A failed chunk load leaves the block plain; a later block may try again.
    pending = pending.catch(() => {
      registered.delete(name);
      return undefined;
    });
    registered.set(name, pending);
  }
  return pending;
}

/** Highlights a finished code element in place, once, when its grammar is available. */
export async function highlightCode(code: HTMLElement, language: string): Promise<void> {
  const name = grammarFor(language);
  if (!name) return;
  const hljs = await loadGrammar(name);
  if (!hljs || code.dataset['highlighted']) return;
  const source = code.textContent ?? '';
  const html = hljs.highlight(source, { language: name, ignoreIllegals: true }).value;
  code.replaceChildren(DOMPurify.sanitize(html, { RETURN_DOM_FRAGMENT: true, ALLOWED_TAGS: ['span'], ALLOWED_ATTR: ['class'] }));
  code.classList.add('hljs');
  code.dataset['highlighted'] = name;
}
