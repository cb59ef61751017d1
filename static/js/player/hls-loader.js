/** Attaching a stream: hls.js (static/vendor/hls.js, window.Hls), or the browser's own HLS. */

const NATIVE_HLS = 'application/vnd.apple.mpegurl';

/** Whether this browser can play HLS at all, with hls.js or natively. */
export function canPlayHls(video) {
  const Hls = window.Hls;
  return Boolean((Hls && Hls.isSupported()) || video.canPlayType(NATIVE_HLS));
}

/**
 * Play `manifestUrl` in `video` from `startAt` seconds; `onReady(hls)` once it can play,
 * `onTracks()` when the subtitle tracks change, `onError(data, hls)` on hls.js errors.
 * Returns the hls.js instance, or null where the browser plays HLS itself (Safari).
 */
export function attachStream(video, manifestUrl, { startAt, onReady, onTracks, onError }) {
  const Hls = window.Hls;
  if (Hls && Hls.isSupported()) {
    const hls = new Hls({ startPosition: startAt || -1 });
    hls.on(Hls.Events.MANIFEST_PARSED, () => onReady(hls));
    hls.on(Hls.Events.SUBTITLE_TRACKS_UPDATED, () => onTracks());
    hls.on(Hls.Events.ERROR, (event, data) => onError(data, hls));
    hls.loadSource(manifestUrl);
    hls.attachMedia(video);
    return hls;
  }
  video.src = manifestUrl;
  const ready = () => {
    if (startAt) video.currentTime = startAt;
    onReady(null);
  };
  video.addEventListener('loadedmetadata', ready, { once: true });
  return null;
}

/**
 * What an hls.js error calls for: 'renew' (a 403: the signed URL expired, so ask for a fresh
 * one rather than let hls.js retry), 'recover' (media), 'retry' (network), 'fail', or '' (not fatal).
 */
export function hlsErrorAction(data) {
  if (data.response && data.response.code === 403) return 'renew';
  if (!data.fatal) return '';
  const { ErrorTypes } = window.Hls;
  if (data.type === ErrorTypes.MEDIA_ERROR) return 'recover';
  if (data.type === ErrorTypes.NETWORK_ERROR) return 'retry';
  return 'fail';
}
