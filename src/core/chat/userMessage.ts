// One user message: what the transcript shows and what the API is sent. Images first (the API reads an
// image best before the words about it), then attached code, then the text.
import type { ImageUpload } from '../../shared/protocol';
import { attachmentBlock, attachmentLabel, type Attachment } from './attachments';
import { imageBlock, imageLabel, validateImages } from './imageBlocks';

export interface UserMessage {
  /** The user turn as the panel shows it: labels of what was attached, then the text. */
  readonly shown: string;
  /** API content; undefined when the message is plain text. */
  readonly content: readonly unknown[] | undefined;
}

/** Throws ImageRejected when an image is not acceptable; nothing is consumed in that case. */
export function buildUserMessage(text: string, attachments: readonly Attachment[], images: readonly ImageUpload[]): UserMessage {
  validateImages(images);
  const labels = [...images.map(imageLabel), ...attachments.map((a) => `[${attachmentLabel(a)}]`)];
  const hasText = text.trim() !== '';
  const shown = labels.length ? (hasText ? `${labels.join(' ')}\n${text}` : labels.join(' ')) : text;
  if (!images.length && !attachments.length) return { shown, content: undefined };
  // The API refuses empty text blocks, and an image alone is a fine question.
  return { shown, content: [...images.map(imageBlock), ...attachments.map(attachmentBlock), ...(hasText ? [{ type: 'text', text }] : [])] };
}
