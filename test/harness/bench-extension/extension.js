// Test-only harness (see README): `companionBench.loadConversation` reads a JSON array of Messages API
// messages from the path given as the argument or in $CLAUDE_COMPANION_BENCH_CONVERSATION and loads it
// into Claude Companion through the API its activate() returns. The command has a palette title so a
// browser-driven test can run it; it lives here so the product itself never gains debug commands.
'use strict';
const fs = require('node:fs');
const vscode = require('vscode');

const COMPANION_ID = 'claude-companion.claude-companion';

async function loadConversation(file = process.env.CLAUDE_COMPANION_BENCH_CONVERSATION) {
  if (!file) throw new Error('companionBench.loadConversation: no file (argument or $CLAUDE_COMPANION_BENCH_CONVERSATION)');
  const messages = JSON.parse(fs.readFileSync(file, 'utf8'));
  const companion = vscode.extensions.getExtension(COMPANION_ID);
  if (!companion) throw new Error(`${COMPANION_ID} is not installed`);
  const api = await companion.activate();
  const turns = await api.session.load(messages);
  vscode.window.setStatusBarMessage(`Companion Bench: loaded ${turns} turns`, 60_000);
  return turns;
}

function activate(context) {
  context.subscriptions.push(vscode.commands.registerCommand('companionBench.loadConversation', loadConversation));
}

function deactivate() {}

module.exports = { activate, deactivate };
