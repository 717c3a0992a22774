// Shared helpers for the fake Anthropic server tests: the fake is driven through the real @anthropic-ai/sdk
// (and raw node:http where bytes matter). Each *.test.ts here starts and closes its own fake server
// (useFakeAnthropic in test/support).
import assert from 'node:assert/strict';
import type Anthropic from '@anthropic-ai/sdk';
import type { FakeAnthropic } from '../../fake-anthropic';
import { parseSseText, rawRequest, type SseEvent } from '../../fake-anthropic/http-client';

export const MODEL = 'claude-sonnet-5-5';
export const params = (content = 'hello there'): Anthropic.MessageCreateParamsNonStreaming => ({
  model: MODEL,
  max_tokens: 1024,
  messages: [{ role: 'user', content }],
});

/** The SDK for a fake of a test's own (the suite's fake has one in useFakeAnthropic's `client`). */
export { sdkFor as sdk } from '../../support/useFakeAnthropic';

/** Resolves with the rejection of `p` (fails if it resolves). */
export async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  assert.fail('expected the promise to reject');
}

/** Parsed JSON of events, shaped per the API reference rather than typed here. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = any;

/** POSTs a streaming request with node:http and parses the SSE body. */
export async function rawStream(fake: FakeAnthropic, body: object = { ...params(), stream: true }) {
  const res = await rawRequest(fake.url, '/v1/messages', { body });
  const raw = res.body.toString('utf8');
  return { res, raw, events: parseSseText(raw), json: parseSseText(raw).map((e) => JSON.parse(e.data) as Loose) };
}

export function dataOf(events: SseEvent[], name: string): Loose[] {
  return events.filter((e) => e.event === name).map((e) => JSON.parse(e.data));
}
