/** "Up next": at an episode's end, count down and go on to the next episode. */
import { UP_NEXT_SECONDS } from './constants.js';
import { make } from './dom.js';

/** The next episode's URL with ?autoplay=1 (the next page starts playing on its own), or ''. */
export function nextEpisodeUrl(next, kind) {
  if (!next || kind !== 'episode') return '';
  const url = new URL(next, window.location.href);
  url.searchParams.set('autoplay', '1');
  return url.href;
}

export class UpNext {
  /** `live` announces the countdown; `onCancel` runs after the viewer cancels it. */
  constructor(live, onCancel) {
    this.live = live;
    this.timer = null;
    this.dismissed = false;
    this.count = make('span', { text: String(UP_NEXT_SECONDS) });
    this.link = make('a', { class: 'button button--primary', href: '#', text: gettext('Play now') });
    const cancel = make('button', { type: 'button', class: 'button button--secondary', text: gettext('Cancel') });
    cancel.addEventListener('click', () => {
      this.dismissed = true;
      this.cancel();
      onCancel();
    });
    this.element = make(
      'div',
      { class: 'player__upnext', hidden: true, role: 'group', 'aria-label': gettext('Up next') },
      [
        make('p', { class: 'player__upnext-label' }, [
          `${gettext('Next episode in')} `,
          this.count,
          ` ${pgettext('seconds, short', 's')}`,
        ]),
        make('div', { class: 'player__upnext-actions' }, [this.link, cancel]),
      ],
    );
  }

  /** A new video: no countdown, and the viewer has not dismissed one. */
  reset() {
    this.cancel();
    this.dismissed = false;
  }

  /** At the credits (or the last 10 s, past half way), count down to `next`. */
  offer(next, { ended, now, total, credits }) {
    if (!next || this.timer || this.dismissed) return;
    const from = credits != null ? credits : Math.max(total - UP_NEXT_SECONDS, total / 2);
    if (!ended && (!total || now < from)) return;
    let left = UP_NEXT_SECONDS;
    this.link.href = next;
    this.count.textContent = String(left);
    this.element.hidden = false;
    this.live.textContent = interpolate(gettext('Next episode in %(seconds)s seconds.'), { seconds: left }, true);
    this.timer = setInterval(() => {
      left -= 1;
      this.count.textContent = String(Math.max(left, 0));
      if (left > 0) return;
      this.cancel();
      window.location.assign(next);
    }, 1000);
  }

  cancel() {
    clearInterval(this.timer);
    this.timer = null;
    this.element.hidden = true;
  }
}
