/** The numbers the player is tuned by. */
export const SEEK_STEP = 10; // seconds: the back/forward buttons, ←/→ and J/L
export const VOLUME_STEP = 0.1; // ↑/↓
export const UP_NEXT_SECONDS = 10; // the "Up next" countdown
export const IDLE_MS = 2500; // controls hide after this long of untouched playback
