/** The video and its custom controls: building them, and keeping them in step with the video. */
import { IDLE_MS, SEEK_STEP } from './constants.js';
import { clock, make } from './dom.js';
import { icon, iconButton, setIcon } from './icons.js';
import { Menus } from './menus.js';
import { SeekPreview } from './thumbnails.js';
import { UpNext } from './up-next.js';

export class Controls {
  /**
   * `items` makes each menu's entries when it opens ({chapters, captions, quality});
   * `onUpNextCancel` runs after the viewer cancels the "Up next" countdown.
   */
  constructor({ id, title, poster, items, onUpNextCancel }) {
    const range = (cls, label, max, step) =>
      make('input', { type: 'range', class: cls, min: '0', max, step, value: '0', 'aria-label': label });
    this.video = make('video', { class: 'player__video', playsinline: '', preload: 'auto' });
    if (poster) this.video.poster = poster;
    this.toggleBtn = iconButton('play', gettext('Play'));
    this.backBtn = iconButton('back', interpolate(gettext('Back %(seconds)s seconds'), { seconds: SEEK_STEP }, true));
    this.forwardBtn = iconButton(
      'forward',
      interpolate(gettext('Forward %(seconds)s seconds'), { seconds: SEEK_STEP }, true),
    );
    this.muteBtn = iconButton('volume', gettext('Mute'));
    this.fullBtn = iconButton('fullscreen', gettext('Full screen'));
    this.seek = range('player__seek', gettext('Seek'), '0', '0.1');
    this.volume = range('player__volume', gettext('Volume'), '1', '0.05');
    this.volume.value = '1';
    this.time = make('span', { class: 'player__time', 'aria-hidden': 'true', text: '0:00 / 0:00' });
    this.barTitle = make('span', { class: 'player__bar-title' });
    this.preview = new SeekPreview(this.seek);
    this.live = make('p', { class: 'visually-hidden', 'aria-live': 'polite' });
    this.skipBtn = make('button', { type: 'button', class: 'player__skip', hidden: true }, [
      icon('skip'),
      gettext('Skip intro'),
    ]);
    this.upNext = new UpNext(this.live, onUpNextCancel);
    this.menus = new Menus(id);
    this.menu = {
      chapters: this.menus.add('chapters', gettext('Chapters'), items.chapters),
      captions: this.menus.add('captions', gettext('Subtitles'), items.captions),
      quality: this.menus.add('quality', gettext('Quality'), items.quality),
    };
    const menus = Object.values(this.menu).map((menu) => menu.wrap);
    const volume = make('div', { class: 'player__volume-group' }, [this.muteBtn, this.volume]);
    const left = [this.toggleBtn, this.backBtn, this.forwardBtn, volume, this.time, this.barTitle];
    this.controls = make('div', { class: 'player__controls' }, [
      make('div', { class: 'player__timeline' }, [this.preview.element, this.seek]),
      make('div', { class: 'player__bar' }, [...left, ...menus, this.fullBtn]),
    ]);
    const label = interpolate(gettext('Video player: %(title)s'), { title }, true);
    this.stage = make('div', { class: 'player__stage is-paused', role: 'region', 'aria-label': label }, [
      this.video,
      this.skipBtn,
      this.upNext.element,
      this.controls,
      this.live,
    ]);
  }

  /** Show the controls; hide them after a while of untouched playback. */
  wake() {
    this.stage.classList.remove('is-idle');
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      const busy = this.video.paused || this.menus.opened || this.controls.querySelector(':focus-visible');
      if (!busy) this.stage.classList.add('is-idle');
    }, IDLE_MS);
  }

  showPlaying() {
    const { paused } = this.video;
    setIcon(this.toggleBtn, paused ? 'play' : 'pause', paused ? gettext('Play') : gettext('Pause'));
    this.stage.classList.toggle('is-paused', paused);
  }

  showVolume() {
    const { muted, volume } = this.video;
    setIcon(this.muteBtn, muted ? 'muted' : 'volume', muted ? gettext('Unmute') : gettext('Mute'));
    this.volume.value = String(muted ? 0 : volume);
    this.volume.style.setProperty('--level', `${muted ? 0 : volume * 100}%`);
    this.volume.setAttribute('aria-valuetext', muted ? gettext('Muted') : `${Math.round(volume * 100)}%`);
  }

  showFullscreen() {
    const full = document.fullscreenElement === this.stage;
    setIcon(
      this.fullBtn,
      full ? 'exitFullscreen' : 'fullscreen',
      full ? gettext('Exit full screen') : gettext('Full screen'),
    );
  }

  showBuffered(duration) {
    const { buffered, currentTime } = this.video;
    let end = 0;
    for (let i = 0; i < buffered.length; i += 1) {
      if (buffered.start(i) <= currentTime + 0.5) end = Math.max(end, buffered.end(i));
    }
    this.seek.style.setProperty('--buffered', `${(end / (duration || 1)) * 100}%`);
  }

  /** The timeline, the clock and "Skip intro" at the video's current time. */
  showTime(duration, markers) {
    const now = this.video.currentTime;
    const total = duration || 0;
    if (document.activeElement !== this.seek || this.video.paused) this.seek.value = String(now);
    this.seek.style.setProperty('--played', `${total ? (Math.min(now, total) / total) * 100 : 0}%`);
    this.seek.setAttribute('aria-valuetext', `${clock(now)} of ${clock(total)}`);
    this.time.textContent = `${clock(now)} / ${clock(total)}`;
    const { intro_start: introStart, intro_end: introEnd } = markers || {};
    this.skipBtn.hidden = !(introEnd != null && now >= (introStart || 0) && now < introEnd);
    this.showBuffered(duration);
  }
}
