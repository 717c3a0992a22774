// Side-effect CSS imports are bundled by esbuild into dist/webview/chat.css.
declare module '*.css';
