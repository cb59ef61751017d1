/**
 * Resume: on an episode page, offers "Resume from 12:34" or "Start over" where the active
 * profile has a saved position, and has the player start there.
 *
 * The page is the same for everyone; this reads the viewer's progress after load: from
 * `window.mediasite.state` (a Promise of the /api/v1/me/state answer, when the page's state
 * script provides one) or else from `GET /api/v1/progress/<id>` (progressFor below is the one
 * place to switch). It relabels the Play button and puts the position on the player's root
 * (data-start-at), which the player reads when it starts (static/js/player/player.js);
 * "Start over" sets 0 and presses Play. No request is made for signed-out visitors.
 */

const SELECTOR = '[data-player][data-kind="episode"][data-page-id]';

/** "12:34", or "1:02:03" past the hour. */
export function clock(seconds) {
  const total = Math.floor(seconds);
  const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  const pad = (n) => String(n).padStart(2, '0');
  return h ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

const fromState = (state, pageId) => {
  if (!state) return undefined;
  const pages = state.pages || state;
  const entry = pages[pageId] || pages[String(pageId)];
  if (!entry) return undefined;
  // /api/v1/me/state: progress is {position, duration} or null.
  return entry.progress ? Number(entry.progress.position) || 0 : 0;
};

/** The saved position in seconds (0: none). */
export async function progressFor(pageId) {
  const site = window.mediasite || {};
  if (site.state) {
    const position = fromState(await site.state, pageId);
    if (position !== undefined) return position;
  }
  const response = await fetch(`/api/v1/progress/${encodeURIComponent(pageId)}`, {
    credentials: 'same-origin',
    headers: { Accept: 'application/json' },
  });
  if (!response.ok) return 0;
  const body = await response.json();
  return body.watched && !body.position ? 0 : Number(body.position) || 0;
}

function offer(root, position) {
  const play = root.querySelector('.player__play[data-play-url]');
  const label = play && play.querySelector('span:not(.visually-hidden)');
  if (!play || !label) return;
  root.dataset.startAt = String(position);
  label.textContent = interpolate(gettext('Resume from %(position)s'), { position: clock(position) }, true);
  const over = document.createElement('button');
  over.type = 'button';
  over.className = 'button button--secondary player__start-over';
  over.dataset.startOver = '';
  over.textContent = gettext('Start over');
  over.addEventListener('click', () => {
    root.dataset.startAt = '0';
    play.click();
  });
  play.after(over);
  // Once playing, the choice is made.
  play.addEventListener('click', () => over.remove(), { once: true });
}

async function init() {
  const root = document.querySelector(SELECTOR);
  if (!root) return;
  const me = window.mediasite && window.mediasite.me ? await window.mediasite.me : null;
  if (!me || !me.authenticated) return;
  const position = await progressFor(root.dataset.pageId).catch(() => 0);
  if (position >= 1 && !root.classList.contains('is-mounted')) offer(root, position);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
else init();
