// The "about four characters per token" estimate lives in one place (src/shared/tokenEstimate.ts): the
// cache planner, the agent's cost check, the batch review's price and the context meter must agree, and
// no copy of the division may come back.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { estimateTokens as plannerEstimate } from '../../src/core/claude/cachePlanner';
import { estimateTokens as costEstimate } from '../../src/core/agent/costEstimate';
import { estimateTokens as batchEstimate } from '../../src/core/review/batchCost';
import { estimateTokens as contextEstimate } from '../../src/core/context/tokenEstimate';
import { CHARS_PER_TOKEN, tokensForChars } from '../../src/shared/tokenEstimate';
import type { ApiMessage } from '../../src/core/claude/turnStreamer';

const root = path.resolve(__dirname, '..', '..', '..');

function sources(dir: string): string[] {
  return fs
    .readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(dir, f));
}

describe('token estimate in one place', () => {
  it('every estimator gives tokensForChars of what it measures', () => {
    const messages: ApiMessage[] = [{ role: 'user', content: 'x'.repeat(1001) }];
    const json = JSON.stringify(messages);
    assert.equal(plannerEstimate(messages), tokensForChars(json.length));
    assert.equal(costEstimate(messages), tokensForChars(json.length));
    assert.equal(batchEstimate('y'.repeat(1001)), tokensForChars(1001));
    const whole = JSON.stringify({ system: '', tools: [], messages });
    assert.equal(contextEstimate({ messages }), tokensForChars(whole.length));
    assert.equal(tokensForChars(1001), Math.ceil(1001 / CHARS_PER_TOKEN));
  });

  it('no source file divides a length or a character count by 4 itself', () => {
    const copies: string[] = [];
    for (const file of [...sources('src/core'), ...sources('src/vscode'), ...sources('src/webview'), ...sources('src/shared')]) {
      const lines = fs.readFileSync(path.join(root, file), 'utf8').split('\n');
      lines.forEach((line, i) => {
        if (/^\s*(\/\/|\*)/.test(line)) return; // comments may say "characters / 4"
        if (/(length|chars|characters)\s*\/\s*4\b/i.test(line)) copies.push(`${file}:${i + 1}: ${line.trim()}`);
      });
    }
    assert.deepEqual(copies, [], 'use tokensForChars / CHARS_PER_TOKEN from src/shared/tokenEstimate.ts');
  });
});
