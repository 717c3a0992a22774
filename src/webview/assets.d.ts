// Side-effect CSS imports are bundled by esbuild into dist/webview/chat.css.
declare module '*.css';
// highlight.js ships no declarations for single grammars.
declare module 'highlight.js/lib/languages/*' {
  import type { LanguageFn } from 'highlight.js';
  const grammar: LanguageFn;
  export default grammar;
}
