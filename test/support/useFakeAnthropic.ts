// Mocha helper for suites driven by the fake Anthropic API. Call it in a describe body: it registers hooks
// there that start one fake server (before), reset it before every test (beforeEach) and close it (after),
// and returns a holder whose `fake` is set once the before hook ran (use it in hooks and tests only):
//
//   describe('…', () => {
//     const f = useFakeAnthropic();
//     it('…', async () => { f.fake.enqueue(text('hi')); await f.client.messages.create(…); });
//   });
import Anthropic, { type ClientOptions } from '@anthropic-ai/sdk';
import { startFakeAnthropic, type FakeAnthropic, type FakeAnthropicOptions, type Scenario } from '../fake-anthropic';

export type SdkOptions = Partial<ClientOptions>;

/** The real SDK pointed at `fake`: any key, no retries, a 5 s timeout (each can be overridden). */
export function sdkFor(fake: FakeAnthropic, opts: SdkOptions = {}): Anthropic {
  return new Anthropic({ apiKey: 'test', baseURL: fake.url, maxRetries: 0, timeout: 5000, ...opts });
}

export interface UseFakeAnthropicOptions {
  /** Passed to startFakeAnthropic (e.g. an injected clock). */
  readonly server?: FakeAnthropicOptions;
  /** Options for `client`, over sdkFor's defaults. */
  readonly client?: SdkOptions;
  /** Reset the fake before every test (default true). */
  readonly reset?: boolean;
  /** Set as the fake's default answer before every test, after the reset (the same object each time). */
  readonly defaultScenario?: Scenario;
}

export interface FakeAnthropicHolder {
  /** The running fake (from the suite's before hook on). */
  readonly fake: FakeAnthropic;
  /** An SDK client for `fake` (see sdkFor), made on first use. */
  readonly client: Anthropic;
}

export function useFakeAnthropic(opts: UseFakeAnthropicOptions = {}): FakeAnthropicHolder {
  let fake: FakeAnthropic | undefined;
  let client: Anthropic | undefined;
  const running = (): FakeAnthropic => {
    if (!fake) throw new Error('useFakeAnthropic: the fake starts in a before hook; use it in hooks and tests, not in the describe body');
    return fake;
  };

  before(async () => {
    fake = await startFakeAnthropic(opts.server);
  });
  after(() => fake?.close());
  const { reset = true, defaultScenario } = opts;
  if (reset || defaultScenario) {
    beforeEach(() => {
      if (reset) running().reset();
      if (defaultScenario) running().setDefault(defaultScenario);
    });
  }

  return {
    get fake() {
      return running();
    },
    get client() {
      return (client ??= sdkFor(running(), opts.client));
    },
  };
}
