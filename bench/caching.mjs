// Prompt-caching benchmark: a scripted 30-request tool loop against the fake API's cache simulation,
// through the real SDK, billed at Sonnet 5.5 input prices. Compares our breakpoint placement with no
// caching and with "system prompt + last two user messages" (the common scheme among peers), read two
// ways: counting tool-result messages as user messages (what peers' code does, since tool results are
// user-role messages) and counting only what the human typed.
import { createRequire } from 'node:module';
import * as path from 'node:path';

const REQUESTS = 30;

export async function runCachingBench(root) {
  const require = createRequire(path.join(root, 'package.json'));
  const out = (p) => require(path.join(root, 'out', p));
  const { default: Anthropic } = require('@anthropic-ai/sdk');
  const { startFakeAnthropic, toolUse, text } = out('test/fake-anthropic/index.js');
  const { placeCacheBreakpoints } = out('src/core/claude/cachePlanner.js');
  const { buildMessageParams } = out('src/core/claude/requestBuilder.js');
  const { DEFAULT_SETTINGS } = out('src/core/claude/settings.js');
  const { BUILT_IN_MODELS } = out('src/core/models/modelInfo.js');
  const { costOf } = out('src/core/usage/pricing.js');

  const model = BUILT_IN_MODELS.find((m) => m.id === 'claude-sonnet-5-5');
  const system = agentSystemPrompt();
  const tools = toolDefinitions();
  const fake = await startFakeAnthropic();
  const client = new Anthropic({ apiKey: 'bench', baseURL: fake.url, maxRetries: 0 });

  const strategies = {
    'no caching': (p) => p,
    'system + last 2 user msgs (tool results count)': (p) => markSystemAndLastUsers(p, () => true),
    'system + last 2 human msgs': (p) => markSystemAndLastUsers(p, (m) => !isToolResults(m)),
    ours: (p) => placeCacheBreakpoints(p),
  };

  const results = [];
  try {
    for (const [name, place] of Object.entries(strategies)) {
      fake.reset();
      const totals = { input: 0, cacheWrite: 0, cacheRead: 0, cost: 0, breakpoints: 0 };
      const messages = [{ role: 'user', content: 'The parser drops comments at the end of a file. Find out why and fix it, with a test.' }];
      for (let i = 0; i < REQUESTS; i++) {
        const last = i === REQUESTS - 1;
        // A second human message midway, as when the user steers the agent.
        if (i === 15) messages.push({ role: 'user', content: 'Also keep the public API unchanged, please.' });
        fake.enqueue(last ? text('Fixed: trailing comments are kept; added a regression test.') : toolUse({ name: 'read_file', input: { path: `src/parser/part${i}.ts` } }, { text: `Reading part ${i}.` }));
        const params = place(buildMessageParams({ settings: { ...DEFAULT_SETTINGS, thinkingMode: 'off' }, model, system, messages, tools }));
        totals.breakpoints = Math.max(totals.breakpoints, countMarks(params));
        const msg = await client.messages.create(params);
        const u = msg.usage;
        totals.input += u.input_tokens;
        totals.cacheWrite += u.cache_creation_input_tokens ?? 0;
        totals.cacheRead += u.cache_read_input_tokens ?? 0;
        totals.cost += costOf(model.id, { inputTokens: u.input_tokens, outputTokens: 0, cacheReadTokens: u.cache_read_input_tokens ?? 0, cacheWriteTokens: u.cache_creation_input_tokens ?? 0 }).total;
        messages.push({ role: 'assistant', content: msg.content.map(stripForHistory) });
        const toolUses = msg.content.filter((b) => b.type === 'tool_use');
        if (toolUses.length) messages.push({ role: 'user', content: toolUses.map((b, k) => ({ type: 'tool_result', tool_use_id: b.id, content: fileContent(i * 7 + k) })) });
      }
      results.push({ name, ...totals });
    }
  } finally {
    await fake.close();
  }
  return results;
}

export function printCachingBench(results) {
  const none = results.find((r) => r.name === 'no caching');
  const ours = results.find((r) => r.name === 'ours');
  console.log(`\nPrompt caching: ${REQUESTS}-request tool loop, billed input at Sonnet 5.5 prices (fake API cache simulation)`);
  console.log(`  ${'strategy'.padEnd(48)} ${'input'.padStart(9)} ${'cache wr'.padStart(9)} ${'cache rd'.padStart(10)} ${'cost $'.padStart(9)} ${'vs none'.padStart(8)} ${'vs ours'.padStart(8)}`);
  for (const r of results) {
    console.log(
      `  ${r.name.padEnd(48)} ${String(r.input).padStart(9)} ${String(r.cacheWrite).padStart(9)} ${String(r.cacheRead).padStart(10)} ${r.cost.toFixed(4).padStart(9)} ${(r.cost / none.cost).toFixed(3).padStart(8)} ${(r.cost / ours.cost).toFixed(3).padStart(8)}`,
    );
  }
  const cheapest = Math.min(...results.map((r) => r.cost));
  const ok = ours.cost <= cheapest * 1.0005;
  const ties = results.filter((r) => r !== ours && r.cost <= ours.cost * 1.0005).map((r) => r.name);
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ours is the cheapest${ties.length ? ` (tied within 0.05% with: ${ties.join(', ')})` : ''}; ${(none.cost / ours.cost).toFixed(1)}x cheaper than no caching`);
  return ok;
}

function isToolResults(m) {
  return Array.isArray(m.content) && m.content.length > 0 && m.content.every((b) => b.type === 'tool_result');
}

/** Peers' scheme: a breakpoint on the system prompt and on the last two matching user messages. */
function markSystemAndLastUsers(params, counts) {
  const users = params.messages.map((m, i) => (m.role === 'user' && counts(m) ? i : -1)).filter((i) => i >= 0).slice(-2);
  const mark = (blocks) => blocks.map((b, k) => (k === blocks.length - 1 ? { ...b, cache_control: { type: 'ephemeral' } } : b));
  return {
    ...params,
    system: mark(params.system),
    messages: params.messages.map((m, i) => (users.includes(i) ? { ...m, content: mark(typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : m.content) } : m)),
  };
}

function countMarks(params) {
  let n = params.system.filter((b) => b.cache_control).length;
  for (const m of params.messages) if (Array.isArray(m.content)) n += m.content.filter((b) => b.cache_control).length;
  return n;
}

function stripForHistory(block) {
  if (block.type === 'text') return { type: 'text', text: block.text };
  if (block.type === 'tool_use') return { type: 'tool_use', id: block.id, name: block.name, input: block.input };
  return block;
}

/** Deterministic source-like text of 400 to 2,400 tokens. */
function fileContent(seed) {
  const lines = 60 + ((seed * 37) % 300);
  const out = [];
  for (let i = 0; i < lines; i++) out.push(`${String(i + 1).padStart(4)}  export function step${seed}_${i}(input: string): string { return input.trim(); }`);
  return out.join('\n');
}

function agentSystemPrompt() {
  const rules = [];
  for (let i = 0; i < 40; i++) rules.push(`- Rule ${i + 1}: read the relevant files before editing, keep changes minimal, and explain each edit briefly.`);
  return `You are Claude, a coding agent inside VS Code.\n\n${rules.join('\n')}`;
}

function toolDefinitions() {
  const schema = (props, required) => ({ type: 'object', properties: props, required });
  const str = (description) => ({ type: 'string', description });
  return [
    { name: 'list_files', description: 'List files in the workspace.', input_schema: schema({ path: str('Folder'), pattern: str('Glob'), recursive: { type: 'boolean' } }, []) },
    { name: 'read_file', description: 'Read a file with line numbers.', input_schema: schema({ path: str('File'), start_line: { type: 'integer' }, end_line: { type: 'integer' } }, ['path']) },
    { name: 'search_files', description: 'Search file contents.', input_schema: schema({ query: str('Text or regex'), is_regex: { type: 'boolean' }, include: str('Glob'), max_results: { type: 'integer' } }, ['query']) },
    { name: 'write_file', description: 'Create or overwrite a file (needs approval).', input_schema: schema({ path: str('File'), content: str('Full content') }, ['path', 'content']) },
    { name: 'edit_file', description: 'Replace an exact snippet in a file (needs approval).', input_schema: schema({ path: str('File'), old_text: str('Exact current text'), new_text: str('Replacement') }, ['path', 'old_text', 'new_text']) },
  ];
}
