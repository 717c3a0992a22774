// The agent loop run by the chat session (real ClaudeClient, fake API): the transcript's history grows
// while the loop runs, and each request must still carry every message exactly once.
import assert from 'node:assert/strict';
import { DEFAULT_LIMITS } from '../../../src/core/agent/agentTypes';
import type { AgentHooks } from '../../../src/core/chat/agentTurn';
import { ChatSession } from '../../../src/core/chat/chatSession';
import { ClaudeClient } from '../../../src/core/claude/claudeClient';
import { DEFAULT_SETTINGS } from '../../../src/core/claude/settings';
import { text, toolUse } from '../../fake-anthropic';
import { echoTool, messagesOf, stubContext, useAgentFake } from './agentHarness';

describe('agent loop through the chat session', () => {
  const f = useAgentFake();

  it('sends each message once across the requests of a tool loop', async () => {
    const agent: AgentHooks = {
      tools: () => [echoTool()],
      createContext: (signal) => stubContext(signal),
      limits: () => DEFAULT_LIMITS,
      approvals: { requestApproval: async () => ({ approved: false }) },
      autoApproveReads: () => true,
      confirmRead: async () => true,
    };
    const client = new ClaudeClient({ getSettings: () => ({ ...DEFAULT_SETTINGS, apiBaseUrl: f.fake.url, maxRetries: 0, fallbackModels: [] }), getApiKey: async () => 'sk-test' });
    const session = new ChatSession({ client, currentModel: () => 'claude-sonnet-5-5', hasApiKey: async () => true, agent: async () => agent }, () => undefined);
    f.fake.enqueue(toolUse({ name: 'echo', input: { text: 'one' }, id: 'toolu_1' }), toolUse({ name: 'echo', input: { text: 'two' }, id: 'toolu_2' }), text('Both echoed.'));
    await session.send('Echo twice.');
    const requests = f.fake.requests.filter((r) => r.path === '/v1/messages');
    assert.deepEqual(
      requests.map((r) => r.status),
      [200, 200, 200],
    );
    assert.deepEqual(
      messagesOf(requests[2]).map((m) => m.role),
      ['user', 'assistant', 'user', 'assistant', 'user'],
    );
  });
});
