/**
 * UserState: decorates a cached page with who the visitor is.
 *
 * Public pages are the same HTML for everyone (so a CDN can hold them). This
 * script asks /api/v1/me who is signed in and then:
 *   - replaces the "Sign in" link in [data-user-menu] with an account link (the
 *     active profile's name and avatar), a "Switch profile" link to the picker and
 *     a "Sign out" button: a POST form to allauth's logout with the CSRF token
 *     from /me, so signing out takes one click (no confirmation page);
 *   - in the footer's [data-footer-account] list, hides the [data-signed-out]
 *     items ("Sign in", "Create an account") and adds the same "Sign out";
 *   - for editors, adds an "Edit this page" link when <main data-page-id> is set;
 *   - marks "Not available in your region" on every [data-regions] (the countries an
 *     item plays in) that does not list the visitor's country (/me `country`).
 *
 * Other scripts reuse the one request through `window.mediasite.me`, a Promise
 * of the /me payload (or null when it could not be fetched), and can listen for
 * the `mediasite:me` event on document.
 */
(() => {
  'use strict';

  class UserState {
    static selector() {
      return '[data-user-menu]';
    }

    /** Fetch the /me payload; resolves to null on any failure (never rejects). */
    static fetchMe(url) {
      if (!window.fetch) return Promise.resolve(null);
      return fetch(url, {
        credentials: 'same-origin',
        headers: { Accept: 'application/json' },
      })
        .then((response) => (response.ok ? response.json() : null))
        .catch(() => null);
    }

    constructor(menu) {
      this.menu = menu;
      this.main = document.getElementById('main');
    }

    apply(me) {
      if (!me) return;
      document.documentElement.dataset.authenticated = me.authenticated ? 'true' : 'false';
      if (me.authenticated && this.menu) this.renderMenu(me);
      if (me.authenticated) this.renderFooter(me);
      if (me.is_staff) this.addEditLink(me);
      if (me.country) UserState.markRegions(me.country);
    }

    /** Add the region badge where `country` is not among an item's data-regions. */
    static markRegions(country) {
      document.querySelectorAll('[data-regions]').forEach((item) => {
        const regions = item.dataset.regions.split(/\s+/).filter(Boolean);
        if (!regions.length || regions.includes(country)) return;
        if (item.querySelector('.badge--region')) return;
        const badge = document.createElement('span');
        badge.className = 'badge badge--region';
        badge.textContent = gettext('Not available in your region');
        item.append(badge);
      });
    }

    renderMenu(me) {
      const account = UserState.link('/account/', 'user-menu__account');
      const name = document.createElement('span');
      name.className = 'user-menu__name';
      // The active household profile's name and avatar when there is one (/me `profile`).
      const profile = me.profile || null;
      name.textContent = (profile && profile.name) || me.username || gettext('Account');
      // The link's name is its visible text (WCAG 2.5.3, label in name) plus a hidden hint,
      // not an aria-label that would replace it; on phones the name is hidden, the hint stays.
      const hint = document.createElement('span');
      hint.className = 'visually-hidden';
      hint.textContent = ` ${gettext('(your account)')}`;
      account.append(UserState.avatar(me.username, profile), name, hint);

      // "Switch profile": the "Who's watching?" picker, coming back to this page.
      const here = window.location.pathname + window.location.search;
      const switcher = UserState.link(`/account/profiles/pick/?next=${encodeURIComponent(here)}`, 'user-menu__switch');
      switcher.textContent = gettext('Switch profile');
      switcher.dataset.switchProfile = '';

      const signOut = UserState.signOutForm(me, 'button button--small button--ghost');
      this.menu.replaceChildren(account, switcher, signOut);
      this.menu.classList.add('is-signed-in');
    }

    renderFooter(me) {
      const list = document.querySelector('[data-footer-account]');
      if (!list) return;
      list.querySelectorAll('[data-signed-out]').forEach((item) => (item.hidden = true));
      const item = document.createElement('li');
      item.append(UserState.signOutForm(me, 'site-footer__sign-out'));
      list.querySelector('li').after(item);
    }

    /** "Sign out": one POST to allauth's logout (a link would only open its confirmation page). */
    static signOutForm(me, buttonClass) {
      const form = document.createElement('form');
      form.method = 'post';
      form.action = '/accounts/logout/';
      form.className = 'sign-out-form';
      form.dataset.signOut = '';
      const token = document.createElement('input');
      token.type = 'hidden';
      token.name = 'csrfmiddlewaretoken';
      token.value = me.csrf_token || '';
      const button = document.createElement('button');
      button.type = 'submit';
      button.className = buttonClass;
      button.textContent = gettext('Sign out');
      form.append(token, button);
      return form;
    }

    addEditLink(me) {
      const pageId = this.main && this.main.dataset.pageId;
      if (!pageId || !/^\d+$/.test(pageId)) return;
      const adminUrl = (me.admin_url || '/admin/').replace(/\/?$/, '/');
      const edit = UserState.link(`${adminUrl}pages/${pageId}/edit/`, 'edit-link');
      edit.textContent = gettext('Edit this page');
      document.body.append(edit);
    }

    static link(href, className) {
      const a = document.createElement('a');
      a.href = href;
      a.className = className;
      return a;
    }

    static avatar(username, profile) {
      if (profile && profile.avatar_url) {
        const img = document.createElement('img');
        img.className = 'user-menu__avatar profile-avatar';
        img.src = profile.avatar_url;
        img.alt = '';
        img.width = 32;
        img.height = 32;
        return img;
      }
      const badge = document.createElement('span');
      badge.className = 'user-menu__avatar';
      badge.setAttribute('aria-hidden', 'true');
      badge.textContent = (username || '?').trim().charAt(0).toUpperCase();
      return badge;
    }
  }

  const menu = document.querySelector(UserState.selector());
  const endpoint = (menu && menu.dataset.endpoint) || '/api/v1/me';

  // Start the request at once (this script is deferred, so the DOM is parsed).
  window.mediasite = window.mediasite || {};
  window.mediasite.me = UserState.fetchMe(endpoint);

  const start = () => {
    window.mediasite.me.then((me) => {
      try {
        new UserState(document.querySelector(UserState.selector())).apply(me);
      } finally {
        document.dispatchEvent(new CustomEvent('mediasite:me', { detail: me }));
      }
    });
  };

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
