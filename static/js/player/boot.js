/**
 * The player's bootstrap: the one player script a page loads before the viewer asks for video.
 *
 * hls.js (624 KB) and the player's modules load on intent: the pointer over, focus on or a
 * touch of a Play button ([data-play-url] in a [data-player]) or of a link that starts one
 * ([data-player-for]), or at once when the URL asks to play (?autoplay=1 from "Up next", #play).
 * A click that comes before they are in is held and replayed once they are. hls.js is loaded
 * from the hashed URL in the data-hls-src of this script's tag (components/player_scripts.html),
 * and not at all where it cannot work (no Media Source Extensions: older iPhones play HLS natively). The player's modules are loaded
 * with import() by relative path: the production storage rewrites it to the hashed name.
 */

const STARTS = '[data-player] [data-play-url], [data-player-for]';
const FAILED = gettext('The player could not load. Check your connection and try again.');

let loading = null;
let loaded = false;

const hlsSource = () => {
  const script = document.querySelector('script[data-hls-src]');
  return script ? script.dataset.hlsSrc : '';
};

// hls-loader.js prefers hls.js wherever it works, i.e. with Media Source Extensions (Chromium
// also answers "maybe" for native HLS, but hls.js gives the quality menu and the renewal);
// without MSE only the browser's own HLS can play (Safari on older iPhones).
const hasMediaSource = () => Boolean(window.ManagedMediaSource || window.MediaSource || window.WebKitMediaSource);
const needsHls = () => !window.Hls && hasMediaSource();

const loadScript = (src) =>
  new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.addEventListener('load', resolve);
    script.addEventListener('error', () => {
      script.remove();
      reject(new Error(`${src} did not load`));
    });
    document.head.append(script);
  });

/** Load hls.js (where needed) and the player, once; resolves when the players are on the page. */
export function loadPlayer() {
  if (!loading) {
    const hls = needsHls() && hlsSource() ? loadScript(hlsSource()) : null;
    // The player's module graph downloads beside hls.js; index.js (which starts the players,
    // and may autoplay) runs only once both are in.
    loading = Promise.all([hls, import('./player.js')])
      .then(() => import('./index.js'))
      .then(() => {
        loaded = true;
      })
      .catch((error) => {
        loading = null; // the next intent tries again
        throw error;
      });
  }
  return loading;
}

const playerOf = (start) => start.closest('[data-player]') || document.getElementById(start.dataset.playerFor || '');

const statusFor = (start) => {
  const root = playerOf(start);
  return root && root.querySelector('[data-player-status]');
};

const say = (start, message, isError = false) => {
  const status = statusFor(start);
  if (!status) return;
  status.textContent = message;
  status.classList.toggle('player__note--error', isError);
};

/**
 * A locked player ([data-locked], set by static/js/engagement/state.js for a profile whose
 * maturity ceiling is below the item's rating) never enables its buttons or loads: the play
 * API would refuse it anyway (reason "maturity"), this saves the download and says why first.
 */
const isLocked = (start) => {
  const root = playerOf(start);
  return Boolean(root && root.dataset.locked);
};

const startOf = (event) => {
  const start = event.target instanceof Element ? event.target.closest(STARTS) : null;
  return start && !isLocked(start) ? start : null;
};

const onIntent = (event) => {
  if (!loaded && startOf(event)) loadPlayer().catch(() => {});
};

/** A click before the player is in: hold it, load, and click again for the player to handle. */
const onClick = (event) => {
  const start = startOf(event);
  if (loaded || !start) return;
  event.preventDefault();
  say(start, gettext('Loading…'));
  loadPlayer().then(
    () => start.click(),
    () => say(start, FAILED, true),
  );
};

const init = () => {
  document
    .querySelectorAll('[data-player]:not([data-locked]) [data-play-url]')
    .forEach((start) => start.removeAttribute('disabled'));
  ['pointerover', 'focusin'].forEach((type) => document.addEventListener(type, onIntent));
  document.addEventListener('touchstart', onIntent, { passive: true });
  document.addEventListener('click', onClick);
  const wantsPlay =
    new URLSearchParams(window.location.search).get('autoplay') === '1' || window.location.hash === '#play';
  if (wantsPlay && document.querySelector('[data-player]:not([data-locked])')) loadPlayer().catch(() => {});
};

window.mediasite = Object.assign(window.mediasite || {}, { loadPlayer });
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
else init();
