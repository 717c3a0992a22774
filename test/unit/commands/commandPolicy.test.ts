// The run_command approval (src/core/commands/commandPolicy.ts) on the corpus in policyCorpus.ts, plus
// the allow/deny word-prefix matching and the prefix the card offers for "Always allow".
import assert from 'node:assert/strict';
import { alwaysAllowPrefixFor, decideCommand, matchesEntry } from '../../../src/core/commands/commandPolicy';
import type { CommandPolicyOptions } from '../../../src/core/commands/commandDecision';
import { CORPUS, CORPUS_OPTIONS } from './policyCorpus';

const options = (overrides: Partial<CommandPolicyOptions> = {}): CommandPolicyOptions => ({ ...CORPUS_OPTIONS, ...overrides });
const show = (command: string) => JSON.stringify(command);

describe('run_command approval: the corpus', function () {
  // Parsing hundreds of lines (and loading the parser once) outlasts mocha's 2 s default on a busy 2-core CI box.
  this.timeout(60_000);
  it('has at least 170 commands, none listed twice', () => {
    assert.ok(CORPUS.length >= 170, `only ${CORPUS.length} commands`);
    const seen = new Set<string>();
    const twice = CORPUS.filter((e) => seen.size === seen.add(e.command).size).map((e) => e.command);
    assert.deepEqual(twice, []);
  });

  it('gives every command its expected decision (every mismatch listed)', () => {
    const mismatches = CORPUS.map((entry) => ({ entry, got: decideCommand(entry.command, CORPUS_OPTIONS) }))
      .filter(({ entry, got }) => got.decision !== entry.expected)
      .map(({ entry, got }) => `${show(entry.command)}: expected ${entry.expected}, got ${got.decision} (${got.reasons.join(' | ')})`);
    assert.deepEqual(mismatches, []);
  });

  it('never allows a command expected to ask or be refused', () => {
    const violations = CORPUS.filter((e) => e.expected !== 'allowed' && decideCommand(e.command, CORPUS_OPTIONS).decision === 'allowed').map((e) => show(e.command));
    assert.deepEqual(violations, []);
  });

  it('gives a reason for every command that is not allowed', () => {
    const silent = CORPUS.filter((e) => e.expected !== 'allowed')
      .filter((e) => decideCommand(e.command, CORPUS_OPTIONS).reasons.length === 0)
      .map((e) => show(e.command));
    assert.deepEqual(silent, []);
  });

  it('with empty lists nothing in the corpus is allowed except lines that run nothing', () => {
    const allowedAnyway = CORPUS.filter((e) => decideCommand(e.command, options({ allow: [], deny: [] })).decision === 'allowed')
      .filter((e) => decideCommand(e.command, options({ allow: [], deny: [] })).subCommands.length > 0)
      .map((e) => show(e.command));
    assert.deepEqual(allowedAnyway, []);
  });
});

describe('run_command approval: sub-commands', function () {
  // Parsing hundreds of lines (and loading the parser once) outlasts mocha's 2 s default on a busy 2-core CI box.
  this.timeout(60_000);
  it('lists every simple command with quotes resolved and wrappers taken off', () => {
    const { subCommands } = decideCommand("timeout 5 n''pm test && bash -c 'git status' | grep x", CORPUS_OPTIONS);
    assert.deepEqual(
      subCommands.map((c) => c.argv),
      [['npm', 'test'], ['git', 'status'], ['grep', 'x']],
    );
  });

  it('judges the commands inside a substitution', () => {
    const { subCommands } = decideCommand('echo $(git log) `ls`', CORPUS_OPTIONS);
    assert.deepEqual(
      subCommands.map((c) => c.argv[0]),
      ['git', 'ls', 'echo'],
    );
  });

  it('asks for a line too long to check, even of allowed commands', () => {
    const decision = decideCommand(`ls ${'a '.repeat(10_000)}`, CORPUS_OPTIONS);
    assert.equal(decision.decision, 'ask');
    assert.equal(decision.alwaysAllowPrefix, undefined);
  });

  it('says which folder a cd leaves the workspace for', () => {
    const decision = decideCommand('cd ../secrets && ls', CORPUS_OPTIONS);
    assert.equal(decision.decision, 'ask');
    assert.match(decision.reasons.join('\n'), /\/work\/secrets/);
  });
});

describe('run_command approval: allow and deny entries', function () {
  // Parsing hundreds of lines (and loading the parser once) outlasts mocha's 2 s default on a busy 2-core CI box.
  this.timeout(60_000);
  it('an entry matches argv word by word, never a substring of the text', () => {
    assert.equal(matchesEntry('npm test', ['npm', 'test']), true);
    assert.equal(matchesEntry('npm test', ['npm', 'test', '--', '--grep', 'x']), true);
    assert.equal(matchesEntry('npm test', ['npm', 'testing']), false);
    assert.equal(matchesEntry('npm test', ['echo', 'npm', 'test']), false);
    assert.equal(matchesEntry('npm test', ['npm']), false);
    assert.equal(matchesEntry('  npm   test ', ['npm', 'test']), true);
    assert.equal(matchesEntry('', ['npm']), false);
    assert.equal(matchesEntry('npm *', ['npm', 'install']), false);
  });

  it('an allow entry matches the command name as written; a deny entry its base name too', () => {
    assert.equal(matchesEntry('npm', ['./npm']), false);
    assert.equal(matchesEntry('rm', ['/bin/rm'], { baseNameToo: true }), true);
    assert.equal(decideCommand('/bin/rm x', options({ allow: ['/bin/rm'], deny: ['rm'] })).decision, 'refused');
  });

  it('deny wins over allow', () => {
    assert.equal(decideCommand('npm publish', options({ allow: ['npm'], deny: ['npm publish'] })).decision, 'refused');
    assert.equal(decideCommand('npm install', options({ allow: ['npm'], deny: ['npm publish'] })).decision, 'allowed');
  });

  it('the built-in deny list refuses even a command the user allowed', () => {
    assert.equal(decideCommand('sudo ls', options({ allow: ['sudo'] })).decision, 'refused');
    assert.equal(decideCommand('rm -rf /', options({ allow: ['rm'] })).decision, 'refused');
  });

  it('a refusal names the deny entry', () => {
    const decision = decideCommand('npm publish --tag next', CORPUS_OPTIONS);
    assert.equal(decision.decision, 'refused');
    assert.match(decision.reasons.join('\n'), /npm publish/);
  });
});

describe('run_command approval: the "Always allow" prefix', function () {
  // Parsing hundreds of lines (and loading the parser once) outlasts mocha's 2 s default on a busy 2-core CI box.
  this.timeout(60_000);
  it('offers two words for tools whose second word picks what runs, else the first', () => {
    assert.equal(alwaysAllowPrefixFor(['npm', 'install', 'left-pad']), 'npm install');
    assert.equal(alwaysAllowPrefixFor(['git', 'commit', '-m', 'x']), 'git commit');
    assert.equal(alwaysAllowPrefixFor(['cargo', 'build']), 'cargo build');
    assert.equal(alwaysAllowPrefixFor(['python', '-m', 'pytest', '-q']), 'python -m pytest');
    assert.equal(alwaysAllowPrefixFor(['rg', 'TODO']), 'rg');
    assert.equal(alwaysAllowPrefixFor(['make']), 'make');
  });

  it('offers nothing where the prefix would allow any code or an unknown subcommand', () => {
    assert.equal(alwaysAllowPrefixFor(['python']), undefined);
    assert.equal(alwaysAllowPrefixFor(['node', '-e', 'x']), undefined);
    assert.equal(alwaysAllowPrefixFor(['git', '-C', 'sub', 'status']), undefined);
    assert.equal(alwaysAllowPrefixFor(['node', 'build.js']), 'node build.js');
  });

  it('is on the decision when one missing prefix is all that asks', () => {
    assert.equal(decideCommand('npm install x', CORPUS_OPTIONS).alwaysAllowPrefix, 'npm install');
    assert.equal(decideCommand('npm test && npm install x && npm install y', CORPUS_OPTIONS).alwaysAllowPrefix, 'npm install');
  });

  it('is never offered when the line asks for a structural reason or for two prefixes', () => {
    for (const command of ['npm install > log.txt', 'npm install $(cat deps)', 'cd .. && npm install', 'eval npm install', 'npm install &', 'npm install && cargo build', 'FOO=$(x) npm install', 'PATH=. npm install']) {
      const decision = decideCommand(command, CORPUS_OPTIONS);
      assert.equal(decision.decision, 'ask', command);
      assert.equal(decision.alwaysAllowPrefix, undefined, command);
    }
  });
});
