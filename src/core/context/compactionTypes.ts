// A compaction replaces the oldest API messages with a summary in what is sent; the full history stays
// in the transcript and on disk. Stored with the conversation, so it survives a reload.

export interface Compaction {
  /** The summary text the model wrote of messages [0, throughMessage). */
  readonly summary: string;
  /** How many of the oldest history messages the summary stands for. */
  readonly throughMessage: number;
  /** The (cheaper) model that wrote the summary. */
  readonly model: string;
  /** Epoch milliseconds. */
  readonly createdAt: number;
}
