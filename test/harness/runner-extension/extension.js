// Test-runner extension for the code-server harness (scripts/run-integration.mjs). Loaded next to the
// extension under test; when CLAUDE_COMPANION_TEST_ENTRY names a module exporting `run(): Promise<void>`
// (the @vscode/test-electron contract), it runs it and appends a final `done` line to the results file.
'use strict';
const fs = require('node:fs');

function activate() {
  const entry = process.env.CLAUDE_COMPANION_TEST_ENTRY;
  if (!entry) return;
  const results = process.env.CLAUDE_COMPANION_TEST_RESULTS;
  // A window reload restarts the extension host; run the suite only once per server.
  if (results) {
    try {
      fs.writeFileSync(`${results}.claimed`, String(process.pid), { flag: 'wx' });
    } catch {
      return;
    }
  }
  const done = (ok, error) => {
    const line = JSON.stringify({ event: 'done', ok, error });
    if (results) fs.appendFileSync(results, `${line}\n`);
    else console.log(line);
  };
  // Not awaited: activation must not wait for the whole suite.
  Promise.resolve()
    .then(() => require(entry).run())
    .then(
      () => done(true),
      (err) => done(false, String((err && err.stack) || err)),
    );
}

function deactivate() {}

module.exports = { activate, deactivate };
