// Last line of defence for logs: anything shaped like an Anthropic key is masked, wherever it hides.

const KEY_PATTERN = /sk-ant-[A-Za-z0-9_-]{8,}/g;

export function redactSecrets(text: string): string {
  return text.replace(KEY_PATTERN, 'sk-ant-…[redacted]');
}
