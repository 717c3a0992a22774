// Images waiting to go with the next message: added by paste, drop or the Attach Image button,
// downscaled here, shown as chips with a thumbnail, the size and the token estimate.
import { estimateImageTokens } from '../shared/imageTokens';
import type { ImageUpload } from '../shared/protocol';
import { h, icon } from './dom';
import { formatTokens } from './format';
import { MAX_ENCODED_CHARS, MAX_INPUT_BYTES, scaleImage } from './imageScale';
import { strings } from './strings';

/** One message carries at most this many (the host checks the same). */
export const MAX_IMAGES = 20;

export interface TrayImage {
  readonly upload: ImageUpload;
  /** Object URL of the scaled image, for the thumbnail. */
  readonly url: string;
}

export class ImageTray {
  readonly el: HTMLElement;
  private items: TrayImage[] = [];

  constructor(
    /** Shows why an image was refused. */
    private readonly onError: (message: string) => void,
    private readonly onChange: () => void,
  ) {
    this.el = h('div', { class: 'chips image-chips', hidden: true });
  }

  get count(): number {
    return this.items.length;
  }

  /** Adds image files; others are refused with a message. Resolves once all are processed. */
  async add(files: readonly File[]): Promise<void> {
    for (const file of files) {
      const name = file.name || strings.images.pasted;
      if (!file.type.startsWith('image/')) {
        this.onError(strings.images.notAnImage(name));
        continue;
      }
      if (file.size > MAX_INPUT_BYTES) {
        this.onError(strings.images.tooLarge(name, MAX_INPUT_BYTES / 1024 / 1024));
        continue;
      }
      if (this.items.length >= MAX_IMAGES) {
        this.onError(strings.images.tooMany(MAX_IMAGES));
        return;
      }
      try {
        const scaled = await scaleImage(file, name);
        if (scaled.upload.data.length > MAX_ENCODED_CHARS) {
          this.onError(strings.images.tooLarge(name, MAX_ENCODED_CHARS / 1024 / 1024));
          continue;
        }
        this.items.push({ upload: scaled.upload, url: URL.createObjectURL(scaled.blob) });
      } catch {
        this.onError(strings.images.unreadable(name));
      }
    }
    this.render();
  }

  /** Hands the images to a message and empties the tray. */
  take(): TrayImage[] {
    const taken = this.items;
    this.items = [];
    this.render();
    return taken;
  }

  /** Puts images back (the host refused the message they went with). */
  restore(images: readonly TrayImage[]): void {
    this.items = [...images, ...this.items];
    this.render();
  }

  /** Forgets images that will not come back, freeing their thumbnails. */
  static release(images: readonly TrayImage[]): void {
    for (const image of images) URL.revokeObjectURL(image.url);
  }

  private remove(image: TrayImage): void {
    this.items = this.items.filter((i) => i !== image);
    ImageTray.release([image]);
    this.render();
  }

  private render(): void {
    this.el.hidden = this.items.length === 0;
    this.el.replaceChildren(...this.items.map((image) => this.chip(image)));
    this.onChange();
  }

  private chip(image: TrayImage): HTMLElement {
    const { name, width, height } = image.upload;
    const remove = h('button', { type: 'button', class: 'chip-remove', 'aria-label': strings.composer.remove(name), title: strings.composer.remove(name) }, icon('close'));
    remove.addEventListener('click', () => this.remove(image));
    const details = strings.images.details(width, height, formatTokens(estimateImageTokens(width, height)));
    return h(
      'span',
      { class: 'chip image-chip' },
      h('img', { class: 'image-thumb', src: image.url, alt: strings.images.thumbnail(name) }),
      h('span', { class: 'chip-name' }, name),
      h('span', { class: 'chip-details' }, details),
      remove,
    );
  }
}
