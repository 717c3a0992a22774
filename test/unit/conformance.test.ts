// Conformance of the fake against the recorded transcripts in test/fixtures/sse/:
// (a) a replay sends each file's bytes exactly; (b) the real SDK's result for the replay equals what an
// independent assembler (below, written from the API reference, not from the fake's code) builds from the file;
// (c) each file is still the reference recording, byte for byte (its SHA-256 in test/fixtures/sse/SHA256SUMS,
// taken from the reference set when it was copied in; `sha256sum -c SHA256SUMS` checks the same).
// Generated scenarios are checked against the same assembler.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import {
  message,
  redactedThinking,
  refusal,
  replayFile,
  text,
  thinking,
  toolUse,
  type Scenario,
} from '../fake-anthropic';
import { parseSseText, rawRequest } from '../fake-anthropic/http-client';
import { useFakeAnthropic } from '../support/useFakeAnthropic';

/** The repo root: the first ancestor of this file holding test/fixtures/sse (else the working directory). */
function findRepoRoot(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'test', 'fixtures', 'sse')) && existsSync(path.join(dir, 'package.json'))) return dir;
  }
  return process.cwd();
}

const repoRoot = findRepoRoot();
const fixturesDir = path.join(repoRoot, 'test', 'fixtures', 'sse');
/** File name → SHA-256 of the reference recording, from `sha256sum` output. */
const referenceSums = new Map(
  readFileSync(path.join(fixturesDir, 'SHA256SUMS'), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      const [sum, name] = line.split(/\s+\*?/, 2);
      return [name!, sum!] as const;
    }),
);
const fixtures = readdirSync(fixturesDir)
  .filter((f) => f.endsWith('.txt'))
  .sort();

const PARAMS: Anthropic.MessageCreateParamsNonStreaming = {
  model: 'claude-sonnet-5-5',
  max_tokens: 1024,
  messages: [{ role: 'user', content: 'conformance' }],
};

type Expected =
  | { kind: 'message'; content: unknown[]; stop_reason: string | null; output_tokens: number }
  | { kind: 'api_error'; type: string }
  | { kind: 'missing_usage' };

/** Builds the final message the way the API reference describes the stream (independent of the fake). */
function assemble(raw: string): Expected {
  const events = parseSseText(raw).filter((e) => e.event !== null && e.event !== 'ping');
  let started: { usage?: { output_tokens?: number } } | undefined;
  const content: Array<Record<string, unknown>> = [];
  const json: Record<number, string> = {};
  let stopReason: string | null = null;
  let outputTokens: number | undefined;
  let sawUsageDelta = true;
  let stopped = false;
  for (const e of events) {
    const d = JSON.parse(e.data);
    switch (e.event) {
      case 'error':
        return { kind: 'api_error', type: d.error.type };
      case 'message_start':
        started = d.message;
        outputTokens = d.message.usage?.output_tokens;
        break;
      case 'content_block_start':
        content[d.index] = { ...d.content_block };
        break;
      case 'content_block_delta': {
        const block = content[d.index]!;
        const delta = d.delta;
        if (delta.type === 'text_delta') block.text = `${block.text as string}${delta.text}`;
        else if (delta.type === 'thinking_delta') block.thinking = `${block.thinking as string}${delta.thinking}`;
        else if (delta.type === 'signature_delta') block.signature = delta.signature;
        else if (delta.type === 'input_json_delta') json[d.index] = (json[d.index] ?? '') + delta.partial_json;
        break;
      }
      case 'content_block_stop':
        if (json[d.index]) content[d.index]!.input = JSON.parse(json[d.index]!);
        break;
      case 'message_delta':
        stopReason = d.delta.stop_reason;
        if (d.usage?.output_tokens === undefined) sawUsageDelta = false;
        else outputTokens = d.usage.output_tokens;
        break;
      case 'message_stop':
        stopped = true;
        break;
    }
  }
  if (!started?.usage || !sawUsageDelta || outputTokens === undefined) return { kind: 'missing_usage' };
  assert.ok(stopped, 'transcript without message_stop');
  return { kind: 'message', content, stop_reason: stopReason, output_tokens: outputTokens };
}

/** The SDK's outcome compared with the assembler's expectation. */
async function checkAgainstSdk(client: Anthropic, expected: Expected): Promise<void> {
  const stream = client.messages.stream(PARAMS);
  if (expected.kind === 'message') {
    const msg = await stream.finalMessage();
    assert.deepEqual(msg.content, expected.content);
    assert.equal(msg.stop_reason, expected.stop_reason);
    assert.equal(msg.usage.output_tokens, expected.output_tokens);
    return;
  }
  const err = await stream.finalMessage().then(
    () => assert.fail('expected the stream to fail'),
    (e: unknown) => e,
  );
  if (expected.kind === 'api_error') {
    assert.ok(err instanceof Anthropic.APIError, `got ${String(err)}`);
    assert.equal(err.status, undefined);
    assert.equal(err.type, expected.type);
  } else {
    // No usage: the SDK trips over it and reports a plain AnthropicError caused by a TypeError.
    assert.ok(err instanceof Anthropic.AnthropicError, `got ${String(err)}`);
    assert.ok(!(err instanceof Anthropic.APIError));
    assert.ok((err as Error & { cause?: unknown }).cause instanceof TypeError);
  }
}

/** Outcomes the API reference (§3, "Transcripts") documents for each file. */
const DOCUMENTED: Record<string, Expected['kind']> = {
  '03': 'missing_usage',
  '04': 'api_error',
  '11': 'api_error',
};

describe('conformance with recorded SSE transcripts', function () {
  const f = useFakeAnthropic();

  it('finds the transcripts (at least the eleven of the reference)', () => {
    assert.ok(fixtures.length >= 11, `only ${fixtures.length} in ${fixturesDir}`);
  });

  for (const file of fixtures) {
    const full = path.join(fixturesDir, file);
    describe(file, () => {
      it('replay sends the file byte for byte', async () => {
        f.fake.enqueue(replayFile(full));
        const res = await rawRequest(f.fake.url, '/v1/messages', { body: { ...PARAMS, stream: true } });
        assert.equal(res.status, 200);
        assert.equal(res.headers['content-type'], 'text/event-stream; charset=utf-8');
        assert.ok(res.body.equals(readFileSync(full)), 'body differs from the transcript');
      });

      it('the SDK result equals the independent assembly', async () => {
        const expected = assemble(readFileSync(full, 'utf8'));
        assert.equal(expected.kind, DOCUMENTED[file.slice(0, 2)] ?? 'message');
        f.fake.enqueue(replayFile(full));
        await checkAgainstSdk(f.client, expected);
      });

      it('is the reference recording byte for byte (SHA256SUMS)', () => {
        assert.equal(createHash('sha256').update(readFileSync(full)).digest('hex'), referenceSums.get(file), `${file} differs from the reference recording`);
      });
    });
  }

  it('every reference transcript in SHA256SUMS is in test/fixtures/sse, and no other', () => {
    assert.deepEqual([...referenceSums.keys()].sort(), fixtures);
  });

  describe('generated scenarios assemble like the SDK sees them', () => {
    const generated: Array<[string, Scenario]> = [
      ['text', text('A short answer in several words, split into chunks.')],
      ['thinking', thinking('Considering the options one by one.', 'Option two.')],
      ['redacted thinking', redactedThinking('ZGF0YQ==', 'Fine.')],
      ['tool use', toolUse([{ name: 'a', input: { x: [1, 'two', { three: null }] }, id: 'toolu_1' }, { name: 'b', input: {}, id: 'toolu_2' }], { text: 'Calling.' })],
      ['refusal', refusal()],
      ['thinking → tool use', message([{ type: 'thinking', thinking: 'hmm' }, { type: 'tool_use', name: 'c', input: { q: 'é ✓' }, id: 'toolu_3' }])],
    ];
    for (const [name, scenario] of generated) {
      it(name, async () => {
        f.fake.enqueue(scenario, scenario);
        const res = await rawRequest(f.fake.url, '/v1/messages', { body: { ...PARAMS, stream: true } });
        const expected = assemble(res.body.toString('utf8'));
        assert.equal(expected.kind, 'message');
        await checkAgainstSdk(f.client, expected);
      });
    }
  });
});
