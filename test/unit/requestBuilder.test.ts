import assert from 'node:assert/strict';
import { buildMessageParams, effortParam, thinkingParam } from '../../src/core/claude/requestBuilder';
import { DEFAULT_SETTINGS, type ClaudeSettings } from '../../src/core/claude/settings';
import { BUILT_IN_MODELS, parseModelInfo, type ModelInfo } from '../../src/core/models/modelInfo';

const model = (id: string): ModelInfo => BUILT_IN_MODELS.find((m) => m.id === id)!;
const sonnet = model('claude-sonnet-5-5');
const opus = model('claude-opus-5-5');
const haiku = model('claude-haiku-5-5');
const settings = (over: Partial<ClaudeSettings> = {}): ClaudeSettings => ({ ...DEFAULT_SETTINGS, ...over });

describe('request building', () => {
  it('never sends temperature, top_p or top_k, whatever the settings object carries', () => {
    const sneaky = { ...settings(), temperature: 0.2, top_p: 0.9, top_k: 5 } as ClaudeSettings;
    const params = buildMessageParams({ settings: sneaky, model: sonnet, system: 'sys', messages: [{ role: 'user', content: 'hi' }] }) as unknown as Record<string, unknown>;
    for (const banned of ['temperature', 'top_p', 'top_k']) assert.ok(!(banned in params), banned);
    assert.deepEqual(Object.keys(params).sort(), ['max_tokens', 'messages', 'model', 'system', 'thinking']);
  });

  it('uses the model id, clamps max_tokens to the model, sends the system prompt as a block', () => {
    const p = buildMessageParams({ settings: settings({ maxTokens: 500_000 }), model: sonnet, system: 'Be brief.', messages: [] });
    assert.equal(p.model, 'claude-sonnet-5-5');
    assert.equal(p.max_tokens, 128_000);
    assert.deepEqual(p.system, [{ type: 'text', text: 'Be brief.' }]);
  });

  it('adds stop sequences, tools and effort only when set', () => {
    const p = buildMessageParams({
      settings: settings({ stopSequences: ['###'], effort: 'high' }),
      model: sonnet,
      system: 's',
      messages: [],
      tools: [{ name: 'read_file', input_schema: { type: 'object' } }],
    });
    assert.deepEqual(p.stop_sequences, ['###']);
    assert.deepEqual(p.output_config, { effort: 'high' });
    assert.equal(p.tools?.length, 1);
    const plain = buildMessageParams({ settings: settings(), model: sonnet, system: 's', messages: [], tools: [] });
    assert.ok(!('stop_sequences' in plain) && !('output_config' in plain) && !('tools' in plain));
  });

  describe('thinking', () => {
    it('adaptive when asked and supported', () => {
      assert.deepEqual(thinkingParam(settings({ thinkingMode: 'adaptive' }), sonnet, 16000), { type: 'adaptive' });
    });
    it('enabled with a budget clamped to [1024, max_tokens)', () => {
      assert.deepEqual(thinkingParam(settings({ thinkingMode: 'enabled', thinkingBudgetTokens: 500 }), sonnet, 16000), { type: 'enabled', budget_tokens: 1024 });
      assert.deepEqual(thinkingParam(settings({ thinkingMode: 'enabled', thinkingBudgetTokens: 50_000 }), sonnet, 16000), { type: 'enabled', budget_tokens: 15_999 });
    });
    it('enabled falls back to adaptive on a model without budgets (Opus 5.5) or when max_tokens is too small', () => {
      assert.deepEqual(thinkingParam(settings({ thinkingMode: 'enabled' }), opus, 16000), { type: 'adaptive' });
      assert.deepEqual(thinkingParam(settings({ thinkingMode: 'enabled' }), sonnet, 1024), { type: 'adaptive' });
    });
    it('off is `disabled` where allowed and omitted on always-thinking models', () => {
      assert.deepEqual(thinkingParam(settings({ thinkingMode: 'off' }), haiku, 16000), { type: 'disabled' });
      assert.equal(thinkingParam(settings({ thinkingMode: 'off' }), opus, 16000), undefined);
    });
  });

  it('effort steps down to the highest level the model supports', () => {
    assert.equal(effortParam('xhigh', haiku), 'high');
    assert.equal(effortParam('max', haiku), 'max');
    assert.equal(effortParam('default', sonnet), undefined);
    assert.equal(effortParam('low', { ...sonnet, efforts: [] }), undefined);
  });

  it('parses model capabilities from the API and falls back to the table for missing fields', () => {
    const parsed = parseModelInfo({
      id: 'claude-sonnet-5-5',
      display_name: 'Claude Sonnet 5.5',
      max_input_tokens: 1_000_000,
      max_tokens: 64_000,
      capabilities: { thinking: { types: { adaptive: { supported: true }, enabled: { supported: false } } }, effort: { supported: true, low: { supported: true } }, image_input: { supported: false } },
    });
    assert.deepEqual(parsed?.thinkingTypes, ['adaptive']);
    assert.deepEqual(parsed?.efforts, ['low']);
    assert.equal(parsed?.maxOutputTokens, 64_000);
    assert.equal(parsed?.vision, false);
    assert.equal(parsed?.source, 'api');
    const sparse = parseModelInfo({ id: 'claude-opus-5-5' });
    assert.deepEqual(sparse?.thinkingTypes, opus.thinkingTypes);
    assert.equal(parseModelInfo({ nope: 1 }), undefined);
  });
});
