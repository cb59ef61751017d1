/** The player's SVG icons and icon buttons. */
import { SEEK_STEP } from './constants.js';
import { make } from './dom.js';

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

export const icon = (name) => {
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

export const iconButton = (name, label, attrs = {}) =>
  make('button', { type: 'button', class: `player__btn player__btn--${name}`, 'aria-label': label, ...attrs }, [
    icon(name),
  ]);

/** Swap a button's icon and its accessible name (play ↔ pause, mute ↔ unmute …). */
export const setIcon = (btn, name, label) => {
  btn.replaceChildren(icon(name));
  btn.setAttribute('aria-label', label);
};
