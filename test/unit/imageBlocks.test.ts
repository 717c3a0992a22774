import assert from 'node:assert/strict';
import { ImageRejected, MAX_IMAGE_BASE64_CHARS, validateImages } from '../../src/core/chat/imageBlocks';
import { buildUserMessage } from '../../src/core/chat/userMessage';
import type { ImageUpload } from '../../src/shared/protocol';

// 1×1 PNG and the start of a JPEG: only the signatures are checked on the host.
const PNG = Buffer.from('89504e470d0a1a0a0000000d494844520000000100000001080600000000', 'hex').toString('base64');
const JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex').toString('base64');

function png(over: Partial<ImageUpload> = {}): ImageUpload {
  return { name: 'shot.png', mediaType: 'image/png', data: PNG, width: 1568, height: 1045, ...over };
}

describe('image validation on the host', () => {
  it('accepts PNG and JPEG whose bytes match their media type', () => {
    validateImages([png(), { name: 'photo.jpg', mediaType: 'image/jpeg', data: JPEG, width: 800, height: 600 }]);
  });

  it('refuses a media type the API does not read', () => {
    assert.throws(() => validateImages([png({ mediaType: 'image/bmp' as ImageUpload['mediaType'] })]), (e: unknown) => e instanceof ImageRejected && /image\/bmp is not an image type/.test(e.message));
  });

  it('refuses data that is not the type it claims or not base64', () => {
    assert.throws(() => validateImages([png({ mediaType: 'image/jpeg' })]), /not a JPEG image/);
    assert.throws(() => validateImages([png({ data: 'not base64!' })]), /not valid base64/);
    assert.throws(() => validateImages([png({ data: '' })]), /not valid base64/);
  });

  it('refuses images over 10 MB encoded or beyond 8000 px', () => {
    assert.throws(() => validateImages([png({ data: PNG + 'A'.repeat(MAX_IMAGE_BASE64_CHARS) })]), /limit is 10 MB/);
    assert.throws(() => validateImages([png({ width: 9000 })]), /9000×1045 px is outside/);
    assert.throws(() => validateImages([png({ height: 0 })]), /outside/);
  });

  it('refuses more than 20 images in one message', () => {
    assert.throws(() => validateImages(Array.from({ length: 21 }, () => png())), /at most 20 images/);
  });
});

describe('buildUserMessage', () => {
  it('puts image blocks before the text and labels them in the transcript', () => {
    const m = buildUserMessage('What is this?', [], [png()]);
    assert.equal(m.shown, '[image: shot.png 1568×1045]\nWhat is this?');
    assert.deepEqual(m.content, [
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } },
      { type: 'text', text: 'What is this?' },
    ]);
  });

  it('orders images, then attached code, then the text', () => {
    const m = buildUserMessage('Explain', [{ id: 'a1', path: 'src/a.ts', startLine: 1, endLine: 3, languageId: 'ts', text: 'x', wholeFile: true }], [png()]);
    assert.equal(m.shown, '[image: shot.png 1568×1045] [src/a.ts]\nExplain');
    assert.deepEqual(
      (m.content as { type: string }[]).map((b) => b.type),
      ['image', 'text', 'text'],
    );
    assert.match((m.content as { text?: string }[])[1]!.text!, /^The file src\/a\.ts \(3 lines\):\n```ts\nx\n```$/);
  });

  it('an image alone sends no empty text block (the API refuses those)', () => {
    const m = buildUserMessage('  ', [], [png()]);
    assert.equal(m.shown, '[image: shot.png 1568×1045]');
    assert.deepEqual(
      (m.content as { type: string }[]).map((b) => b.type),
      ['image'],
    );
  });

  it('plain text stays a plain string', () => {
    assert.deepEqual(buildUserMessage('hi', [], []), { shown: 'hi', content: undefined });
  });
});
