/** The locked player: the play API's refusal and the way out (sign in, subscribe, upgrade …). */
import { make } from './dom.js';
import { icon } from './icons.js';

const LOCK_ACTIONS = {
  not_signed_in: gettext('Sign in'),
  email_unverified: gettext('Verify e-mail'),
  no_plan: gettext('Subscribe'),
  plan_too_low: gettext('Upgrade your plan'),
  subscription_expired: gettext('Renew your subscription'),
};

/** The overlay for a 401/403 answer `body`; `status` is the element showing its message. */
export function lockedPanel(body, status) {
  const children = [icon('lock'), status];
  if (body.upgrade_url) {
    const target = new URL(body.upgrade_url, window.location.href);
    // The API's link carries the episode (with #play) already; add it where it does not.
    if (body.reason === 'not_signed_in' && !target.searchParams.has('next')) {
      target.searchParams.set('next', window.location.pathname);
    }
    const label = LOCK_ACTIONS[body.reason] || gettext('See plans');
    children.push(make('a', { class: 'button button--primary player__upgrade', href: target.href, text: label }));
  }
  return make('div', { class: 'player__locked', 'data-player-locked': body.reason || '' }, children);
}
