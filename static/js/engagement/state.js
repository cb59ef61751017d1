/**
 * PageState: the active profile's state of every show and episode on a cached page.
 *
 * Public pages are the same HTML for everyone. Once /api/v1/me (user-state.js) says who is
 * signed in, this script collects the ids of the page's [data-page-id] elements, asks
 * /api/v1/me/state in batches of 100 and then:
 *   - shows each My List button ([data-watchlist-toggle]) with its state in aria-pressed, and
 *     toggles it with POST / DELETE /api/v1/watchlist (CSRF token from /me);
 *   - covers the cards and episode rows of items above the profile's maturity ceiling
 *     ("Not for this profile", class card--blocked) and locks their players
 *     ([data-player][data-locked], which static/js/player/boot.js honours);
 *   - fills the home page's "My List" rail ([data-watchlist-rail]) from /api/v1/watchlist.
 * Signed-out visitors get no state (the endpoint answers 401): the page-level My List button
 * becomes "Add to My List", which goes to sign in, and the cards' buttons stay hidden.
 *
 * Other scripts (ratings, progress) reuse the one request: `window.mediasite.state` is a
 * Promise of `{profile_id, pages: {<id>: {in_watchlist, my_rating, progress, watched,
 * blocked}}}` (null when signed out or on failure), and the `mediasite:state` event on
 * document carries the same object. All user data is set with textContent, never as HTML.
 */
(() => {
  'use strict';

  const STATE_URL = '/api/v1/me/state';
  const LIST_URL = '/api/v1/watchlist';
  const BATCH = 100;
  const BLOCKED_TEXT = gettext('Not for this profile');
  const LOCK_TEXT = gettext('Not for this profile: its rating is above what this profile may watch.');

  const getJson = (url) =>
    fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then((response) => (response.ok ? response.json() : null))
      .catch(() => null);

  const pageIds = () => {
    const ids = new Set();
    document.querySelectorAll('[data-page-id]').forEach((node) => {
      if (/^\d+$/.test(node.dataset.pageId)) ids.add(node.dataset.pageId);
    });
    return [...ids];
  };

  /** One /me/state answer for all the ids, merged from batches of at most 100. */
  const fetchState = (ids) => {
    if (!ids.length) return Promise.resolve({ profile_id: null, pages: {} });
    const batches = [];
    for (let i = 0; i < ids.length; i += BATCH) {
      const query = new URLSearchParams({ pages: ids.slice(i, i + BATCH).join(',') });
      batches.push(getJson(`${STATE_URL}?${query}`));
    }
    return Promise.all(batches).then((answers) => {
      if (answers.some((answer) => !answer)) return null;
      const state = { profile_id: answers[0].profile_id, pages: {} };
      answers.forEach((answer) => Object.assign(state.pages, answer.pages));
      return state;
    });
  };

  class PageState {
    constructor(me, state) {
      this.me = me;
      this.state = state;
    }

    apply() {
      if (!this.state) {
        if (this.me && this.me.authenticated === false) PageState.signedOutButtons();
        return;
      }
      Object.entries(this.state.pages).forEach(([id, page]) => {
        PageState.setButtons(id, page.in_watchlist);
        if (page.blocked) PageState.block(id);
      });
      document.addEventListener('click', (event) => this.onClick(event));
    }

    static buttons(id) {
      return document.querySelectorAll(`[data-watchlist-toggle][data-page-id="${id}"]`);
    }

    static setButtons(id, saved) {
      PageState.buttons(id).forEach((button) => {
        button.setAttribute('aria-pressed', saved ? 'true' : 'false');
        button.hidden = false;
      });
    }

    static signedOutButtons() {
      document.querySelectorAll('[data-watchlist-main]').forEach((button) => {
        button.removeAttribute('aria-pressed');
        const label = button.querySelector('[data-watchlist-label]');
        if (label) label.textContent = gettext('Add to My List');
        button.hidden = false;
        button.addEventListener('click', () => {
          const next = window.location.pathname + window.location.search;
          window.location.href = `/accounts/login/?${new URLSearchParams({ next })}`;
        });
      });
    }

    onClick(event) {
      const button = event.target instanceof Element ? event.target.closest('[data-watchlist-toggle]') : null;
      if (!button || !button.hasAttribute('aria-pressed') || button.dataset.busy) return;
      event.preventDefault();
      this.toggle(button);
    }

    toggle(button) {
      const id = button.dataset.pageId;
      const saved = button.getAttribute('aria-pressed') === 'true';
      const headers = { Accept: 'application/json', 'X-CSRFToken': (this.me && this.me.csrf_token) || '' };
      const request = saved
        ? fetch(`${LIST_URL}/${id}`, { method: 'DELETE', credentials: 'same-origin', headers })
        : fetch(LIST_URL, {
            method: 'POST',
            credentials: 'same-origin',
            headers: { ...headers, 'Content-Type': 'application/json' },
            body: JSON.stringify({ page_id: Number(id) }),
          });
      PageState.buttons(id).forEach((other) => (other.dataset.busy = 'true'));
      request
        .then((response) => {
          if (!response.ok) return;
          PageState.setButtons(id, !saved);
          const page = this.state.pages[id];
          if (page) page.in_watchlist = !saved;
          document.dispatchEvent(new CustomEvent('mediasite:watchlist', { detail: { id, saved: !saved } }));
        })
        .catch(() => {})
        .finally(() => PageState.buttons(id).forEach((other) => delete other.dataset.busy));
    }

    /** Cover the item's cards and rows, and lock its players. */
    static block(id) {
      document.querySelectorAll(`.card[data-page-id="${id}"], .episode-row[data-page-id="${id}"]`).forEach((item) => {
        if (item.classList.contains('card--blocked')) return;
        item.classList.add('card--blocked');
        const cover = document.createElement('p');
        cover.className = 'card__blocked';
        cover.textContent = BLOCKED_TEXT;
        const media = item.querySelector('.card__media, .episode-row__media');
        (media || item).append(cover);
      });
      document.querySelectorAll(`[data-player][data-page-id="${id}"]`).forEach(PageState.lockPlayer);
      const main = document.getElementById('main');
      if (main && main.dataset.pageId === id) document.querySelectorAll('[data-player]').forEach(PageState.lockPlayer);
    }

    /** The hook boot.js honours: a [data-locked] player never enables or starts. */
    static lockPlayer(root) {
      if (root.dataset.locked) return;
      root.dataset.locked = 'maturity';
      root.classList.add('player--blocked');
      root.querySelectorAll('[data-play-url]').forEach((button) => {
        button.disabled = true;
      });
      const status = root.querySelector('[data-player-status]');
      if (status) status.textContent = LOCK_TEXT;
      if (root.id) {
        document.querySelectorAll(`[data-player-for="${root.id}"]`).forEach((link) => {
          link.setAttribute('aria-disabled', 'true');
          link.classList.add('is-disabled');
        });
      }
    }
  }

  /** The home page's "My List" rail: the rail markup of components/rail.html and card.html. */
  class ListRail {
    constructor(slot) {
      this.slot = slot;
    }

    fill(list) {
      if (!list || !list.items || !list.items.length) return;
      const landscape = list.items[0].landscape;
      const shape = landscape ? 'landscape' : 'portrait';
      const section = document.createElement('section');
      section.className = 'rail';
      section.setAttribute('aria-labelledby', 'rail-my-list');
      section.dataset.rail = '';
      const header = document.createElement('div');
      header.className = 'rail__header';
      const title = document.createElement('h2');
      title.className = 'rail__title';
      title.id = 'rail-my-list';
      title.textContent = gettext('My List');
      const more = document.createElement('a');
      more.className = 'rail__more';
      more.href = '/account/list/';
      more.textContent = gettext('See all');
      header.append(title, more);
      const track = document.createElement('ul');
      track.className = `rail__list rail__list--${shape}`;
      track.setAttribute('role', 'list');
      track.dataset.railTrack = '';
      list.items.forEach((item) => {
        const li = document.createElement('li');
        li.className = 'rail__item';
        li.append(ListRail.card(item, shape));
        track.append(li);
      });
      section.append(header, track);
      this.slot.replaceChildren(section);
      this.slot.hidden = false;
      section.dispatchEvent(new CustomEvent('mediasite:rail', { bubbles: true }));
    }

    static card(item, shape) {
      const article = document.createElement('article');
      article.className = `card card--${item.kind} card--${shape}`;
      const link = document.createElement('a');
      link.className = 'card__link';
      link.href = item.url || '#';
      const media = document.createElement('div');
      media.className = 'card__media';
      if (item.image_url) {
        const img = document.createElement('img');
        img.className = 'card__img';
        img.src = item.image_url;
        img.alt = '';
        img.loading = 'lazy';
        img.decoding = 'async';
        media.append(img);
      } else {
        const placeholder = document.createElement('div');
        placeholder.className = 'card__placeholder';
        placeholder.setAttribute('aria-hidden', 'true');
        const span = document.createElement('span');
        span.textContent = item.title;
        placeholder.append(span);
        media.append(placeholder);
      }
      const body = document.createElement('div');
      body.className = 'card__body';
      const heading = document.createElement('h3');
      heading.className = 'card__title';
      heading.textContent = item.title;
      body.append(heading);
      if (item.subtitle) {
        const subtitle = document.createElement('p');
        subtitle.className = 'card__subtitle';
        subtitle.textContent = item.subtitle;
        body.append(subtitle);
      }
      link.append(media, body);
      article.append(link);
      return article;
    }
  }

  window.mediasite = window.mediasite || {};
  let resolveState;
  window.mediasite.state = new Promise((resolve) => {
    resolveState = resolve;
  });

  const start = (me) => {
    const signedIn = Boolean(me && me.authenticated);
    const statePromise = signedIn ? fetchState(pageIds()) : Promise.resolve(null);
    statePromise.then((state) => {
      try {
        new PageState(me, state).apply();
      } finally {
        resolveState(state);
        document.dispatchEvent(new CustomEvent('mediasite:state', { detail: state }));
      }
    });
    const slot = document.querySelector('[data-watchlist-rail]');
    if (signedIn && slot) {
      getJson(slot.dataset.endpoint || LIST_URL).then((list) => new ListRail(slot).fill(list));
    }
  };

  // user-state.js (loaded first, also deferred) starts the /me request.
  const me = window.mediasite.me;
  if (me && typeof me.then === 'function') me.then(start);
  else document.addEventListener('mediasite:me', (event) => start(event.detail), { once: true });
})();
