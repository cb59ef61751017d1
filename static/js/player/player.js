/** One player: asks the play API, then mounts the video and its controls and runs playback. */
import { OFFLINE, requestGrant } from './api.js';
import { SEEK_STEP } from './constants.js';
import { Controls } from './controls.js';
import { attachStream, canPlayHls, hlsErrorAction } from './hls-loader.js';
import { onPlayerKey } from './keyboard.js';
import { lockedPanel } from './lock.js';
import { ProgressReporter } from './progress.js';
import { loadThumbnails } from './thumbnails.js';
import { Captions, chapterItems, qualityItems } from './tracks.js';
import { nextEpisodeUrl } from './up-next.js';

let counter = 0;

export class Player {
  static selector() {
    return '[data-player]';
  }

  constructor(root) {
    this.root = root;
    this.id = `player-${(counter += 1)}`;
    this.frame = root.querySelector('.player__frame');
    this.overlay = root.querySelector('.player__overlay');
    this.status = root.querySelector('[data-player-status]');
    this.title = root.dataset.title || 'Video';
    this.starts = [...root.querySelectorAll('[data-play-url]')];
    this.starts.forEach((start) => {
      start.addEventListener('click', () => this.start(start.dataset.playUrl, start.dataset.kind));
      // A player locked for the profile (data-locked, static/js/engagement/state.js) stays off.
      if (!root.dataset.locked) start.removeAttribute('disabled');
    });
  }

  // --- Asking the play API -------------------------------------------------------

  async start(url, kind) {
    if (this.busy || this.root.dataset.locked) return;
    this.busy = true;
    this.say(gettext('Loading…'));
    this.starts.forEach((start) => start.setAttribute('disabled', ''));
    const { status, body } = await requestGrant(url).catch(() => ({ status: 0, body: OFFLINE }));
    this.busy = false;
    this.starts.forEach((start) => start.removeAttribute('disabled'));
    if (status === 200) {
      Object.assign(this, { playUrl: url, kind: kind || this.root.dataset.kind, grant: body, chosenLevel: -1 });
      this.mount();
      this.attach(body.manifest_url, this.startAt(), true);
      // Offer the player's other video (episode <-> trailer), not the one playing.
      this.starts.forEach((start) => (start.hidden = start.dataset.kind === this.kind));
    } else if (status === 401 || status === 403) {
      this.showLocked(body);
    } else {
      this.say(body.detail || gettext('This video cannot be played right now. Please try again later.'), true);
    }
  }

  /** Where to start: the saved position that static/js/engagement/resume.js put on the
   * player's root (data-start-at; "Start over" sets 0), for the episode only. */
  startAt() {
    const at = Number(this.root.dataset.startAt);
    return this.kind === 'episode' && Number.isFinite(at) && at > 0 ? at : 0;
  }

  say(message, isError = false) {
    if (!this.status) return;
    this.status.textContent = message;
    this.status.classList.toggle('player__note--error', isError);
  }

  showLocked(body) {
    const message = body.detail || gettext('This video is not available to you.');
    this.say(message, Boolean(this.video));
    if (this.video) return; // e.g. the trailer plays but the episode is locked
    this.overlay.replaceChildren(lockedPanel(body, this.status));
    this.root.classList.add('is-locked');
  }

  // --- Building the video and its controls ---------------------------------------

  mount() {
    if (!this.video) this.build();
    const { ui, grant } = this;
    ui.barTitle.textContent =
      this.kind === 'trailer' ? interpolate(gettext('Trailer · %(title)s'), { title: this.title }, true) : this.title;
    ui.upNext.reset();
    ui.menu.chapters.wrap.hidden = !(grant.chapters || []).length;
    ui.preview.cues = [];
    if (grant.thumbnails_url) this.loadThumbnails(grant.thumbnails_url);
    this.setDuration(grant.duration || 0);
    ui.toggleBtn.focus();
  }

  build() {
    const items = {
      chapters: () => chapterItems(this.video, this.grant.chapters || []),
      captions: () => this.captions.items(),
      quality: () => {
        const { hls } = this;
        return qualityItems(hls, this.chosenLevel, (index, label) => {
          this.chosenLevel = index;
          hls.nextLevel = index; // -1 is automatic; switches from the next segment
          this.ui.live.textContent = interpolate(gettext('Quality: %(label)s'), { label }, true);
        });
      },
    };
    const onUpNextCancel = () => this.ui.toggleBtn.focus();
    this.ui = new Controls({ id: this.id, title: this.title, poster: this.root.dataset.poster, items, onUpNextCancel });
    this.video = this.ui.video;
    this.captions = new Captions(
      this.video,
      () => this.hls,
      (message) => (this.ui.live.textContent = message),
      () => ({ pageLang: document.documentElement.lang, audioLang: this.grant.audio_language || '' }),
    );
    this.frame.replaceChildren(this.ui.stage);
    this.frame.after(this.status); // errors from now on show under the video
    this.root.classList.replace('is-locked', 'is-mounted') || this.root.classList.add('is-mounted');
    this.say('');
    this.bindControls();
    if (this.root.dataset.pageId) {
      this.progress = new ProgressReporter(this.video, this.root.dataset.pageId, () => this.kind === 'episode');
    }
  }

  // --- Events: buttons, sliders, keyboard, video ----------------------------------

  bindControls() {
    const { ui, video } = this;
    const { stage, seek, preview } = ui;
    const on = (node, type, handler) => node.addEventListener(type, handler);
    on(ui.toggleBtn, 'click', () => this.toggle());
    on(video, 'click', () => this.toggle());
    on(video, 'dblclick', () => this.toggleFullscreen());
    on(ui.backBtn, 'click', () => this.seekBy(-SEEK_STEP));
    on(ui.forwardBtn, 'click', () => this.seekBy(SEEK_STEP));
    on(ui.muteBtn, 'click', () => (video.muted = !video.muted));
    on(ui.volume, 'input', () => Object.assign(video, { volume: +ui.volume.value, muted: +ui.volume.value === 0 }));
    on(ui.fullBtn, 'click', () => this.toggleFullscreen());
    on(ui.skipBtn, 'click', () => {
      video.currentTime = this.grant.markers.intro_end;
      ui.toggleBtn.focus();
    });
    on(seek, 'input', () => {
      video.currentTime = +seek.value;
      preview.show(+seek.value);
    });
    on(seek, 'pointermove', (event) => {
      const rect = seek.getBoundingClientRect();
      preview.show(((event.clientX - rect.left) / rect.width) * +seek.max);
    });
    on(seek, 'pointerleave', () => document.activeElement !== seek && preview.hide());
    on(seek, 'focus', () => preview.show(+seek.value));
    on(seek, 'blur', () => preview.hide());
    on(stage, 'keydown', (event) => onPlayerKey(this, event));
    on(stage, 'pointermove', () => ui.wake());
    on(stage, 'focusin', () => ui.wake());
    on(document, 'click', (event) => !ui.controls.contains(event.target) && ui.menus.close());
    on(document, 'fullscreenchange', () => ui.showFullscreen());
    on(video, 'play', () => this.updatePlaying());
    on(video, 'pause', () => this.updatePlaying());
    on(video, 'volumechange', () => ui.showVolume());
    on(video, 'durationchange', () => Number.isFinite(video.duration) && this.setDuration(video.duration));
    on(video, 'timeupdate', () => this.onTime());
    on(video, 'progress', () => ui.showBuffered(this.duration));
    on(video, 'ended', () => this.maybeUpNext(true));
    on(video, 'error', () => !this.hls && video.error && video.error.code === 2 && this.refresh());
    if (video.textTracks) on(video.textTracks, 'addtrack', () => this.onTracks());
  }

  // --- Playback actions ------------------------------------------------------------

  toggle() {
    if (this.video.paused || this.video.ended) this.play();
    else this.video.pause();
  }

  play() {
    const promise = this.video.play();
    if (promise) promise.catch(() => this.say(gettext('Press Play to start.')));
  }

  seekBy(seconds) {
    const end = +this.ui.seek.max || this.video.duration || 0;
    this.video.currentTime = Math.min(Math.max(0, this.video.currentTime + seconds), end);
  }

  changeVolume(step) {
    this.video.volume = Math.min(1, Math.max(0, this.video.volume + step));
    this.video.muted = this.video.volume === 0;
    this.ui.live.textContent = interpolate(
      gettext('Volume %(percent)s'),
      { percent: `${Math.round(this.video.volume * 100)}%` },
      true,
    );
  }

  toggleFullscreen() {
    if (document.fullscreenElement) document.exitFullscreen();
    else if (this.ui.stage.requestFullscreen) this.ui.stage.requestFullscreen().catch(() => {});
    else if (this.video.webkitEnterFullscreen) this.video.webkitEnterFullscreen(); // iPhone
  }

  setDuration(duration) {
    this.duration = duration;
    this.ui.seek.max = String(duration || 0);
    this.onTime();
  }

  // --- Keeping the controls in step with the video ---------------------------------

  updatePlaying() {
    this.ui.showPlaying();
    if (!this.video.paused) this.say('');
    this.ui.wake();
  }

  onTime() {
    this.ui.showTime(this.duration, this.grant.markers);
    this.maybeUpNext(false);
  }

  /** New subtitle tracks: offer them, and show the one the viewer most likely wants. */
  onTracks() {
    this.updateMenus();
    this.captions.choose();
  }

  updateMenus() {
    this.ui.menu.captions.wrap.hidden = !this.captions.tracks().length;
    this.ui.menu.quality.wrap.hidden = !(this.hls && this.hls.levels.length > 1);
  }

  loadThumbnails(url) {
    loadThumbnails(url).then((cues) => {
      if (cues) this.ui.preview.cues = cues;
    });
  }

  /** At the credits (or the last 10 s, past half way), count down to the next episode. */
  maybeUpNext(ended) {
    const next = nextEpisodeUrl(this.grant.next_episode_url || this.root.dataset.nextUrl, this.kind);
    const { markers } = this.grant;
    const credits = markers && markers.credits_start;
    this.ui.upNext.offer(next, { ended, now: this.video.currentTime, total: this.duration || 0, credits });
  }

  // --- Attaching the stream, and keeping it going -------------------------------------

  attach(manifestUrl, startAt, autoplay) {
    if (this.hls) this.hls.destroy();
    this.hls = null;
    if (!canPlayHls(this.video)) {
      this.say(gettext('Your browser cannot play this video. Try a current Chrome, Firefox, Edge or Safari.'), true);
      return;
    }
    this.hls = attachStream(this.video, manifestUrl, {
      startAt,
      onReady: (hls) => {
        if (hls && this.chosenLevel >= 0) hls.currentLevel = this.chosenLevel;
        this.onTracks();
        if (autoplay) this.play();
      },
      onTracks: () => this.onTracks(),
      onError: (data, hls) => this.onHlsError(data, hls),
    });
  }

  onHlsError(data, hls) {
    const action = hlsErrorAction(data);
    if (action === 'renew') {
      this.refresh();
    } else if (action === 'recover') {
      hls.recoverMediaError();
    } else if (action === 'retry' && !this.retried) {
      this.retried = true;
      hls.startLoad();
    } else if (action) {
      this.say(gettext('Playback stopped because of an error. Reload the page to try again.'), true);
    }
  }

  /** Ask the play API for a fresh signed URL and carry on from the same moment. */
  async refresh() {
    if (this.refreshing) return;
    this.refreshing = true;
    const [at, wasPlaying] = [this.video.currentTime, !this.video.paused];
    try {
      const { status, body } = await requestGrant(this.playUrl);
      if (status !== 200) throw new Error(body.detail || 'refused');
      this.grant = { ...this.grant, ...body };
      this.attach(body.manifest_url, at, wasPlaying);
      if (body.thumbnails_url) this.loadThumbnails(body.thumbnails_url);
    } catch (error) {
      this.say(
        interpolate(
          gettext('Playback stopped (%(error)s). Reload the page to try again.'),
          { error: error.message },
          true,
        ),
        true,
      );
    } finally {
      setTimeout(() => (this.refreshing = false), 5000);
    }
  }
}
