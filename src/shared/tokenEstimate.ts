// The product's one rough token estimate, for when the API has not counted (or is not worth asking):
// about four characters of text or JSON per token. Shared by the host and the webview bundles.
export const CHARS_PER_TOKEN = 4;

/** Tokens for `chars` characters, rounded up. */
export function tokensForChars(chars: number): number {
  return Math.ceil(chars / CHARS_PER_TOKEN);
}
