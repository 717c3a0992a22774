// Child process: loads the production bundle against the vscode stub and prints load and activate times.
'use strict';
const Module = require('node:module');
const path = require('node:path');
const stub = path.join(__dirname, 'vscodeStub.cjs');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? stub : resolve.call(this, request, ...rest);
};
const vscode = require(stub);
const t0 = process.hrtime.bigint();
const ext = require(path.resolve(process.argv[2]));
const t1 = process.hrtime.bigint();
const context = {
  subscriptions: [],
  extensionUri: vscode.Uri.file(path.resolve('.')),
  logUri: vscode.Uri.file(path.resolve('.test-artifacts/bench-logs')),
  globalStorageUri: vscode.Uri.file(path.resolve('.test-artifacts/bench-storage')),
  workspaceState: { get: () => undefined, update: async () => {}, keys: () => [] },
  secrets: { get: async () => undefined, store: async () => {}, delete: async () => {}, onDidChange: () => ({ dispose() {} }) },
};
ext.activate(context);
const t2 = process.hrtime.bigint();
process.stdout.write(JSON.stringify({ loadMs: Number(t1 - t0) / 1e6, activateMs: Number(t2 - t1) / 1e6 }));
