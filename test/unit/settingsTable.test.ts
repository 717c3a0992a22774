// The settings table (src/core/settings/settingsTable.ts) against package.json, on every field, as
// vscode-copilot-chat's configurations.spec.ts does; and the one reader every setting goes through.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { DEFAULT_LIMITS } from '../../src/core/agent/agentTypes';
import { DEFAULT_SETTINGS } from '../../src/core/claude/settings';
import { DEFAULT_COMPACTION_SETTINGS } from '../../src/core/context/contextService';
import { EFFORTS } from '../../src/core/models/modelInfo';
import { readClaudeSettings, readCompactionSettings } from '../../src/core/settings/readers';
import { readSetting, settingsFrom, type SettingsPort } from '../../src/core/settings/settingReader';
import { SETTINGS, SETTINGS_SECTION, type SettingDefinition } from '../../src/core/settings/settingsTable';
import { USER_SCOPE_SETTINGS } from '../../src/core/settings/userScope';

const root = path.resolve(__dirname, '..', '..', '..');
const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));

interface Manifest {
  contributes: { configuration: { properties: Record<string, Record<string, unknown>> } };
  capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
}

/** Fields of a package.json setting that only document it; every other field is schema and must match the table. */
const DOC_FIELDS = new Set(['description', 'markdownDescription', 'enumDescriptions', 'markdownEnumDescriptions', 'deprecationMessage', 'markdownDeprecationMessage', 'order', 'tags']);
/** Fields of a table row that say how the extension reads a setting; package.json has no counterpart. */
const READER_FIELDS = new Set(['restricted', 'userOnly', 'blankMeansDefault', 'scope']);

const show = (v: unknown) => JSON.stringify(v);

/**
 * Every way `manifest` (and its nls strings) disagrees with `table`, one line each; empty when they agree.
 * A function, so the real manifest and deliberately broken copies of it go through the same check.
 */
function settingsDrift(manifest: Manifest, nls: Record<string, string>, table: Record<string, SettingDefinition>): string[] {
  const problems: string[] = [];
  const prefix = `${SETTINGS_SECTION}.`;
  const properties = manifest.contributes.configuration.properties;
  const restricted = new Set(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations);
  for (const id of Object.keys(properties)) if (!id.startsWith(prefix) || !(id.slice(prefix.length) in table)) problems.push(`${id}: in package.json, not in the table`);
  for (const id of restricted) if (!(id in properties)) problems.push(`${id}: restricted in package.json, but no such setting`);
  for (const [key, row] of Object.entries(table)) {
    const id = prefix + key;
    const declared = properties[id];
    if (!declared) {
      problems.push(`${id}: in the table, not in package.json`);
      continue;
    }
    const schema = Object.fromEntries(Object.entries(declared).filter(([field]) => !DOC_FIELDS.has(field) && field !== 'scope'));
    const expected = Object.fromEntries(Object.entries(row).filter(([field]) => !READER_FIELDS.has(field)));
    for (const field of new Set([...Object.keys(schema), ...Object.keys(expected)])) {
      if (!isDeepStrictEqual(schema[field], expected[field])) problems.push(`${id}: ${field} is ${show(schema[field])} in package.json, ${show(expected[field])} in the table`);
    }
    const scope = declared['scope'] ?? 'window';
    if (scope !== row.scope) problems.push(`${id}: scope is ${show(scope)} in package.json, ${show(row.scope)} in the table`);
    if (restricted.has(id) !== row.restricted) problems.push(`${id}: restricted is ${restricted.has(id)} in package.json, ${row.restricted} in the table`);
    if (row.userOnly && row.scope !== 'application' && row.scope !== 'machine') problems.push(`${id}: user-only, so its scope must be application or machine, not ${row.scope}`);
    if (row.userOnly && !row.restricted) problems.push(`${id}: user-only, so Restricted Mode must restrict it too`);
    const enumDescriptions = declared['enumDescriptions'] ?? declared['markdownEnumDescriptions'];
    if (enumDescriptions !== undefined && (!Array.isArray(enumDescriptions) || enumDescriptions.length !== (Array.isArray(declared['enum']) ? declared['enum'].length : 0))) {
      problems.push(`${id}: ${show(enumDescriptions)} does not describe each of the enum's values`);
    }
    const texts = [declared['description'], declared['markdownDescription']].filter((t) => t !== undefined);
    if (texts.length === 0) problems.push(`${id}: has no description`);
    for (const text of [...texts, ...(Array.isArray(enumDescriptions) ? enumDescriptions : [])]) {
      const ref = typeof text === 'string' ? /^%(.+)%$/.exec(text) : null;
      if (!ref) problems.push(`${id}: ${show(text)} is not a %key% of package.nls.json`);
      else if (nls[ref[1]!] === undefined) problems.push(`${id}: ${text} is missing from package.nls.json`);
    }
  }
  return problems;
}

const manifest = readJson('package.json') as Manifest;
const nls = readJson('package.nls.json') as Record<string, string>;
const copy = (): Manifest => structuredClone(manifest);
const property = (m: Manifest, key: string) => m.contributes.configuration.properties[`${SETTINGS_SECTION}.${key}`]!;
const defaultOf = (key: string): unknown => property(manifest, key)['default'];

/** A port whose values all come from a workspace (what a cloned repository's .vscode/settings.json gives). */
function workspaceOnly(values: Record<string, unknown>, ignored: string[] = []): SettingsPort {
  return { get: (key) => values[key], inspect: (key) => ({ defaultValue: SETTINGS[key].default, workspaceValue: values[key] }), ignored: (key) => ignored.push(key) };
}

describe('settings table', () => {
  describe('against package.json', () => {
    it('agrees on every field of every setting, and on which ones Restricted Mode restricts', () => {
      assert.deepEqual(settingsDrift(manifest, nls, SETTINGS), []);
    });

    it('reports a default changed on one side only', () => {
      const m = copy();
      property(m, 'agent.maxCostPerTaskUsd')['default'] = 0;
      assert.deepEqual(settingsDrift(m, nls, SETTINGS), [`${SETTINGS_SECTION}.agent.maxCostPerTaskUsd: default is 0 in package.json, 2 in the table`]);
      assert.deepEqual(settingsDrift(manifest, nls, { ...SETTINGS, maxTokens: { ...SETTINGS.maxTokens, default: 8000 } }), [
        `${SETTINGS_SECTION}.maxTokens: default is 16000 in package.json, 8000 in the table`,
      ]);
    });

    it('reports a changed type, enum, bound, scope or restriction, and an extra field', () => {
      const m = copy();
      property(m, 'maxRetries')['type'] = 'number';
      (property(m, 'thinking.mode')['enum'] as string[]).pop();
      delete property(m, 'maxTokens')['maximum'];
      delete property(m, 'apiBaseUrl')['scope'];
      property(m, 'context.keepRecentMessages')['exclusiveMinimum'] = 1;
      m.capabilities.untrustedWorkspaces.restrictedConfigurations = m.capabilities.untrustedWorkspaces.restrictedConfigurations.filter((k) => k !== `${SETTINGS_SECTION}.model`);
      const drift = settingsDrift(m, nls, SETTINGS).join('\n');
      assert.match(drift, /maxRetries: type is "number" in package\.json, "integer" in the table/);
      assert.match(drift, /thinking\.mode: enum is \["adaptive","enabled"\] in package\.json/);
      assert.match(drift, /thinking\.mode: .* does not describe each of the enum's values/);
      assert.match(drift, /maxTokens: maximum is undefined in package\.json, 128000 in the table/);
      assert.match(drift, /apiBaseUrl: scope is "window" in package\.json, "machine" in the table/);
      assert.match(drift, /keepRecentMessages: exclusiveMinimum is 1 in package\.json, undefined in the table/);
      assert.match(drift, /\.model: restricted is false in package\.json, true in the table/);
    });

    it('reports a setting on one side only, and a description that is not in package.nls.json', () => {
      const m = copy();
      m.contributes.configuration.properties[`${SETTINGS_SECTION}.chat.fontSize`] = { type: 'number', default: 13, markdownDescription: '%configuration.chat.fontSize%' };
      delete m.contributes.configuration.properties[`${SETTINGS_SECTION}.effort`];
      property(m, 'model')['markdownDescription'] = 'Model id used for chat';
      const drift = settingsDrift(m, nls, SETTINGS);
      assert.ok(drift.includes(`${SETTINGS_SECTION}.chat.fontSize: in package.json, not in the table`), drift.join('\n'));
      assert.ok(drift.includes(`${SETTINGS_SECTION}.effort: in the table, not in package.json`), drift.join('\n'));
      assert.ok(drift.includes(`${SETTINGS_SECTION}.model: "Model id used for chat" is not a %key% of package.nls.json`), drift.join('\n'));
      const withoutNls = { ...nls };
      delete withoutNls['configuration.maxTokens.markdownDescription'];
      assert.deepEqual(settingsDrift(manifest, withoutNls, SETTINGS), [`${SETTINGS_SECTION}.maxTokens: %configuration.maxTokens.markdownDescription% is missing from package.nls.json`]);
    });

    it('user-only settings are the ones that decide where the key goes or what runs unasked', () => {
      assert.deepEqual([...USER_SCOPE_SETTINGS].sort(), ['agent.autoApprove.writes', 'agent.commands.allow', 'agent.commands.deny', 'apiBaseUrl', 'log.includeContent', 'tools.allowSecrets']);
    });

    it('every read goes through the one adapter (src/vscode/settings.ts), by a key the table knows', () => {
      const src = path.join(root, 'src');
      const offenders = fs
        .readdirSync(src, { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.ts') && path.join('src', f) !== path.join('src', 'vscode', 'settings.ts'))
        .filter((f) => /getConfiguration\(\s*(CONFIG_SECTION|SETTINGS_SECTION|['"`]claudeCompanion)/.test(fs.readFileSync(path.join(src, f), 'utf8')));
      assert.deepEqual(offenders, []);
    });

    it('offers the efforts the model catalog knows, plus default', () => {
      assert.deepEqual(SETTINGS.effort.enum, ['default', ...EFFORTS]);
    });
  });

  describe('the defaults the core uses are the ones users get', () => {
    it('agent limits: a task is capped at US$2 by default, as package.json says (it was 0, no limit, in the core)', () => {
      assert.equal(DEFAULT_LIMITS.maxCostPerTaskUsd, 2);
      assert.equal(DEFAULT_LIMITS.maxCostPerTaskUsd, defaultOf('agent.maxCostPerTaskUsd'));
      assert.equal(DEFAULT_LIMITS.maxIterations, defaultOf('agent.maxIterations'));
    });

    it('client and compaction settings', () => {
      assert.deepEqual(readClaudeSettings(settingsFrom({})), DEFAULT_SETTINGS);
      assert.deepEqual(readCompactionSettings(settingsFrom({})), DEFAULT_COMPACTION_SETTINGS);
      assert.equal(DEFAULT_SETTINGS.model, defaultOf('model'));
      assert.deepEqual(DEFAULT_SETTINGS.fallbackModels, defaultOf('fallbackModels'));
      assert.equal(DEFAULT_SETTINGS.maxTokens, defaultOf('maxTokens'));
      assert.deepEqual(DEFAULT_COMPACTION_SETTINGS, {
        threshold: defaultOf('context.compactThreshold'),
        keepRecentMessages: defaultOf('context.keepRecentMessages'),
        summaryModel: defaultOf('context.summaryModel'),
      });
    });
  });

  describe('reading a setting', () => {
    it('uses the value set when it fits the table', () => {
      const port = settingsFrom({ model: 'claude-opus-5-5', 'thinking.mode': 'off', maxTokens: 32000, 'agent.maxCostPerTaskUsd': 0, 'chat.thinkingExpanded': true });
      assert.equal(readSetting(port, 'model'), 'claude-opus-5-5');
      assert.equal(readSetting(port, 'thinking.mode'), 'off');
      assert.equal(readSetting(port, 'maxTokens'), 32000);
      assert.equal(readSetting(port, 'agent.maxCostPerTaskUsd'), 0, '0 is allowed: no limit, when the user asks for it');
      assert.equal(readSetting(port, 'chat.thinkingExpanded'), true);
    });

    it('a value of the wrong type, outside the enum or not finite is the default', () => {
      const port = settingsFrom({ maxTokens: '32000', 'thinking.mode': 'always', effort: 'extreme', 'agent.autoApprove.reads': 'no', fallbackModels: 'claude-haiku-5-5', requestTimeoutSeconds: Number.NaN });
      assert.equal(readSetting(port, 'maxTokens'), 16000);
      assert.equal(readSetting(port, 'thinking.mode'), 'adaptive');
      assert.equal(readSetting(port, 'effort'), 'default');
      assert.equal(readSetting(port, 'agent.autoApprove.reads'), true);
      assert.deepEqual(readSetting(port, 'fallbackModels'), ['claude-opus-5-5', 'claude-sonnet-5-5', 'claude-haiku-5-5']);
      assert.equal(readSetting(port, 'requestTimeoutSeconds'), 120);
    });

    it('below the minimum is the default (a negative cost cap does not mean "no limit"); above the maximum is the maximum', () => {
      const port = settingsFrom({ 'agent.maxCostPerTaskUsd': -1, 'thinking.budgetTokens': 500, maxTokens: 500_000, 'context.compactThreshold': 0.99, 'context.keepRecentMessages': 1, maxRetries: 50 });
      assert.equal(readSetting(port, 'agent.maxCostPerTaskUsd'), 2);
      assert.equal(readSetting(port, 'thinking.budgetTokens'), 8000);
      assert.equal(readSetting(port, 'maxTokens'), 128000);
      assert.equal(readSetting(port, 'context.compactThreshold'), 0.95);
      assert.equal(readSetting(port, 'context.keepRecentMessages'), 10);
      assert.equal(readSetting(port, 'maxRetries'), 10);
    });

    it('whole-number settings are floored; model ids are trimmed, blank means the default; lists drop blank entries', () => {
      const port = settingsFrom({ 'agent.maxIterations': 12.7, model: '  ', 'context.summaryModel': ' claude-sonnet-5-5 ', stopSequences: [' END ', '', 3, '  '], systemPrompt: '  be brief ' });
      assert.equal(readSetting(port, 'agent.maxIterations'), 12);
      assert.equal(readSetting(port, 'model'), 'claude-sonnet-5-5');
      assert.equal(readSetting(port, 'context.summaryModel'), 'claude-sonnet-5-5');
      assert.deepEqual(readSetting(port, 'stopSequences'), ['END']);
      assert.equal(readSetting(port, 'systemPrompt'), '  be brief ', 'a prompt is sent as written');
    });

    it('a user-only setting ignores a workspace value, says so, and uses the table default', () => {
      const ignored: string[] = [];
      const port = workspaceOnly({ apiBaseUrl: 'https://collector.example', 'tools.allowSecrets': true, maxTokens: 32000 }, ignored);
      assert.equal(readSetting(port, 'apiBaseUrl'), '');
      assert.equal(readSetting(port, 'tools.allowSecrets'), false);
      assert.equal(readSetting(port, 'maxTokens'), 32000, 'other settings take the value in effect');
      assert.deepEqual(ignored, ['apiBaseUrl', 'tools.allowSecrets']);
    });
  });
});
