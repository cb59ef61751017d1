/**
 * Which subtitle track a video starts with (docs/localisation.md, "Media and languages").
 *
 * 1. The viewer's own choice wins: picking a track (or Off) in the menu, or C, is kept in
 *    localStorage and used for every later video, in whatever language it exists.
 * 2. Where the page's language (<html lang>) is the video's audio language, the viewer
 *    understands the audio: only a track the editor marked as default is shown.
 * 3. Otherwise: the track in the page's language, else the one in the audio language, else
 *    the default track, else none.
 * Codes compare case-insensitively, and "fr" matches "fr-ca" when there is no exact match.
 */

const STORAGE_KEY = 'mediasite:subtitles';
const OFF = 'off';

const lower = (code) => (code || '').toLowerCase();
const primary = (code) => lower(code).split('-')[0];

/** The index of the track in `lang` (exact, else by primary subtag), or -1. */
export function trackIn(tracks, lang) {
  if (!lang) return -1;
  const exact = tracks.findIndex((t) => lower(t.lang) === lower(lang));
  return exact >= 0 ? exact : tracks.findIndex((t) => primary(t.lang) === primary(lang));
}

/** The track to show first (-1: none); `tracks` as [{lang, isDefault}]. */
export function chooseTrack(tracks, { pageLang, audioLang, saved }) {
  if (saved === OFF) return -1;
  const savedIndex = trackIn(tracks, saved);
  if (savedIndex >= 0) return savedIndex;
  const fallback = tracks.findIndex((t) => t.isDefault);
  if (audioLang && primary(pageLang) === primary(audioLang)) return fallback;
  const wanted = [pageLang, audioLang].map((lang) => trackIn(tracks, lang)).find((i) => i >= 0);
  return wanted === undefined ? fallback : wanted;
}

/** The viewer's last choice: a language code, "off", or "" (none made, or no storage). */
export function savedChoice() {
  try {
    return window.localStorage.getItem(STORAGE_KEY) || '';
  } catch {
    return '';
  }
}

/** Keep the viewer's choice (a track's language, or "" for Off). */
export function saveChoice(lang) {
  try {
    window.localStorage.setItem(STORAGE_KEY, lang || OFF);
  } catch {
    // no storage (private mode, blocked): the choice lasts as long as the page
  }
}

/** A language's name in itself ("Français"), for tracks without a label. */
export function ownName(lang) {
  try {
    const name = new Intl.DisplayNames([lang], { type: 'language' }).of(lang);
    return name ? name.charAt(0).toLocaleUpperCase(lang) + name.slice(1) : lang;
  } catch {
    return lang;
  }
}
