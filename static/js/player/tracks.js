/** What the chapters, subtitles and quality menus offer, and switching between them. */
import { clock } from './dom.js';
import { chooseTrack, ownName, saveChoice, savedChoice } from './subtitle-choice.js';

/** Chapters as menu items; the one playing now is checked. */
export function chapterItems(video, chapters) {
  const now = video.currentTime;
  return chapters.map((chapter, i) => ({
    label: `${clock(chapter.start)}  ${chapter.title}`,
    checked: now >= chapter.start && (i === chapters.length - 1 || now < chapters[i + 1].start),
    select: () => (video.currentTime = chapter.start),
  }));
}

/**
 * Subtitles, from hls.js or from the browser's own HLS (Safari). `hls()` is the current hls.js;
 * `languages()` gives {pageLang, audioLang} for the first choice (subtitle-choice.js).
 */
export class Captions {
  constructor(video, hls, announce, languages) {
    Object.assign(this, { video, hls, announce, languages });
    this.last = undefined; // the last track shown, for C to bring back
    this.viewerChoice = null; // the language (or "" for Off) the viewer picked on this page
  }

  /** Subtitle tracks as [{label, lang, isDefault}], labelled in their own language. */
  tracks() {
    const hls = this.hls();
    const raw = hls
      ? hls.subtitleTracks.map((t) => ({ name: t.name, lang: t.lang, isDefault: Boolean(t.default) }))
      : this.native().map((t) => ({ name: t.label, lang: t.language, isDefault: false }));
    return raw.map(({ name, lang, isDefault }) => ({ label: name || ownName(lang), lang, isDefault }));
  }

  native() {
    return [...(this.video.textTracks || [])].filter((t) => t.kind === 'subtitles' || t.kind === 'captions');
  }

  current() {
    const hls = this.hls();
    if (hls) return hls.subtitleDisplay ? hls.subtitleTrack : -1;
    return this.native().findIndex((t) => t.mode === 'showing');
  }

  /** Show track `index` (-1: none); the viewer's choice (`byViewer`) is kept for later videos. */
  set(index, { byViewer = true } = {}) {
    const hls = this.hls();
    if (hls) Object.assign(hls, { subtitleTrack: index, subtitleDisplay: index >= 0 });
    else this.native().forEach((t, i) => (t.mode = i === index ? 'showing' : 'disabled'));
    const track = this.tracks()[index];
    if (index >= 0) this.last = index;
    if (!byViewer) return;
    this.viewerChoice = track ? track.lang : '';
    saveChoice(this.viewerChoice);
    this.announce(
      track ? interpolate(gettext('Subtitles: %(label)s'), { label: track.label }, true) : gettext('Subtitles off'),
    );
  }

  /** Pick the first track by the viewer's choice, then the page's and the audio's language. */
  choose() {
    const tracks = this.tracks();
    if (!tracks.length) return;
    const saved = this.viewerChoice === null ? savedChoice() : this.viewerChoice || 'off';
    const index = chooseTrack(tracks, { ...this.languages(), saved });
    if (index !== this.current()) this.set(index, { byViewer: false });
  }

  toggle() {
    if (this.tracks().length) this.set(this.current() >= 0 ? -1 : this.last || 0);
  }

  items() {
    const current = this.current();
    const tracks = this.tracks().map((t, i) => ({ label: t.label, checked: current === i, index: i, lang: t.lang }));
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
