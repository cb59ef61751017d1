/**
 * Keyboard shortcuts (focus anywhere in the player): Space/K play-pause, ←/→ or J/L seek
 * 10 s, ↑/↓ volume, M mute, F fullscreen, C captions on/off, Esc close menus.
 */
import { SEEK_STEP, VOLUME_STEP } from './constants.js';

/** Handle a keydown in `player`'s stage. */
export function onPlayerKey(player, event) {
  if (event.ctrlKey || event.metaKey || event.altKey) return undefined;
  const { ui } = player;
  const { target } = event;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  if (ui.menus.contains(target)) return ui.menus.onKey(event, key);
  if (target === ui.volume && key.startsWith('Arrow')) return undefined; // the slider's own steps
  if ((key === ' ' || key === 'Enter') && target.closest('button, a')) return undefined; // activates it
  const actions = {
    ' ': () => player.toggle(),
    k: () => player.toggle(),
    ArrowLeft: () => player.seekBy(-SEEK_STEP),
    j: () => player.seekBy(-SEEK_STEP),
    ArrowRight: () => player.seekBy(SEEK_STEP),
    l: () => player.seekBy(SEEK_STEP),
    ArrowUp: () => player.changeVolume(VOLUME_STEP),
    ArrowDown: () => player.changeVolume(-VOLUME_STEP),
    m: () => (ui.video.muted = !ui.video.muted),
    f: () => player.toggleFullscreen(),
    c: () => player.captions.toggle(),
    Escape: () => ui.menus.close(true),
  };
  if (!actions[key]) return undefined;
  event.preventDefault();
  actions[key]();
  return ui.wake();
}
