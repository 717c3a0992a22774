// The SDK client with only the resources we call (messages, with batches and count_tokens, and models).
// The SDK's `Anthropic` class also builds beta, files, skills and organization resources; importing it
// puts ~290 KB more into dist/engine.js, which the extension-bundle budget cannot carry.
import { BaseAnthropic } from '@anthropic-ai/sdk/client';
import { Messages } from '@anthropic-ai/sdk/resources/messages/messages';
import { Models } from '@anthropic-ai/sdk/resources/models';

export class AnthropicClient extends BaseAnthropic {
  readonly messages = new Messages(this);
  readonly models = new Models(this);
}
