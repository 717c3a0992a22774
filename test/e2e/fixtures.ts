// Mocha wiring shared by the e2e suites: a fake Anthropic API, a workbench pointed at it, the chat page
// object, and screenshots after every test.
import { startFakeAnthropic, type FakeAnthropic } from '../fake-anthropic';
import { ChatView } from './chatView';
import { captureArtifacts, launchWorkbench, type Workbench, type WorkbenchOptions } from './workbench';

export const TEST_API_KEY = 'test-key';

export interface ChatFixture {
  fake: FakeAnthropic;
  wb: Workbench;
  chat: ChatView;
}

export interface ChatFixtureOptions {
  settings?: WorkbenchOptions['settings'];
  env?: Record<string, string>;
  workspaceTrust?: WorkbenchOptions['workspaceTrust'];
  extraExtensions?: WorkbenchOptions['extraExtensions'];
}

/**
 * Registers before/afterEach/after hooks for one workbench per suite (starting code-server dominates
 * the cost) and returns the fixture, filled in once `before` has run. Tests that need a clean fake
 * call `fake.reset()`.
 */
export function useChatFixture(opts: ChatFixtureOptions = {}): ChatFixture {
  const fixture: Partial<ChatFixture> = {};

  before(async function () {
    this.timeout(240_000);
    // With `apiKey` the fake answers 401 to any other key.
    fixture.fake = await startFakeAnthropic({ apiKey: TEST_API_KEY });
    fixture.wb = await launchWorkbench({
      settings: opts.settings,
      workspaceTrust: opts.workspaceTrust,
      ...(opts.extraExtensions ? { extraExtensions: opts.extraExtensions } : {}),
      env: { ANTHROPIC_API_KEY: TEST_API_KEY, ANTHROPIC_BASE_URL: fixture.fake.url, ...opts.env },
    });
    fixture.chat = new ChatView(fixture.wb.page);
  });

  afterEach(async function () {
    if (fixture.wb && this.currentTest) await captureArtifacts(fixture.wb, this.currentTest);
  });

  after(async function () {
    this.timeout(60_000);
    await fixture.wb?.close();
    await fixture.fake?.close();
  });

  // The hooks above fill every field before any test runs.
  return fixture as ChatFixture;
}

/** Plain text of a Messages API `content` (a string or an array of blocks). */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((b: unknown) => (b && typeof b === 'object' && (b as { type?: unknown }).type === 'text' ? String((b as { text?: unknown }).text ?? '') : ''))
      .join('');
  }
  return '';
}

/** The API key a request carried (`x-api-key`, or `Authorization: Bearer`, which newer SDKs send). */
export function sentApiKey(headers: Record<string, string>): string | undefined {
  return headers['x-api-key'] ?? /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '')?.[1];
}
