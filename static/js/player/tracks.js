/** What the chapters, subtitles and quality menus offer, and switching between them. */
import { clock } from './dom.js';

/** Chapters as menu items; the one playing now is checked. */
export function chapterItems(video, chapters) {
  const now = video.currentTime;
  return chapters.map((chapter, i) => ({
    label: `${clock(chapter.start)}  ${chapter.title}`,
    checked: now >= chapter.start && (i === chapters.length - 1 || now < chapters[i + 1].start),
    select: () => (video.currentTime = chapter.start),
  }));
}

/** Subtitles, from hls.js or from the browser's own HLS (Safari). `hls()` is the current hls.js. */
export class Captions {
  constructor(video, hls, announce) {
    Object.assign(this, { video, hls, announce });
    this.last = undefined; // the last track shown, for C to bring back
  }

  /** Subtitle tracks as [{label}]. */
  tracks() {
    const hls = this.hls();
    if (hls) return hls.subtitleTracks.map((t) => ({ label: t.name || t.lang }));
    return this.native().map((t) => ({ label: t.label || t.language }));
  }

  native() {
    return [...(this.video.textTracks || [])].filter((t) => t.kind === 'subtitles' || t.kind === 'captions');
  }

  current() {
    const hls = this.hls();
    if (hls) return hls.subtitleDisplay ? hls.subtitleTrack : -1;
    return this.native().findIndex((t) => t.mode === 'showing');
  }

  /** Show track `index` (-1: none). */
  set(index) {
    const hls = this.hls();
    if (hls) Object.assign(hls, { subtitleTrack: index, subtitleDisplay: index >= 0 });
    else this.native().forEach((t, i) => (t.mode = i === index ? 'showing' : 'disabled'));
    const track = this.tracks()[index];
    if (index >= 0) this.last = index;
    this.announce(
      track ? interpolate(gettext('Subtitles: %(label)s'), { label: track.label }, true) : gettext('Subtitles off'),
    );
  }

  toggle() {
    if (this.tracks().length) this.set(this.current() >= 0 ? -1 : this.last || 0);
  }

  items() {
    const current = this.current();
    const tracks = this.tracks().map((t, i) => ({ label: t.label, checked: current === i, index: i }));
    return [{ label: gettext('Off'), checked: current < 0, index: -1 }, ...tracks].map((item) => ({
      ...item,
      select: () => this.set(item.index),
    }));
  }
}

/** hls.js's renditions as menu items, highest first, after "Auto"; `choose(index, label)` picks one. */
export function qualityItems(hls, chosenLevel, choose) {
  const playing = hls.levels[hls.currentLevel];
  const auto = {
    label: playing ? interpolate(gettext('Auto (%(height)sp)'), { height: playing.height }, true) : gettext('Auto'),
    index: -1,
  };
  const levels = hls.levels.map((level, index) => ({ label: `${level.height}p`, index, height: level.height }));
  levels.sort((a, b) => b.height - a.height);
  return [auto, ...levels].map((item) => ({
    label: item.label,
    checked: chosenLevel === item.index,
    select: () => choose(item.index, item.label),
  }));
}
