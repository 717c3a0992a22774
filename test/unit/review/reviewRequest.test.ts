import assert from 'node:assert/strict';
import { buildMessageParams, toolChoiceFor } from '../../../src/core/claude/requestBuilder';
import { DEFAULT_SETTINGS } from '../../../src/core/claude/settings';
import { BUILT_IN_MODELS } from '../../../src/core/models/modelInfo';
import {
  BUILT_IN_REVIEW_GUIDANCE,
  MAX_REVIEW_CHARS,
  REPORT_FINDINGS_TOOL,
  REPORTING_PROTOCOL,
  ReviewTooLarge,
  buildReviewRequest,
  numberLines,
  reviewGuidance,
  reviewSystemPrompt,
} from '../../../src/core/review';

const userText = (r: ReturnType<typeof buildReviewRequest>) => r.messages[0]!.content as string;
const model = (id: string) => BUILT_IN_MODELS.find((m) => m.id === id)!;

describe('review prompt', () => {
  it('is structured: identity, rules, format, then the reporting protocol', () => {
    const system = reviewSystemPrompt();
    const order = ['# Identity', '# Rules', '# Format', '# Reporting'].map((h) => system.indexOf(h));
    assert.ok(order.every((i) => i >= 0), 'every section is present');
    assert.deepEqual([...order].sort((a, b) => a - b), order, 'in that order');
    assert.match(system, /Security issues come before anything else/);
    assert.match(system, /actionable/);
    assert.match(system, /Severity first/);
    assert.match(system, /closing summary/);
    assert.ok(!system.includes('# Context'), 'no context section without a detected project');
  });

  it('adds the detected project as context, between the guidance and the protocol', () => {
    const system = reviewSystemPrompt({ project: { languages: ['TypeScript', 'JavaScript'], frameworks: ['React'], notes: ['TypeScript strict mode is on'] } });
    const context = system.indexOf('# Context');
    assert.ok(context > system.indexOf('# Format') && context < system.indexOf('# Reporting'));
    assert.match(system, /Languages: TypeScript, JavaScript/);
    assert.match(system, /Frameworks and libraries: React/);
    assert.match(system, /- TypeScript strict mode is on/);
  });

  it('the workspace file wins over the setting, which wins over the built-in guidance; the protocol stays', () => {
    assert.equal(reviewGuidance().source, 'builtIn');
    assert.equal(reviewGuidance({ setting: '  ' }).source, 'builtIn', 'a blank setting is no override');
    assert.deepEqual(reviewGuidance({ setting: 'Be strict about naming.' }), { text: 'Be strict about naming.', source: 'setting' });
    assert.deepEqual(reviewGuidance({ setting: 'setting', workspaceFile: '# Team rules\nNo any.\n' }), { text: '# Team rules\nNo any.', source: 'workspaceFile' });
    const system = reviewSystemPrompt({ overrides: { workspaceFile: 'Team rules.' }, project: { languages: ['Go'], frameworks: [], notes: [] } });
    assert.ok(system.startsWith('Team rules.'));
    assert.ok(!system.includes(BUILT_IN_REVIEW_GUIDANCE));
    assert.ok(system.includes(REPORTING_PROTOCOL), 'the reporting protocol cannot be overridden');
    assert.match(system, /Languages: Go/);
  });
});

describe('buildReviewRequest', () => {
  const text = 'function add(a, b) {\n  return a + b;\n}\n';

  it('sends the file with line numbers, the report_findings tool, and forces it', () => {
    const r = buildReviewRequest({ target: { kind: 'file', path: 'src/math.js', languageId: 'javascript', text } });
    assert.equal(r.title, 'Review src/math.js');
    assert.equal(r.messages.length, 1);
    assert.equal(r.messages[0]!.role, 'user');
    assert.match(userText(r), /<file path="src\/math.js" language="javascript">\n1\| function add\(a, b\) \{\n2\| {3}return a \+ b;\n3\| \}\n<\/file>/);
    assert.deepEqual(r.tool_choice, { type: 'tool', name: REPORT_FINDINGS_TOOL });
    assert.equal(r.tools.length, 1);
    const schema = r.tools[0]!.input_schema as unknown as { required: string[]; properties: Record<string, { items?: { required: string[]; properties: Record<string, { enum?: string[] }> } }> };
    assert.equal(r.tools[0]!.name, 'report_findings');
    assert.deepEqual(schema.required, ['summary', 'findings']);
    assert.deepEqual(Object.keys(schema.properties), ['findings', 'summary'], 'findings first, so the summary closes the report');
    assert.deepEqual(schema.properties['findings']!.items!.required, ['severity', 'line', 'title', 'detail']);
    assert.deepEqual(schema.properties['findings']!.items!.properties['severity']!.enum, ['critical', 'warning', 'info']);
    assert.deepEqual(r.scope, { path: 'src/math.js', lineCount: 3, firstLine: 1, lastLine: 3 });
  });

  it('right-aligns line numbers so code stays aligned', () => {
    const lines = Array.from({ length: 12 }, (_, i) => `l${i + 1}`);
    const numbered = numberLines(lines).split('\n');
    assert.equal(numbered[0], ' 1| l1');
    assert.equal(numbered[11], '12| l12');
    assert.equal(numberLines(['x', 'y'], 99), ' 99| x\n100| y');
  });

  it('a selection sends only its lines, numbered as in the file, and scopes findings to them', () => {
    const file = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n');
    const r = buildReviewRequest({ target: { kind: 'selection', path: 'a.ts', text: file, startLine: 9, endLine: 11 } });
    assert.equal(r.title, 'Review a.ts:9-11');
    assert.match(userText(r), / 9\| line 9\n10\| line 10\n11\| line 11\n<\/file>/);
    assert.ok(!userText(r).includes('line 8') && !userText(r).includes('line 12'));
    assert.deepEqual(r.scope, { path: 'a.ts', lineCount: 20, firstLine: 9, lastLine: 11 });
  });

  it('uncommitted changes go as a diff annotated with the new line numbers', () => {
    const oldText = 'a\nb\nc\nd\ne\nf\ng\nh\n';
    const newText = 'a\nb\nc\nD\ne\nf\ng\nh\ni\n';
    const r = buildReviewRequest({ target: { kind: 'diff', path: 'x.txt', oldText, newText } });
    assert.equal(r.title, 'Review changes in x.txt');
    const body = userText(r);
    assert.match(body, /@@ -1,8 \+1,9 @@\n {2}1\| a\n {2}2\| b\n {2}3\| c\n- {2}\| d\n\+ 4\| D\n {2}5\| e\n {2}6\| f\n {2}7\| g\n {2}8\| h\n\+ 9\| i\n/);
    assert.deepEqual(r.scope, { path: 'x.txt', lineCount: 9, firstLine: 1, lastLine: 9 });
  });

  it('a new file (no committed text) is all additions', () => {
    const r = buildReviewRequest({ target: { kind: 'diff', path: 'new.ts', oldText: '', newText: 'x\ny\n' } });
    assert.match(userText(r), /@@ -0,0 \+1,2 @@\n\+1\| x\n\+2\| y/);
  });

  it('refuses code past the size limit with a hint', () => {
    const big = 'x'.repeat(MAX_REVIEW_CHARS + 1);
    assert.throws(() => buildReviewRequest({ target: { kind: 'file', path: 'big.txt', text: big } }), (e: unknown) => e instanceof ReviewTooLarge && /Review Selection/.test(e.message));
  });
});

describe('forcing the report tool in the request', () => {
  const tools = [{ name: 'report_findings', input_schema: { type: 'object' as const } }];
  const choice = { type: 'tool' as const, name: 'report_findings' };

  it('turns thinking off, since the API refuses forced tool use with thinking', () => {
    const p = buildMessageParams({ settings: DEFAULT_SETTINGS, model: model('claude-sonnet-5-5'), system: 's', messages: [], tools, toolChoice: choice });
    assert.deepEqual(p.tool_choice, choice);
    assert.deepEqual(p.thinking, { type: 'disabled' });
  });

  it('a model that always thinks gets tool_choice auto and keeps thinking', () => {
    const opus = model('claude-opus-5-5');
    assert.deepEqual(toolChoiceFor(choice, opus), { type: 'auto' });
    const p = buildMessageParams({ settings: DEFAULT_SETTINGS, model: opus, system: 's', messages: [], tools, toolChoice: choice });
    assert.deepEqual(p.tool_choice, { type: 'auto' });
    assert.deepEqual(p.thinking, { type: 'adaptive' });
  });

  it('no tool_choice without tools, and none unless asked', () => {
    const p = buildMessageParams({ settings: DEFAULT_SETTINGS, model: model('claude-sonnet-5-5'), system: 's', messages: [], toolChoice: choice });
    assert.ok(!('tool_choice' in p));
    const q = buildMessageParams({ settings: DEFAULT_SETTINGS, model: model('claude-sonnet-5-5'), system: 's', messages: [], tools });
    assert.ok(!('tool_choice' in q));
  });
});
