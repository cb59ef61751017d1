/**
 * Whether the page was opened to start playing at once, and dropping that request from the
 * address: "Up next" adds ?autoplay=1; "Watch now" links, and the return from choosing a
 * plan, end in #play.
 */
export function takeAutostart() {
  const url = new URL(window.location.href);
  const asked = url.searchParams.get('autoplay') === '1' || url.hash === '#play';
  if (!asked) return false;
  url.searchParams.delete('autoplay');
  if (url.hash === '#play') url.hash = '';
  window.history.replaceState(null, '', `${url.pathname}${url.search}${url.hash}`);
  return true;
}
