/** The API's token estimate for an image: width × height / 750 (anthropic-api.md §6). */
export function estimateImageTokens(width: number, height: number): number {
  return Math.round((width * height) / 750);
}
