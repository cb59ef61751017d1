/**
 * Engagement API helpers shared by ratings.js and reviews.js (a classic script, loaded
 * first): `window.mediasite.engagement.send(method, url, body)` sends JSON with the CSRF
 * token from /api/v1/me and resolves to `{status, body}` (status 0 when offline), and
 * `myState(pageId)` resolves to the active profile's state for a page (or null).
 */
(() => {
  'use strict';

  window.mediasite = window.mediasite || {};
  if (window.mediasite.engagement) return;

  const OFFLINE = gettext('We could not reach mediasite. Check your connection and try again.');

  const me = () => (window.mediasite.me ? window.mediasite.me : Promise.resolve(null));

  async function send(method, url, body) {
    const who = await me();
    const headers = { Accept: 'application/json', 'X-CSRFToken': (who && who.csrf_token) || '' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    try {
      const response = await fetch(url, {
        method,
        credentials: 'same-origin',
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const payload = response.status === 204 ? {} : await response.json().catch(() => ({}));
      return { status: response.status, body: payload };
    } catch {
      return { status: 0, body: { detail: OFFLINE } };
    }
  }

  /** A person-readable message from an error answer (django-ninja's own 422s are lists). */
  function message(answer) {
    const detail = answer && answer.body && answer.body.detail;
    if (typeof detail === 'string' && detail) return detail;
    if (answer && answer.status === 401) return gettext('Sign in first.');
    return gettext('Something went wrong. Please try again.');
  }

  /**
   * The page's entry of /api/v1/me/state for the active profile. Uses
   * `window.mediasite.state` (static/js/engagement/state.js) when the page has it, and
   * asks /api/v1/me/state?pages=<id> otherwise.
   */
  async function myState(pageId) {
    // state.js's one /me/state request for the page (a Promise of {profile_id, pages}, null
    // when signed out); a page it did not collect is asked for here.
    const shared = window.mediasite.state;
    try {
      if (shared && typeof shared.then === 'function') {
        const state = await shared;
        if (!state) return null;
        const entry = state.pages && (state.pages[pageId] || state.pages[String(pageId)]);
        if (entry) return entry;
      }
      const answer = await send('GET', `/api/v1/me/state?pages=${encodeURIComponent(pageId)}`);
      if (answer.status !== 200) return null;
      const pages = answer.body.pages || answer.body;
      return pages[pageId] || pages[String(pageId)] || null;
    } catch {
      return null;
    }
  }

  window.mediasite.engagement = { send, message, myState, me };
})();
