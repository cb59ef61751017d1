/**
 * Progress: reports where the viewer is in an episode, for "Continue watching" and resuming.
 *
 * `PUT /api/v1/progress/<episode id>` with `{position, duration, event}` (seconds): every
 * REPORT_EVERY seconds while playing, and at once on pause, seek and end (events the server
 * never throttles), and on `pagehide` with `fetch(..., {keepalive: true})` so the last
 * position survives leaving the page. Only for signed-in viewers (/me) and episodes.
 */
export const REPORT_EVERY = 15;

const me = async () => (window.mediasite && window.mediasite.me ? window.mediasite.me : null);

export class ProgressReporter {
  /** `active()` says whether the video playing is the episode (not its trailer). */
  constructor(video, episodeId, active) {
    this.video = video;
    this.active = active;
    this.url = `/api/v1/progress/${encodeURIComponent(episodeId)}`;
    this.lastSent = null;
    this.sinceTick = 0;
    this.lastTime = null;
    me().then((payload) => {
      this.token = payload && payload.authenticated ? payload.csrf_token || '' : null;
    });
    const on = (type, handler) => video.addEventListener(type, handler);
    on('timeupdate', () => this.onTime());
    on('pause', () => !video.ended && this.send('pause'));
    on('seeked', () => this.send('seek'));
    on('ended', () => this.send('ended'));
    window.addEventListener('pagehide', () => this.send('pagehide', true));
  }

  onTime() {
    const now = this.video.currentTime;
    if (this.lastTime !== null && !this.video.paused && !this.video.seeking) {
      const step = now - this.lastTime;
      if (step > 0 && step < 2) this.sinceTick += step;
    }
    this.lastTime = now;
    if (this.sinceTick >= REPORT_EVERY) {
      this.sinceTick = 0;
      this.send();
    }
  }

  send(event, keepalive = false) {
    const { video } = this;
    const duration = video.duration;
    if (!this.token || !this.active() || !Number.isFinite(duration) || duration <= 0) return;
    const position = Math.min(Math.max(0, video.currentTime), duration);
    if (event === 'pagehide' && this.lastSent === position) return;
    this.lastSent = position;
    const body = { position, duration };
    if (event) body.event = event;
    fetch(this.url, {
      method: 'PUT',
      credentials: 'same-origin',
      keepalive,
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRFToken': this.token },
      body: JSON.stringify(body),
    }).catch(() => {});
  }
}
