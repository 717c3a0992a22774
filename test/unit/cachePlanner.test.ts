import assert from 'node:assert/strict';
import { countBreakpoints, placeCacheBreakpoints } from '../../src/core/claude/cachePlanner';
import type { MessageParams } from '../../src/core/claude/requestBuilder';
import type { ApiMessage } from '../../src/core/claude/turnStreamer';

const big = (n: number) => 'x'.repeat(n * 4);
type Block = Record<string, unknown>;
const blocks = (m: ApiMessage) => (typeof m.content === 'string' ? [] : (m.content as Block[]));
const marked = (m: ApiMessage) => blocks(m).some((b) => b['cache_control']);

function toolLoop(rounds: number, system = big(600)): MessageParams {
  const messages: ApiMessage[] = [{ role: 'user', content: 'Refactor the parser please.' }];
  for (let i = 0; i < rounds; i++) {
    messages.push({ role: 'assistant', content: [{ type: 'tool_use', id: `t${i}`, name: 'read_file', input: { path: `f${i}.ts` } }] });
    messages.push({ role: 'user', content: [{ type: 'tool_result', tool_use_id: `t${i}`, content: big(300) }] });
  }
  return { model: 'claude-sonnet-5-5', max_tokens: 1000, system: [{ type: 'text', text: system }], messages };
}

describe('cache breakpoints', () => {
  it('marks tools+system, the latest and the previous message: at most 4', () => {
    const out = placeCacheBreakpoints(toolLoop(5));
    assert.equal(countBreakpoints(out), 3);
    assert.ok(out.system.at(-1)?.cache_control, 'after tools + system');
    const m = out.messages;
    assert.ok(marked(m.at(-1)!), 'latest tool results');
    assert.ok(marked(m.at(-3)!), 'previous request\'s latest message');
    assert.ok(!marked(m[0]!), 'older messages are read through the look-back, not marked');
    assert.ok(!m.some((x) => x.role === 'assistant' && marked(x)), 'never on assistant content (thinking blocks)');
  });

  it('puts the marker on the last block of a message, converting string content to a text block', () => {
    const params: MessageParams = { model: 'claude-sonnet-5-5', max_tokens: 10, system: [{ type: 'text', text: big(600) }], messages: [{ role: 'user', content: big(600) }] };
    const out = placeCacheBreakpoints(params);
    assert.deepEqual(out.messages[0]!.content, [{ type: 'text', text: big(600), cache_control: { type: 'ephemeral' } }]);
    assert.equal(typeof params.messages[0]!.content, 'string', 'input not modified');
  });

  it('skips breakpoints whose prefix is below the minimum cacheable length', () => {
    const tiny: MessageParams = { model: 'claude-sonnet-5-5', max_tokens: 10, system: [{ type: 'text', text: 'short' }], messages: [{ role: 'user', content: 'hi' }] };
    assert.equal(countBreakpoints(placeCacheBreakpoints(tiny)), 0);
    // Haiku needs more than Sonnet: 700 tokens cache on Sonnet, not on Haiku.
    const mid = (model: string): MessageParams => ({ model, max_tokens: 10, system: [{ type: 'text', text: big(700) }], messages: [{ role: 'user', content: 'hi' }] });
    assert.ok(countBreakpoints(placeCacheBreakpoints(mid('claude-sonnet-5-5'))) >= 1);
    assert.equal(countBreakpoints(placeCacheBreakpoints(mid('claude-haiku-5-5'))), 0);
  });

  it('does not double-mark when the latest message is also the human turn', () => {
    const out = placeCacheBreakpoints({ model: 'claude-sonnet-5-5', max_tokens: 10, system: [{ type: 'text', text: big(600) }], messages: [{ role: 'user', content: 'first question' }] });
    assert.equal(countBreakpoints(out), 2);
  });
});
