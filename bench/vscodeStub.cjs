// Minimal stand-in for the `vscode` module, enough to load dist/extension.js and call activate()
// in plain Node, so activation cost is measured without an editor.
'use strict';
class EventEmitter {
  constructor() { this.listeners = []; this.event = (l) => { this.listeners.push(l); return { dispose() {} }; }; }
  fire(v) { for (const l of this.listeners) l(v); }
  dispose() {}
}
const disposable = { dispose() {} };
class Disposable {
  constructor(fn) { this.fn = fn; }
  static from(...items) { return new Disposable(() => items.forEach((d) => d?.dispose?.())); }
  dispose() { this.fn?.(); }
}
const Uri = {
  joinPath: (base, ...parts) => ({ ...base, path: [base.path, ...parts].join('/'), with: (c) => ({ ...base, ...c }) }),
  file: (p) => ({ scheme: 'file', path: p, fsPath: p, with: (c) => ({ scheme: 'file', path: p, ...c }) }),
};
module.exports = {
  EventEmitter,
  Disposable,
  StatusBarAlignment: { Left: 1, Right: 2 },
  DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
  TabInputTextDiff: class {},
  MarkdownString: class { constructor(v) { this.value = v; } },
  QuickPickItemKind: { Separator: -1, Default: 0 },
  CodeActionKind: { QuickFix: { append: () => ({}) }, Empty: {} },
  languages: { createDiagnosticCollection: () => ({ set() {}, delete() {}, clear() {}, dispose() {} }), registerCodeActionsProvider: () => disposable, getDiagnostics: () => [] },
  Uri,
  l10n: { t: (message, ...args) => message.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)])) },
  ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
  window: {
    createOutputChannel: () => ({ logLevel: 3, trace() {}, debug() {}, info() {}, warn() {}, error() {}, show() {}, dispose() {} }),
    registerWebviewViewProvider: () => disposable,
    createStatusBarItem: () => ({ show() {}, hide() {}, dispose() {} }),
    showInformationMessage: async () => undefined,
    // A feature that failed to start (features.ts) would make activation look cheaper than it is: fail the bench.
    showErrorMessage: async (message) => {
      process.stderr.write(`${message}\n`);
      process.exitCode = 1;
      return undefined;
    },
    showInputBox: async () => undefined,
  },
  commands: { registerCommand: () => disposable, executeCommand: async () => undefined },
  workspace: {
    getConfiguration: () => ({ get: (_k, d) => d, inspect: (key) => ({ key }) }),
    fs: { readFile: async () => { throw new Error('no file in the bench stub'); } },
    onDidChangeConfiguration: () => disposable,
    onDidGrantWorkspaceTrust: () => disposable,
    registerTextDocumentContentProvider: () => disposable,
    createFileSystemWatcher: () => ({ onDidCreate: () => disposable, onDidDelete: () => disposable, onDidChange: () => disposable, dispose() {} }),
    onDidChangeWorkspaceFolders: () => disposable,
    onDidChangeTextDocument: () => disposable,
    onDidCloseTextDocument: () => disposable,
    isTrusted: true,
  },
};
