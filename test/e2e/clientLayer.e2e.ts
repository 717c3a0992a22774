// End to end: the client layer as a user meets it in the real workbench. An overloaded model hands the
// turn to the next one in the fallback chain, a rate limit shows a live retry countdown, usage and cost
// appear in the turn footer, the chat totals and the status bar, the request log opens in the Output
// panel without the key, and "Claude: Select Model" lists what GET /v1/models returned.
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { byModel, echoScenario, httpError, text, type FakeAnthropic } from '../fake-anthropic';
import { TEST_API_KEY, useChatFixture } from './fixtures';

const SONNET = 'claude-sonnet-5-5';
const HAIKU = 'claude-haiku-5-5';

/**
 * The cost item in the status bar. VS Code gives an extension's status bar item the DOM id
 * `<extension id>.<item id>` (here claude-companion.claude-companion + claudeCompanion.cost), which is
 * stable, whereas its aria-label is the text plus the whole Markdown tooltip (see the report) and its
 * text is only "$0.0081" next to an icon, which other items could show too.
 */
const COST_ITEM = '.statusbar .statusbar-item[id="claude-companion.claude-companion.claudeCompanion.cost"]';

/**
 * The usage line "This chat: 3,644 tokens · $0.01" as numbers, each with the most that rounding for
 * display can hide: tokens show as "3,644", "12K" or "1.2M"; dollars with 4 decimals below one cent,
 * else with 2.
 */
function chatTotals(shown: string): { tokens: number; tokensSlack: number; usd: number; usdSlack: number } | undefined {
  const m = /^This chat: ([\d,.]+)([KM]?) tokens · \$(\d+)\.(\d+)/.exec(shown);
  if (!m) return undefined;
  const unit = m[2] === 'M' ? 1_000_000 : m[2] === 'K' ? 1000 : 1;
  return {
    tokens: Number(m[1]!.replace(/,/g, '')) * unit,
    tokensSlack: unit === 1_000_000 ? 50_000 : unit === 1000 ? 500 : 0,
    usd: Number(`${m[3]}.${m[4]}`),
    usdSlack: 0.5 * 10 ** -m[4]!.length,
  };
}

function messagesRequests(fake: FakeAnthropic) {
  return fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/messages');
}

/** The footer under an assistant turn: "model · N in · N out · $cost" (no role of its own). */
function footerOf(turn: Locator): Locator {
  return turn.locator('.turn-meta');
}

/**
 * Waits (Playwright auto-wait) for `target`; on timeout the error says what was expected and what
 * `shownIn` shows instead.
 */
async function waitShown(target: Locator, expected: string, shownIn: Locator, { state = 'visible' as 'visible' | 'hidden', timeoutMs = 30_000 } = {}): Promise<void> {
  try {
    await target.waitFor({ state, timeout: timeoutMs });
  } catch (err) {
    const shown = await shownIn.innerText({ timeout: 1000 }).catch(() => '(not found)');
    throw new Error(`${expected} (${state}) within ${timeoutMs} ms; it shows:\n${shown || '(empty)'}`, { cause: err });
  }
}

/** Polls `read` (every 100 ms) until `done` holds for its value; returns that value. */
async function pollUntil<T>(page: Page, read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms; last seen: ${JSON.stringify(value)}`);
    await page.waitForTimeout(100); // poll interval
  }
}

/** The quick pick, once it is showing `title`. */
function quickPick(page: Page, title: string): Locator {
  return page.locator('.quick-input-widget').filter({ has: page.locator('.quick-input-title', { hasText: title }) });
}

/**
 * Text of the Output view showing `channel`, as rendered by its Monaco editor: the visible rows in
 * screen order, wrapped rows joined back together (wrapping adds no characters), `&nbsp;` as spaces,
 * then split into log lines at their "YYYY-MM-DD hh:mm:ss.mmm [level]" prefix. Only what is scrolled
 * into view is in the DOM; the view follows the end of the log, where the newest lines are.
 */
async function outputLines(page: Page, channel: string): Promise<string[]> {
  const view = page.locator('.part.panel').getByRole('document', { name: `${channel} - Output` });
  // Runs in the page; typed structurally because this project compiles without the DOM lib.
  type Row = { style: { top: string }; textContent: string | null };
  const rows = await view
    .locator('.view-lines > .view-line')
    .evaluateAll((els) => (els as unknown as Row[]).map((r) => ({ top: parseFloat(r.style.top), text: r.textContent ?? '' })));
  const joined = rows
    .sort((a, b) => a.top - b.top)
    .map((r) => r.text)
    .join('')
    .replace(/\u00a0/g, ' ');
  return joined.split(/(?=\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \[)/).filter((l) => l.trim() !== '');
}

/** Polls `outputLines` until one of them contains `needle`; returns all of them. */
async function waitForOutputLine(page: Page, channel: string, needle: string, timeoutMs = 15_000): Promise<{ line: string | undefined; lines: string[] }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const lines = await outputLines(page, channel).catch((): string[] => []);
    const line = lines.find((l) => l.includes(needle));
    if (line || Date.now() > deadline) return { line, lines };
    await page.waitForTimeout(100); // poll interval while the log line arrives
  }
}

describe('Client layer: fallback to the next model', () => {
  // One retry per model, so an overloaded Sonnet is asked twice before Haiku takes over.
  const f = useChatFixture({ settings: { 'claudeCompanion.maxRetries': 1 } });

  beforeEach(async () => {
    f.fake.reset();
    f.fake.setDefault(echoScenario);
    await f.chat.open();
  });

  it('answers from claude-haiku-5-5 after repeated 529s from claude-sonnet-5-5 and says so in the turn', async () => {
    f.fake.setDefault(byModel({ [SONNET]: httpError(529, { headers: { 'retry-after-ms': '20' } }) }));
    const typed = 'Fallback please';
    await f.chat.send(typed);

    await f.chat.waitForTranscriptText(`You said: ${typed}`);
    const turn = f.chat.assistantTurns.filter({ hasText: `You said: ${typed}` });
    const notice = turn.getByRole('status').filter({ hasText: `Answered by ${HAIKU}` });
    await waitShown(notice, `no status line "Answered by ${HAIKU}" in the turn`, turn);
    const said = await notice.innerText();
    assert.match(said, new RegExp(`${SONNET} is overloaded`), `fallback line: ${JSON.stringify(said)}`);
    await waitShown(footerOf(turn).filter({ hasText: new RegExp(`^${HAIKU} · `) }), `the turn footer does not name ${HAIKU}`, turn);
    assert.equal(await turn.getAttribute('aria-label'), `Claude (${HAIKU})`);

    const models = messagesRequests(f.fake).map((r) => (r.body as { model?: unknown }).model);
    assert.deepEqual(models, [SONNET, SONNET, HAIKU], 'one retry on Sonnet, then Haiku');
    assert.deepEqual(
      messagesRequests(f.fake).map((r) => r.status),
      [529, 529, 200],
    );
  });
});

describe('Client layer: retries, usage, request log and model picker', () => {
  const f = useChatFixture({ settings: { 'claudeCompanion.maxRetries': 2 } });

  beforeEach(async () => {
    f.fake.reset();
    f.fake.setDefault(echoScenario);
    await f.chat.open();
  });

  it('counts down to the retry after a 429 with retry-after, then shows the answer', async () => {
    f.fake.enqueue(httpError(429, { headers: { 'retry-after': '3' } }), text('Worth the wait.'));
    const before = await f.chat.assistantTurns.count();
    await f.chat.send('Rate limit me');

    const turn = f.chat.assistantTurns.nth(before);
    const retryLine = turn.getByRole('status').filter({ hasText: 'Rate limited (429)' });
    await waitShown(retryLine, 'no "Rate limited (429)" status line in the turn', turn);
    const countdown = await retryLine.innerText();
    const m = /retrying in (\d+) s/.exec(countdown);
    assert.ok(m, `retry line without a countdown: ${JSON.stringify(countdown)}`);
    const seconds = Number(m[1]);
    assert.ok(seconds >= 1 && seconds <= 3, `countdown of ${seconds} s for retry-after: 3 (${JSON.stringify(countdown)})`);
    assert.match(countdown, /attempt 1 of 2/);

    await waitShown(turn.filter({ hasText: 'Worth the wait.' }), 'the answer after the retry never showed', turn);
    await waitShown(retryLine, 'the retry line stayed after the answer', turn, { state: 'hidden' });

    const sent = messagesRequests(f.fake);
    assert.deepEqual(
      sent.map((r) => r.status),
      [429, 200],
    );
    const waited = sent[1]!.receivedAt - sent[0]!.receivedAt;
    assert.ok(waited >= 2500, `the retry came ${waited} ms after the 429 that said retry-after: 3`);
  });

  it('shows usage and cost in the turn footer, the chat totals and the status bar', async () => {
    // Pinned usage (cache reads and writes too: a prompt with tools is long enough for the fake's cache
    // simulation), so the footer's numbers are known: Sonnet 5.5 at $2 / $10 per million tokens in / out
    // makes 1,234 in and 567 out cost $0.002468 + $0.00567 = $0.0081.
    f.fake.enqueue(
      text('Counting tokens.', { usage: { input_tokens: 1234, output_tokens: 567, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 } }),
    );
    const totals = f.chat.frame.getByLabel('Conversation usage');
    // The totals line is hidden until the chat's first request; earlier tests may have added to it.
    const readTotals = async () => ((await totals.isVisible()) ? totals.innerText() : '');
    const start = chatTotals(await readTotals()) ?? { tokens: 0, tokensSlack: 0, usd: 0, usdSlack: 0 };
    const before = await f.chat.assistantTurns.count();
    await f.chat.send('What does this cost?');

    const turn = f.chat.assistantTurns.nth(before);
    await waitShown(turn.filter({ hasText: 'Counting tokens.' }), 'the answer never showed', turn);
    const footer = footerOf(turn);
    await waitShown(footer.filter({ hasText: /\d+ in · \d+ out · \$\d/ }), 'the turn footer shows no usage', turn);
    assert.equal(await footer.innerText(), `${SONNET} · 1,234 in · 567 out · $0.0081`);

    // The totals come in their own message: wait until they include this turn's 1,801 tokens and $0.0081
    // (give or take what display rounding hides).
    const totalsText = await pollUntil(
      f.wb.page,
      readTotals,
      (t) => {
        const now = chatTotals(t);
        return !!now && now.tokens + now.tokensSlack >= start.tokens - start.tokensSlack + 1801 && now.usd + now.usdSlack >= start.usd - start.usdSlack + 0.0081;
      },
      `the "This chat: N tokens · $x" line never added this turn's 1,801 tokens and $0.0081 to ${JSON.stringify(start)}`,
    );

    // The status bar shows the same conversation total (updated from the extension host, so wait).
    const item = f.wb.page.locator(COST_ITEM);
    const amount = totalsText.slice(totalsText.lastIndexOf('$'));
    await waitShown(item.filter({ hasText: amount }), `the status bar cost item never showed ${amount}`, item, { timeoutMs: 10_000 });
    assert.ok(((await item.getAttribute('aria-label')) ?? '').includes(amount), 'the cost is missing from the item\'s accessible name');
  });

  it('Claude: Show Request Log shows a JSON line for the request, without the API key', async () => {
    const typed = 'Log this request';
    await f.chat.send(typed);
    await f.chat.waitForTranscriptText(`You said: ${typed}`);
    const [req] = messagesRequests(f.fake);
    assert.ok(req, 'no POST /v1/messages');

    await f.chat.runCommand('Claude: Show Request Log');
    const needle = `"requestId":"${req.requestId}"`;
    // The record is written when the request ends, which can be just after the answer shows.
    const { line, lines } = await waitForOutputLine(f.wb.page, 'Claude Companion', needle);
    assert.ok(line, `no log line with ${needle} within 15 s; the Output view shows:\n${lines.join('\n') || '(nothing)'}`);
    assert.match(line, /"requestId":"req_/);
    assert.match(line, /"outcome":"done"/);
    const record = JSON.parse(line.slice(line.indexOf('{'))) as Record<string, unknown>;
    assert.equal(record['requestId'], req.requestId);
    assert.equal(record['outcome'], 'done');
    assert.equal(record['model'], SONNET);

    const shown = lines.join('\n');
    assert.ok(!shown.includes(TEST_API_KEY), `the request log shows the API key:\n${shown}`);
    assert.doesNotMatch(shown, /authorization|x-api-key/i);
  });

  // Last: it changes the model setting (and puts it back at the end).
  it('Claude: Select Model lists the models from GET /v1/models and the pick is used for the next request', async () => {
    const page = f.wb.page;
    await f.chat.runCommand('Claude: Select Model');
    const picker = quickPick(page, 'Claude: Select Model');
    const rows = picker.locator('.quick-input-list .monaco-list-row');
    // The rows appear once the list has loaded (the picker shows "Loading models…" until then).
    await waitShown(rows.filter({ hasText: 'Claude Haiku 5.5' }), 'the model picker never listed Claude Haiku 5.5', page.locator('.quick-input-widget'));
    const shown = (await rows.allInnerTexts()).join('\n');
    for (const name of ['Claude Opus 5.5', 'Claude Sonnet 5.5', 'Claude Haiku 5.5']) {
      assert.ok(shown.includes(name), `the picker does not list ${name}; it shows:\n${shown}`);
    }
    assert.ok(!shown.includes('Built-in list'), `the picker fell back to the built-in list:\n${shown}`);
    // The current model carries a check mark.
    await waitShown(rows.filter({ hasText: 'Claude Sonnet 5.5' }).locator('.codicon-check'), 'no check mark on the current model', picker);
    // The extension caches the list for an hour, so this holds for the first picker of a workbench.
    assert.ok(
      f.fake.requests.some((r) => r.method === 'GET' && r.path === '/v1/models'),
      `no GET /v1/models; requests: ${f.fake.requests.map((r) => `${r.method} ${r.path}`).join(', ')}`,
    );

    await rows.filter({ hasText: 'Claude Haiku 5.5' }).click();
    await picker.waitFor({ state: 'hidden' });

    try {
      const typed = 'Which model answers?';
      await f.chat.send(typed);
      await f.chat.waitForTranscriptText(`You said: ${typed}`);
      const sent = messagesRequests(f.fake);
      assert.deepEqual(
        sent.map((r) => (r.body as { model?: unknown }).model),
        [HAIKU],
        'the request after picking Claude Haiku 5.5',
      );
      const turn = f.chat.assistantTurns.filter({ hasText: `You said: ${typed}` });
      await waitShown(footerOf(turn).filter({ hasText: new RegExp(`^${HAIKU} · `) }), `the turn footer does not name ${HAIKU}`, turn);
    } finally {
      // Put Sonnet back for whatever runs next in this workbench.
      await f.chat.runCommand('Claude: Select Model');
      await rows.filter({ hasText: 'Claude Sonnet 5.5' }).click();
      await picker.waitFor({ state: 'hidden' });
    }
  });
});
