// End to end: the packaged extension in a real VS Code (code-server + chromium) talking to the fake
// Anthropic API. Exercises the webview, the extension host and the HTTP streaming path together.
import * as assert from 'node:assert/strict';
import { text, type FakeAnthropic } from '../fake-anthropic';
import { TEST_API_KEY, contentText, sentApiKey, useChatFixture } from './fixtures';

interface MessagesBody {
  model?: unknown;
  stream?: unknown;
  messages?: Array<{ role: string; content: unknown }>;
}

function messagesRequests(fake: FakeAnthropic) {
  return fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/messages');
}

describe('Chat', () => {
  const f = useChatFixture();

  beforeEach(() => f.fake.reset());

  it('streams the answer to a typed message into the transcript', async () => {
    const typed = 'Hello from the end-to-end test';
    await f.chat.open();
    await f.chat.send(typed);

    // Default fake answer: a streamed `You said: <last user text>`.
    await f.chat.waitForTranscriptText(`You said: ${typed}`);
    await f.chat.assistantTurns.filter({ hasText: `You said: ${typed}` }).first().waitFor();

    const sent = messagesRequests(f.fake);
    assert.equal(sent.length, 1, `expected exactly one POST /v1/messages, got ${sent.length}`);
    const body = sent[0]!.body as MessagesBody;
    assert.equal(body.model, 'claude-sonnet-5-5');
    assert.equal(body.stream, true);
    const lastUser = body.messages?.filter((m) => m.role === 'user').at(-1);
    assert.ok(lastUser, 'request has no user message');
    assert.equal(contentText(lastUser.content).trim(), typed);
    assert.equal(sentApiKey(sent[0]!.headers), TEST_API_KEY, `API key from the environment not sent; headers: ${JSON.stringify(sent[0]!.headers)}`);
  });

  it('renders a multi-chunk streamed answer from a scripted scenario', async () => {
    const answer = 'Streaming works: this answer arrives in several small chunks over SSE.';
    f.fake.enqueue(text(answer, { wordsPerChunk: 2 }));
    await f.chat.open();
    await f.chat.send('Tell me something streamed');

    await f.chat.waitForTranscriptText(answer);
    assert.equal(messagesRequests(f.fake).length, 1);
    await f.chat.input.waitFor({ state: 'visible' });
  });
});
