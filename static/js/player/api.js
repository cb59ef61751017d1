/** The play API: POST the episode's play URL, get a short-lived signed manifest (or a refusal). */

export const OFFLINE = { detail: gettext('We could not reach mediasite. Check your connection and try again.') };

/** `{status, body}` of the play API's answer; rejects only when the network fails. */
export async function requestGrant(url) {
  const me = window.mediasite && window.mediasite.me ? await window.mediasite.me : null;
  const headers = { Accept: 'application/json', 'X-CSRFToken': (me && me.csrf_token) || '' };
  const response = await fetch(url, { method: 'POST', credentials: 'same-origin', headers });
  const body = await response.json().catch(() => ({}));
  return { status: response.status, body };
}
