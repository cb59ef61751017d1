/**
 * Player: the site's HLS video player, one per [data-player] placeholder.
 *
 * The page HTML is the same for every visitor: a poster, a Play button and a
 * status line (components/play_button.html). Nothing loads until the viewer
 * presses a [data-play-url] button (or arrives with ?autoplay=1 from "Up
 * next"). Then the player POSTs that play API URL and:
 *   - 200: mounts a <video> with custom controls and attaches hls.js (or native
 *     HLS on Safari) to the short-lived signed manifest URL;
 *   - 401/403: shows the API's message and a link to its upgrade_url;
 *   - 404/503 (or no network): shows the message.
 *
 * Keyboard (focus anywhere in the player): Space/K play-pause, ←/→ or J/L seek
 * 10 s, ↑/↓ volume, M mute, F fullscreen, C captions on/off, Esc close menus.
 * The only dependency is hls.js (static/vendor/hls.js), loaded before this.
 */
(() => {
  'use strict';

  if (window.mediasite && window.mediasite.Player) return; // included twice on this page
  // --- Constants and helpers ---------------------------------------------------

  const SEEK_STEP = 10;
  const VOLUME_STEP = 0.1;
  const UP_NEXT_SECONDS = 10;
  const IDLE_MS = 2500;
  const LOCK_ACTIONS = {
    not_signed_in: 'Sign in',
    email_unverified: 'Verify e-mail',
    no_plan: 'Subscribe',
    plan_too_low: 'Upgrade your plan',
    subscription_expired: 'Renew your subscription',
  };
  const ICONS = {
    play: 'M8 5.5v13l10.5-6.5z',
    pause: 'M7 5h3.5v14H7zm6.5 0H17v14h-3.5z',
    back: 'M3 12a9 9 0 1 0 9-9 9.75 9.75 0 0 0-6.74 2.74L3 8M3 3v5h5',
    forward: 'M21 12a9 9 0 1 1-9-9c2.52 0 4.93 1 6.74 2.74L21 8M21 3v5h-5',
    volume: 'M11 5 6 9H2v6h4l5 4zM15.54 8.46a5 5 0 0 1 0 7.07M19.07 4.93a10 10 0 0 1 0 14.14',
    muted: 'M11 5 6 9H2v6h4l5 4zM22 9l-6 6M16 9l6 6',
    captions: 'M5 5h14a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2zM7 15h4M14 15h3M7 11h2M12 11h5',
    quality: 'M21 4h-7M10 4H3M21 12h-9M8 12H3M21 20h-5M12 20H3M14 2v4M8 10v4M16 18v4',
    chapters: 'M8 6h13M8 12h13M8 18h13M3 6h.01M3 12h.01M3 18h.01',
    fullscreen: 'M8 3H5a2 2 0 0 0-2 2v3M21 8V5a2 2 0 0 0-2-2h-3M3 16v3a2 2 0 0 0 2 2h3M16 21h3a2 2 0 0 0 2-2v-3',
    exitFullscreen: 'M8 3v3a2 2 0 0 1-2 2H3M21 8h-3a2 2 0 0 1-2-2V3M3 16h3a2 2 0 0 1 2 2v3M16 21v-3a2 2 0 0 1 2-2h3',
    lock: 'M5 11h14v10H5zM8 11V7a4 4 0 0 1 8 0v4',
    skip: 'M13 17l5-5-5-5M6 17l5-5-5-5',
  };
  let counter = 0;

  /** "m:ss", or "h:mm:ss" from an hour on. */
  const clock = (seconds) => {
    const s = Math.max(0, Math.floor(Number.isFinite(seconds) ? seconds : 0));
    const pad = (n) => String(n).padStart(2, '0');
    const [h, m] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60)];
    return h ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
  };

  /** An element with attributes (class, text and hidden are special) and children. */
  const make = (tag, attrs = {}, children = []) => {
    const node = document.createElement(tag);
    Object.entries(attrs).forEach(([key, value]) => {
      if (key === 'class') node.className = value;
      else if (key === 'text') node.textContent = value;
      else if (key === 'hidden') node.hidden = value;
      else node.setAttribute(key, value);
    });
    node.append(...children);
    return node;
  };

  const icon = (name) => {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    const filled = name === 'play' || name === 'pause';
    const label = name === 'back' || name === 'forward' ? `<text x="12" y="15.6">${SEEK_STEP}</text>` : '';
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    svg.setAttribute('class', `icon icon--${filled ? 'fill' : 'stroke'}`);
    svg.innerHTML = `<path d="${ICONS[name]}"/>${label}`;
    return svg;
  };

  const iconButton = (name, label, attrs = {}) =>
    make('button', { type: 'button', class: `player__btn player__btn--${name}`, 'aria-label': label, ...attrs }, [
      icon(name),
    ]);

  /** A thumbnails WebVTT as [{start, end, url, x, y, w, h}]; tile URLs resolved against `base`. */
  const parseThumbnails = (text, base) => {
    const seconds = (t) => t.trim().split(':').reduce((sum, part) => sum * 60 + parseFloat(part), 0);
    return text.replace(/\r/g, '').split(/\n\n+/).flatMap((block) => {
      const lines = block.split('\n');
      const at = lines.findIndex((line) => line.includes('-->'));
      if (at < 0 || !lines[at + 1]) return [];
      const [start, end] = lines[at].split('-->').map((part) => seconds(part.trim().split(/\s+/)[0]));
      const [file, hash = '0,0,0,0'] = lines[at + 1].trim().split('#xywh=');
      const [x, y, w, h] = hash.split(',').map(Number);
      return [{ start, end, url: new URL(file, base).href, x, y, w, h }];
    });
  };

  // --- The player ---------------------------------------------------------------

  class Player {
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
        start.removeAttribute('disabled');
      });
    }

    // --- Asking the play API -------------------------------------------------------

    async requestGrant(url) {
      const me = window.mediasite && window.mediasite.me ? await window.mediasite.me : null;
      const headers = { Accept: 'application/json', 'X-CSRFToken': (me && me.csrf_token) || '' };
      const response = await fetch(url, { method: 'POST', credentials: 'same-origin', headers });
      const body = await response.json().catch(() => ({}));
      return { status: response.status, body };
    }

    async start(url, kind) {
      if (this.busy) return;
      this.busy = true;
      this.say('Loading…');
      this.starts.forEach((start) => start.setAttribute('disabled', ''));
      const offline = { detail: 'We could not reach mediasite. Check your connection and try again.' };
      const { status, body } = await this.requestGrant(url).catch(() => ({ status: 0, body: offline }));
      this.busy = false;
      this.starts.forEach((start) => start.removeAttribute('disabled'));
      if (status === 200) {
        Object.assign(this, { playUrl: url, kind: kind || this.root.dataset.kind, grant: body, chosenLevel: -1 });
        this.mount();
        this.attach(body.manifest_url, 0, true);
        // Offer the player's other video (episode <-> trailer), not the one playing.
        this.starts.forEach((start) => (start.hidden = start.dataset.kind === this.kind));
      } else if (status === 401 || status === 403) {
        this.showLocked(body);
      } else {
        this.say(body.detail || 'This video cannot be played right now. Please try again later.', true);
      }
    }

    say(message, isError = false) {
      if (!this.status) return;
      this.status.textContent = message;
      this.status.classList.toggle('player__note--error', isError);
    }

    showLocked(body) {
      const message = body.detail || 'This video is not available to you.';
      this.say(message, Boolean(this.video));
      if (this.video) return; // e.g. the trailer plays but the episode is locked
      const children = [icon('lock'), this.status];
      if (body.upgrade_url) {
        const target = new URL(body.upgrade_url, window.location.href);
        if (body.reason === 'not_signed_in') target.searchParams.set('next', window.location.pathname);
        const label = LOCK_ACTIONS[body.reason] || 'See plans';
        children.push(make('a', { class: 'button button--primary player__upgrade', href: target.href, text: label }));
      }
      this.overlay.replaceChildren(make('div', { class: 'player__locked', 'data-player-locked': body.reason || '' }, children));
      this.root.classList.add('is-locked');
    }

    // --- Building the video and its controls ---------------------------------------

    mount() {
      if (!this.video) this.build();
      this.barTitle.textContent = this.kind === 'trailer' ? `Trailer · ${this.title}` : this.title;
      this.cancelUpNext();
      this.upNextDismissed = false;
      this.menus.chapters.wrap.hidden = !(this.grant.chapters || []).length;
      this.thumbnails = [];
      if (this.grant.thumbnails_url) this.loadThumbnails(this.grant.thumbnails_url);
      this.setDuration(this.grant.duration || 0);
      this.toggleBtn.focus();
    }

    build() {
      const range = (cls, label, max, step) =>
        make('input', { type: 'range', class: cls, min: '0', max, step, value: '0', 'aria-label': label });
      this.video = make('video', { class: 'player__video', playsinline: '', preload: 'auto' });
      if (this.root.dataset.poster) this.video.poster = this.root.dataset.poster;
      this.toggleBtn = iconButton('play', 'Play');
      this.backBtn = iconButton('back', `Back ${SEEK_STEP} seconds`);
      this.forwardBtn = iconButton('forward', `Forward ${SEEK_STEP} seconds`);
      this.muteBtn = iconButton('volume', 'Mute');
      this.fullBtn = iconButton('fullscreen', 'Full screen');
      this.seek = range('player__seek', 'Seek', '0', '0.1');
      this.volume = range('player__volume', 'Volume', '1', '0.05');
      this.volume.value = '1';
      this.time = make('span', { class: 'player__time', 'aria-hidden': 'true', text: '0:00 / 0:00' });
      this.barTitle = make('span', { class: 'player__bar-title' });
      this.previewImage = make('div', { class: 'player__preview-img' });
      this.previewTime = make('span', { class: 'player__preview-time' });
      this.preview = make('div', { class: 'player__preview', hidden: true }, [this.previewImage, this.previewTime]);
      this.live = make('p', { class: 'visually-hidden', 'aria-live': 'polite' });
      this.skipBtn = make('button', { type: 'button', class: 'player__skip', hidden: true }, [icon('skip'), 'Skip intro']);
      this.buildUpNext();
      this.menus = {
        chapters: this.buildMenu('chapters', 'Chapters', () => this.chapterItems()),
        captions: this.buildMenu('captions', 'Subtitles', () => this.captionItems()),
        quality: this.buildMenu('quality', 'Quality', () => this.qualityItems()),
      };
      const menus = Object.values(this.menus).map((menu) => menu.wrap);
      const volume = make('div', { class: 'player__volume-group' }, [this.muteBtn, this.volume]);
      const left = [this.toggleBtn, this.backBtn, this.forwardBtn, volume, this.time, this.barTitle];
      this.controls = make('div', { class: 'player__controls' }, [
        make('div', { class: 'player__timeline' }, [this.preview, this.seek]),
        make('div', { class: 'player__bar' }, [...left, ...menus, this.fullBtn]),
      ]);
      const label = `Video player: ${this.title}`;
      this.stage = make('div', { class: 'player__stage is-paused', role: 'region', 'aria-label': label }, [
        this.video, this.skipBtn, this.upNext, this.controls, this.live,
      ]);
      this.frame.replaceChildren(this.stage);
      this.frame.after(this.status); // errors from now on show under the video
      this.root.classList.replace('is-locked', 'is-mounted') || this.root.classList.add('is-mounted');
      this.say('');
      this.bindControls();
    }

    buildUpNext() {
      this.upNextCount = make('span', { text: String(UP_NEXT_SECONDS) });
      this.upNextLink = make('a', { class: 'button button--primary', href: '#', text: 'Play now' });
      const cancel = make('button', { type: 'button', class: 'button button--secondary', text: 'Cancel' });
      cancel.addEventListener('click', () => {
        this.upNextDismissed = true;
        this.cancelUpNext();
        this.toggleBtn.focus();
      });
      this.upNext = make('div', { class: 'player__upnext', hidden: true, role: 'group', 'aria-label': 'Up next' }, [
        make('p', { class: 'player__upnext-label' }, ['Next episode in ', this.upNextCount, ' s']),
        make('div', { class: 'player__upnext-actions' }, [this.upNextLink, cancel]),
      ]);
    }

    /** A menu button with a list of radio items that `items()` makes afresh on each open. */
    buildMenu(name, label, items) {
      const id = `${this.id}-${name}`;
      const trigger = iconButton(name, label, { 'aria-haspopup': 'menu', 'aria-expanded': 'false', 'aria-controls': id });
      const list = make('div', { class: 'player__menu', id, role: 'menu', 'aria-label': label, hidden: true });
      const menu = { trigger, list, items, wrap: make('div', { class: 'player__menu-wrap', hidden: true }, [trigger, list]) };
      trigger.addEventListener('click', () => (list.hidden ? this.openMenu(menu) : this.closeMenus(true)));
      return menu;
    }

    openMenu(menu) {
      this.closeMenus();
      const entries = menu.items().map((item) => {
        const attrs = { type: 'button', role: 'menuitemradio', class: 'player__menu-item', text: item.label };
        const entry = make('button', { ...attrs, 'aria-checked': String(item.checked) });
        entry.addEventListener('click', () => {
          item.select();
          this.closeMenus(true);
        });
        return entry;
      });
      menu.list.replaceChildren(...entries);
      menu.list.hidden = false;
      menu.trigger.setAttribute('aria-expanded', 'true');
      this.openedMenu = menu;
      (entries.find((entry) => entry.getAttribute('aria-checked') === 'true') || entries[0]).focus();
    }

    closeMenus(refocus = false) {
      const menu = this.openedMenu;
      if (!menu) return;
      menu.list.hidden = true;
      menu.trigger.setAttribute('aria-expanded', 'false');
      this.openedMenu = null;
      if (refocus) menu.trigger.focus();
    }

    // --- Events: buttons, sliders, keyboard, video ----------------------------------

    bindControls() {
      const { video, stage, seek } = this;
      const on = (node, type, handler) => node.addEventListener(type, handler);
      on(this.toggleBtn, 'click', () => this.toggle());
      on(video, 'click', () => this.toggle());
      on(video, 'dblclick', () => this.toggleFullscreen());
      on(this.backBtn, 'click', () => this.seekBy(-SEEK_STEP));
      on(this.forwardBtn, 'click', () => this.seekBy(SEEK_STEP));
      on(this.muteBtn, 'click', () => (video.muted = !video.muted));
      on(this.volume, 'input', () => Object.assign(video, { volume: +this.volume.value, muted: +this.volume.value === 0 }));
      on(this.fullBtn, 'click', () => this.toggleFullscreen());
      on(this.skipBtn, 'click', () => {
        video.currentTime = this.grant.markers.intro_end;
        this.toggleBtn.focus();
      });
      on(seek, 'input', () => {
        video.currentTime = +seek.value;
        this.showPreview(+seek.value);
      });
      on(seek, 'pointermove', (event) => {
        const rect = seek.getBoundingClientRect();
        this.showPreview(((event.clientX - rect.left) / rect.width) * +seek.max);
      });
      on(seek, 'pointerleave', () => document.activeElement !== seek && (this.preview.hidden = true));
      on(seek, 'focus', () => this.showPreview(+seek.value));
      on(seek, 'blur', () => (this.preview.hidden = true));
      on(stage, 'keydown', (event) => this.onKey(event));
      on(stage, 'pointermove', () => this.wake());
      on(stage, 'focusin', () => this.wake());
      on(document, 'click', (event) => !this.controls.contains(event.target) && this.closeMenus());
      on(document, 'fullscreenchange', () => this.updateFullscreen());
      on(video, 'play', () => this.updatePlaying());
      on(video, 'pause', () => this.updatePlaying());
      on(video, 'volumechange', () => this.updateVolume());
      on(video, 'durationchange', () => Number.isFinite(video.duration) && this.setDuration(video.duration));
      on(video, 'timeupdate', () => this.onTime());
      on(video, 'progress', () => this.updateBuffered());
      on(video, 'ended', () => this.maybeUpNext(true));
      on(video, 'error', () => !this.hls && video.error && video.error.code === 2 && this.refresh());
      if (video.textTracks) on(video.textTracks, 'addtrack', () => this.updateMenus());
    }

    onKey(event) {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const { target } = event;
      const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
      if (this.openedMenu && this.openedMenu.list.contains(target)) return this.menuKey(event, key);
      if (target === this.volume && key.startsWith('Arrow')) return undefined; // the slider's own steps
      if ((key === ' ' || key === 'Enter') && target.closest('button, a')) return undefined; // activates it
      const actions = {
        ' ': () => this.toggle(),
        k: () => this.toggle(),
        ArrowLeft: () => this.seekBy(-SEEK_STEP),
        j: () => this.seekBy(-SEEK_STEP),
        ArrowRight: () => this.seekBy(SEEK_STEP),
        l: () => this.seekBy(SEEK_STEP),
        ArrowUp: () => this.changeVolume(VOLUME_STEP),
        ArrowDown: () => this.changeVolume(-VOLUME_STEP),
        m: () => (this.video.muted = !this.video.muted),
        f: () => this.toggleFullscreen(),
        c: () => this.toggleCaptions(),
        Escape: () => this.closeMenus(true),
      };
      if (!actions[key]) return undefined;
      event.preventDefault();
      actions[key]();
      return this.wake();
    }

    menuKey(event, key) {
      const items = [...this.openedMenu.list.children];
      const at = items.indexOf(document.activeElement);
      const moves = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: items.length - 1 };
      if (key in moves) {
        event.preventDefault();
        items[(moves[key] + items.length) % items.length].focus();
      } else if (key === 'Escape' || key === 'Tab') {
        if (key === 'Escape') event.preventDefault();
        this.closeMenus(key === 'Escape');
      }
    }

    /** Show the controls; hide them after a while of untouched playback. */
    wake() {
      this.stage.classList.remove('is-idle');
      clearTimeout(this.idleTimer);
      this.idleTimer = setTimeout(() => {
        const busy = this.video.paused || this.openedMenu || this.controls.querySelector(':focus-visible');
        if (!busy) this.stage.classList.add('is-idle');
      }, IDLE_MS);
    }

    // --- Playback actions ------------------------------------------------------------

    toggle() {
      if (this.video.paused || this.video.ended) this.play();
      else this.video.pause();
    }

    play() {
      const promise = this.video.play();
      if (promise) promise.catch(() => this.say('Press Play to start.'));
    }

    seekBy(seconds) {
      const end = +this.seek.max || this.video.duration || 0;
      this.video.currentTime = Math.min(Math.max(0, this.video.currentTime + seconds), end);
    }

    changeVolume(step) {
      this.video.volume = Math.min(1, Math.max(0, this.video.volume + step));
      this.video.muted = this.video.volume === 0;
      this.live.textContent = `Volume ${Math.round(this.video.volume * 100)}%`;
    }

    toggleFullscreen() {
      if (document.fullscreenElement) document.exitFullscreen();
      else if (this.stage.requestFullscreen) this.stage.requestFullscreen().catch(() => {});
      else if (this.video.webkitEnterFullscreen) this.video.webkitEnterFullscreen(); // iPhone
    }

    setDuration(duration) {
      this.duration = duration;
      this.seek.max = String(duration || 0);
      this.onTime();
    }

    // --- Keeping the controls in step with the video ---------------------------------

    setIcon(btn, name, label) {
      btn.replaceChildren(icon(name));
      btn.setAttribute('aria-label', label);
    }

    updatePlaying() {
      const { paused } = this.video;
      this.setIcon(this.toggleBtn, paused ? 'play' : 'pause', paused ? 'Play' : 'Pause');
      this.stage.classList.toggle('is-paused', paused);
      if (!paused) this.say('');
      this.wake();
    }

    updateVolume() {
      const { muted, volume } = this.video;
      this.setIcon(this.muteBtn, muted ? 'muted' : 'volume', muted ? 'Unmute' : 'Mute');
      this.volume.value = String(muted ? 0 : volume);
      this.volume.style.setProperty('--level', `${muted ? 0 : volume * 100}%`);
      this.volume.setAttribute('aria-valuetext', muted ? 'Muted' : `${Math.round(volume * 100)}%`);
    }

    updateFullscreen() {
      const full = document.fullscreenElement === this.stage;
      this.setIcon(this.fullBtn, full ? 'exitFullscreen' : 'fullscreen', full ? 'Exit full screen' : 'Full screen');
    }

    updateBuffered() {
      const { buffered, currentTime } = this.video;
      let end = 0;
      for (let i = 0; i < buffered.length; i += 1) {
        if (buffered.start(i) <= currentTime + 0.5) end = Math.max(end, buffered.end(i));
      }
      this.seek.style.setProperty('--buffered', `${(end / (this.duration || 1)) * 100}%`);
    }

    onTime() {
      const now = this.video.currentTime;
      const total = this.duration || 0;
      if (document.activeElement !== this.seek || this.video.paused) this.seek.value = String(now);
      this.seek.style.setProperty('--played', `${total ? (Math.min(now, total) / total) * 100 : 0}%`);
      this.seek.setAttribute('aria-valuetext', `${clock(now)} of ${clock(total)}`);
      this.time.textContent = `${clock(now)} / ${clock(total)}`;
      const { intro_start: introStart, intro_end: introEnd } = this.grant.markers || {};
      this.skipBtn.hidden = !(introEnd != null && now >= (introStart || 0) && now < introEnd);
      this.updateBuffered();
      this.maybeUpNext(false);
    }

    // --- Seek previews: the thumbnails WebVTT and its sprite ---------------------------

    async loadThumbnails(url) {
      // Tiles resolve against the signed URL we asked for, not a storage redirect's URL.
      const base = new URL(url, window.location.href).href;
      const response = await fetch(base, { credentials: 'same-origin' }).catch(() => null);
      if (response && response.ok) this.thumbnails = parseThumbnails(await response.text(), base);
    }

    showPreview(time) {
      const total = +this.seek.max;
      if (!total || !Number.isFinite(time)) return;
      const at = Math.min(Math.max(time, 0), total);
      const tiles = this.thumbnails;
      const cue = tiles.find((c) => at >= c.start && at < c.end) || tiles[tiles.length - 1];
      this.previewImage.hidden = !cue;
      if (cue) {
        Object.assign(this.previewImage.style, {
          width: `${cue.w}px`,
          height: `${cue.h}px`,
          backgroundImage: `url("${cue.url}")`,
          backgroundPosition: `-${cue.x}px -${cue.y}px`,
        });
      }
      this.previewTime.textContent = clock(at);
      this.preview.hidden = false;
      const [width, half] = [this.seek.clientWidth, (cue ? cue.w : 40) / 2];
      this.preview.style.left = `${Math.min(Math.max((at / total) * width, half), width - half)}px`;
    }

    // --- "Up next" ---------------------------------------------------------------------

    nextUrl() {
      const next = this.grant.next_episode_url || this.root.dataset.nextUrl;
      if (!next || this.kind !== 'episode') return '';
      const url = new URL(next, window.location.href);
      url.searchParams.set('autoplay', '1'); // the next page starts playing on its own
      return url.href;
    }

    /** At the credits (or the last 10 s, past half way), count down to the next episode. */
    maybeUpNext(ended) {
      const next = this.nextUrl();
      if (!next || this.upNextTimer || this.upNextDismissed) return;
      const total = this.duration || 0;
      const credits = this.grant.markers && this.grant.markers.credits_start;
      const from = credits != null ? credits : Math.max(total - UP_NEXT_SECONDS, total / 2);
      if (!ended && (!total || this.video.currentTime < from)) return;
      let left = UP_NEXT_SECONDS;
      this.upNextLink.href = next;
      this.upNextCount.textContent = String(left);
      this.upNext.hidden = false;
      this.live.textContent = `Next episode in ${left} seconds.`;
      this.upNextTimer = setInterval(() => {
        left -= 1;
        this.upNextCount.textContent = String(Math.max(left, 0));
        if (left > 0) return;
        this.cancelUpNext();
        window.location.assign(next);
      }, 1000);
    }

    cancelUpNext() {
      clearInterval(this.upNextTimer);
      this.upNextTimer = null;
      this.upNext.hidden = true;
    }

    // --- Menus: chapters, subtitles, quality ----------------------------------------------

    chapterItems() {
      const now = this.video.currentTime;
      const chapters = this.grant.chapters || [];
      return chapters.map((chapter, i) => ({
        label: `${clock(chapter.start)}  ${chapter.title}`,
        checked: now >= chapter.start && (i === chapters.length - 1 || now < chapters[i + 1].start),
        select: () => (this.video.currentTime = chapter.start),
      }));
    }

    /** Subtitle tracks as [{label}], from hls.js or from the browser's own HLS (Safari). */
    captionTracks() {
      if (this.hls) return this.hls.subtitleTracks.map((t) => ({ label: t.name || t.lang }));
      return this.nativeTracks().map((t) => ({ label: t.label || t.language }));
    }

    nativeTracks() {
      return [...(this.video.textTracks || [])].filter((t) => t.kind === 'subtitles' || t.kind === 'captions');
    }

    currentCaption() {
      if (this.hls) return this.hls.subtitleDisplay ? this.hls.subtitleTrack : -1;
      return this.nativeTracks().findIndex((t) => t.mode === 'showing');
    }

    setCaption(index) {
      if (this.hls) Object.assign(this.hls, { subtitleTrack: index, subtitleDisplay: index >= 0 });
      else this.nativeTracks().forEach((t, i) => (t.mode = i === index ? 'showing' : 'disabled'));
      const track = this.captionTracks()[index];
      if (index >= 0) this.lastCaption = index;
      this.live.textContent = track ? `Subtitles: ${track.label}` : 'Subtitles off';
    }

    toggleCaptions() {
      if (this.captionTracks().length) this.setCaption(this.currentCaption() >= 0 ? -1 : this.lastCaption || 0);
    }

    captionItems() {
      const current = this.currentCaption();
      const tracks = this.captionTracks().map((t, i) => ({ label: t.label, checked: current === i, index: i }));
      return [{ label: 'Off', checked: current < 0, index: -1 }, ...tracks].map((item) => ({
        ...item,
        select: () => this.setCaption(item.index),
      }));
    }

    qualityItems() {
      const { hls } = this;
      const playing = hls.levels[hls.currentLevel];
      const auto = { label: playing ? `Auto (${playing.height}p)` : 'Auto', index: -1 };
      const levels = hls.levels.map((level, index) => ({ label: `${level.height}p`, index, height: level.height }));
      levels.sort((a, b) => b.height - a.height);
      return [auto, ...levels].map((item) => ({
        label: item.label,
        checked: this.chosenLevel === item.index,
        select: () => {
          this.chosenLevel = item.index;
          hls.nextLevel = item.index; // -1 is automatic; switches from the next segment
          this.live.textContent = `Quality: ${item.label}`;
        },
      }));
    }

    updateMenus() {
      this.menus.captions.wrap.hidden = !this.captionTracks().length;
      this.menus.quality.wrap.hidden = !(this.hls && this.hls.levels.length > 1);
    }

    // --- Attaching the stream: hls.js, or the browser's own HLS ------------------------------

    attach(manifestUrl, startAt, autoplay) {
      const { video } = this;
      const Hls = window.Hls;
      if (this.hls) this.hls.destroy();
      this.hls = null;
      if (Hls && Hls.isSupported()) {
        const hls = new Hls({ startPosition: startAt || -1 });
        this.hls = hls;
        hls.on(Hls.Events.MANIFEST_PARSED, () => {
          if (this.chosenLevel >= 0) hls.currentLevel = this.chosenLevel;
          this.updateMenus();
          if (autoplay) this.play();
        });
        hls.on(Hls.Events.SUBTITLE_TRACKS_UPDATED, () => this.updateMenus());
        hls.on(Hls.Events.ERROR, (event, data) => this.onHlsError(data));
        hls.loadSource(manifestUrl);
        hls.attachMedia(video);
      } else if (video.canPlayType('application/vnd.apple.mpegurl')) {
        video.src = manifestUrl;
        const ready = () => {
          if (startAt) video.currentTime = startAt;
          this.updateMenus();
          if (autoplay) this.play();
        };
        video.addEventListener('loadedmetadata', ready, { once: true });
      } else {
        this.say('Your browser cannot play this video. Try a current Chrome, Firefox, Edge or Safari.', true);
      }
    }

    onHlsError(data) {
      // A 403 means the signed URL expired: renew it at once rather than let hls.js retry.
      if (data.response && data.response.code === 403) return this.refresh();
      if (!data.fatal) return undefined;
      const { ErrorTypes } = window.Hls;
      if (data.type === ErrorTypes.MEDIA_ERROR) {
        this.hls.recoverMediaError();
      } else if (data.type === ErrorTypes.NETWORK_ERROR && !this.retried) {
        this.retried = true;
        this.hls.startLoad();
      } else {
        this.say('Playback stopped because of an error. Reload the page to try again.', true);
      }
      return undefined;
    }

    /** Ask the play API for a fresh signed URL and carry on from the same moment. */
    async refresh() {
      if (this.refreshing) return;
      this.refreshing = true;
      const [at, wasPlaying] = [this.video.currentTime, !this.video.paused];
      try {
        const { status, body } = await this.requestGrant(this.playUrl);
        if (status !== 200) throw new Error(body.detail || 'refused');
        this.grant = { ...this.grant, ...body };
        this.attach(body.manifest_url, at, wasPlaying);
        if (body.thumbnails_url) this.loadThumbnails(body.thumbnails_url);
      } catch (error) {
        this.say(`Playback stopped (${error.message}). Reload the page to try again.`, true);
      } finally {
        setTimeout(() => (this.refreshing = false), 5000);
      }
    }
  }

  // --- Start-up ------------------------------------------------------------------------------

  const init = () => {
    const players = [...document.querySelectorAll(Player.selector())].map((root) => new Player(root));
    window.mediasite.players = players;
    // Buttons elsewhere on the page ("Trailer" in a show's header) start a player by its id.
    document.querySelectorAll('[data-player-for]').forEach((link) => {
      const player = players.find((p) => p.root.id === link.dataset.playerFor);
      const first = player && player.root.querySelector('[data-play-url]');
      if (!first) return;
      link.addEventListener('click', (event) => {
        event.preventDefault();
        player.root.scrollIntoView({ behavior: 'smooth', block: 'center' });
        player.start(first.dataset.playUrl, first.dataset.kind);
      });
    });
    // "Up next" brought the viewer here with ?autoplay=1: start the episode, drop the flag.
    const params = new URLSearchParams(window.location.search);
    if (params.get('autoplay') !== '1') return;
    params.delete('autoplay');
    const query = params.toString() ? `?${params}` : '';
    window.history.replaceState(null, '', `${window.location.pathname}${query}${window.location.hash}`);
    const player = players.find((p) => p.root.dataset.kind === 'episode');
    const first = player && player.root.querySelector('[data-play-url]');
    if (first) player.start(first.dataset.playUrl, first.dataset.kind);
  };

  window.mediasite = Object.assign(window.mediasite || {}, { Player });
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
