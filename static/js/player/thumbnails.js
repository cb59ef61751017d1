/** Seek previews: the thumbnails WebVTT, its sprite tiles, and the preview above the timeline. */
import { clock, make } from './dom.js';

/** A thumbnails WebVTT as [{start, end, url, x, y, w, h}]; tile URLs resolved against `base`. */
export const parseThumbnails = (text, base) => {
  const seconds = (t) =>
    t
      .trim()
      .split(':')
      .reduce((sum, part) => sum * 60 + parseFloat(part), 0);
  return text
    .replace(/\r/g, '')
    .split(/\n\n+/)
    .flatMap((block) => {
      const lines = block.split('\n');
      const at = lines.findIndex((line) => line.includes('-->'));
      if (at < 0 || !lines[at + 1]) return [];
      const [start, end] = lines[at].split('-->').map((part) => seconds(part.trim().split(/\s+/)[0]));
      const [file, hash = '0,0,0,0'] = lines[at + 1].trim().split('#xywh=');
      const [x, y, w, h] = hash.split(',').map(Number);
      return [{ start, end, url: new URL(file, base).href, x, y, w, h }];
    });
};

/** The cues of the thumbnails track at `url`, or null when it cannot be fetched. */
export async function loadThumbnails(url) {
  // Tiles resolve against the signed URL we asked for, not a storage redirect's URL.
  const base = new URL(url, window.location.href).href;
  const response = await fetch(base, { credentials: 'same-origin' }).catch(() => null);
  return response && response.ok ? parseThumbnails(await response.text(), base) : null;
}

/** The tile and time shown above the seek slider while the viewer points at or drags it. */
export class SeekPreview {
  constructor(seek) {
    this.seek = seek;
    this.cues = [];
    this.image = make('div', { class: 'player__preview-img' });
    this.time = make('span', { class: 'player__preview-time' });
    this.element = make('div', { class: 'player__preview', hidden: true }, [this.image, this.time]);
  }

  show(time) {
    const total = +this.seek.max;
    if (!total || !Number.isFinite(time)) return;
    const at = Math.min(Math.max(time, 0), total);
    const tiles = this.cues;
    const cue = tiles.find((c) => at >= c.start && at < c.end) || tiles[tiles.length - 1];
    this.image.hidden = !cue;
    if (cue) {
      Object.assign(this.image.style, {
        width: `${cue.w}px`,
        height: `${cue.h}px`,
        backgroundImage: `url("${cue.url}")`,
        backgroundPosition: `-${cue.x}px -${cue.y}px`,
      });
    }
    this.time.textContent = clock(at);
    this.element.hidden = false;
    const [width, half] = [this.seek.clientWidth, (cue ? cue.w : 40) / 2];
    this.element.style.left = `${Math.min(Math.max((at / total) * width, half), width - half)}px`;
  }

  hide() {
    this.element.hidden = true;
  }
}
