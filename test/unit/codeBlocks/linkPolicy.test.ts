// Links clicked in the chat: only web links are opened, the rest are refused with a reason.
import assert from 'node:assert/strict';
import { decideLink } from '../../../src/core/codeBlocks/linkPolicy';

describe('chat link policy', () => {
  it('opens http and https links', () => {
    assert.deepEqual(decideLink('https://example.com/docs?q=1#x'), { open: true, url: 'https://example.com/docs?q=1#x' });
    assert.deepEqual(decideLink(' http://example.com '), { open: true, url: 'http://example.com/' });
  });

  for (const href of ['javascript:alert(1)', 'JavaScript:alert(1)', 'file:///etc/passwd', 'command:workbench.action.terminal.new', 'vscode://settings', 'data:text/html,<b>x</b>', 'mailto:a@b.c', 'vbscript:x']) {
    it(`refuses ${href.split(':')[0]}: links`, () => {
      const decision = decideLink(href);
      assert.equal(decision.open, false);
      assert.match((decision as { message: string }).message, /not opened/);
    });
  }

  it('refuses relative links and links that disguise their host with credentials', () => {
    assert.equal(decideLink('src/a.ts').open, false);
    assert.equal(decideLink('//example.com').open, false);
    assert.equal(decideLink('https://github.com@evil.example/').open, false);
  });
});
