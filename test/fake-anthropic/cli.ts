// Runs the fake API by hand: `node out/test/fake-anthropic/cli.js [--port N] [--tps N] [--api-key KEY] [--no-cache]`.
// Prints the URL (use it as claudeCompanion.apiBaseUrl) and serves the default echo answer until SIGINT/SIGTERM.
import { startFakeAnthropic } from './server';

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  const prefixed = args.find((a) => a.startsWith(`${name}=`));
  return prefixed?.slice(name.length + 1);
}

function intArg(args: string[], name: string): number | undefined {
  const v = argValue(args, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} needs a non-negative number, got ${v}`);
  return n;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log('usage: cli.js [--port N] [--tps N] [--api-key KEY] [--no-cache]');
    return;
  }
  const fake = await startFakeAnthropic({
    port: intArg(args, '--port'),
    tokensPerSecond: intArg(args, '--tps'),
    apiKey: argValue(args, '--api-key'),
    cache: !args.includes('--no-cache'),
  });
  console.log(fake.url);
  const stop = (signal: string) => {
    console.error(`fake-anthropic: ${signal}, closing (${fake.requests.length} request(s) served)`);
    fake.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
