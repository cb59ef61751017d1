/**
 * Player: the site's HLS video player, one per [data-player] placeholder.
 *
 * The page HTML is the same for every visitor: a poster, a Play button and a
 * status line (components/play_button.html). Nothing loads until the viewer
 * presses a [data-play-url] button (or arrives with ?autoplay=1 from "Up
 * next", or with #play). Then the player POSTs that play API URL and:
 *   - 200: mounts a <video> with custom controls and attaches hls.js (or native
 *     HLS on Safari) to the short-lived signed manifest URL;
 *   - 401/403: shows the API's message and a link to its upgrade_url;
 *   - 404/503 (or no network): shows the message.
 *
 * Loaded on demand by boot.js (the only player script a page loads up front, from
 * components/player_scripts.html), after hls.js (static/vendor/hls.js, a classic script that
 * sets window.Hls) where the browser needs it. The modules beside this one, one job each:
 *   boot.js         loads hls.js and this module on Play intent, and replays an early click
 *   player.js       one player: the play API, mounting, playback, renewing the signed URL
 *   api.js          the play API request
 *   hls-loader.js   attaching the stream (hls.js or native HLS) and reading hls.js errors
 *   controls.js     the video and its controls, kept in step with the video
 *   keyboard.js     keyboard shortcuts
 *   menus.js        the pop-up menus; tracks.js what they list (chapters, subtitles, quality)
 *   subtitle-choice.js  which subtitle track starts: the viewer's choice, then the page's language
 *   progress.js     reports the position to the progress API (signed-in viewers, episodes)
 *   thumbnails.js   seek previews; up-next.js the next-episode countdown; lock.js the lock
 *   autostart.js    whether the page was opened to play at once (?autoplay=1, #play)
 *   icons.js, dom.js, constants.js   shared helpers
 */
import { takeAutostart } from './autostart.js';
import { Player } from './player.js';

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
  // Opened to play at once (?autoplay=1 from "Up next", #play): start the episode.
  if (!takeAutostart()) return;
  const player = players.find((p) => p.root.dataset.kind === 'episode');
  const first = player && player.root.querySelector('[data-play-url]');
  if (first) player.start(first.dataset.playUrl, first.dataset.kind);
};

window.mediasite = Object.assign(window.mediasite || {}, { Player });
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
else init();
