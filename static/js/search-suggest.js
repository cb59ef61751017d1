/**
 * Header search box suggestions: an ARIA combobox over GET /search/suggest/?q=.
 *
 * Without this script the box is a plain search form. With it, typing two or more
 * characters asks the suggest endpoint (debounced; answers are the same for everyone and
 * cached at the edge) and lists shows, episodes and people under the box. Arrow keys move
 * through the list, Enter opens the one chosen (or searches when none is), Escape closes
 * the list (and clears the box when it is already closed). Text is set with textContent.
 */
(() => {
  'use strict';

  const DEBOUNCE_MS = 150;
  const MIN_CHARS = 2;

  class SearchSuggest {
    constructor(form) {
      this.form = form;
      this.input = form.querySelector('input[type="search"]');
      this.endpoint = form.dataset.suggestEndpoint;
      if (!this.input || !this.endpoint) return;
      this.items = [];
      this.active = -1;
      this.timer = null;
      this.controller = null;
      this.latest = '';

      const id = `${this.input.id || 'search'}-suggestions`;
      this.list = document.createElement('ul');
      this.list.id = id;
      this.list.className = 'site-search__suggestions';
      this.list.setAttribute('role', 'listbox');
      this.list.setAttribute('aria-label', gettext('Suggestions'));
      this.list.hidden = true;
      this.status = document.createElement('p');
      this.status.className = 'visually-hidden';
      this.status.setAttribute('role', 'status');
      form.append(this.list, this.status);

      this.input.setAttribute('role', 'combobox');
      this.input.setAttribute('aria-autocomplete', 'list');
      this.input.setAttribute('aria-expanded', 'false');
      this.input.setAttribute('aria-controls', id);

      this.input.addEventListener('input', () => this.schedule());
      this.input.addEventListener('keydown', (event) => this.onKey(event));
      this.input.addEventListener('blur', () => window.setTimeout(() => this.close(), 150));
      this.list.addEventListener('mousedown', (event) => event.preventDefault());
    }

    schedule() {
      window.clearTimeout(this.timer);
      this.timer = window.setTimeout(() => this.fetch(), DEBOUNCE_MS);
    }

    async fetch() {
      const query = this.input.value.trim();
      this.latest = query;
      if (query.length < MIN_CHARS) {
        this.render([]);
        return;
      }
      if (this.controller) this.controller.abort();
      this.controller = new AbortController();
      try {
        const url = `${this.endpoint}?q=${encodeURIComponent(query)}`;
        const response = await fetch(url, { signal: this.controller.signal, credentials: 'omit' });
        if (!response.ok) return;
        const body = await response.json();
        if (query !== this.latest) return;
        this.render(Array.isArray(body.results) ? body.results : []);
      } catch {
        // Aborted or offline: the form still submits to /search/.
      }
    }

    render(results) {
      this.items = results;
      this.active = -1;
      this.list.replaceChildren();
      results.forEach((result, index) => {
        const option = document.createElement('li');
        option.id = `${this.list.id}-${index}`;
        option.className = `site-search__option site-search__option--${result.kind}`;
        option.setAttribute('role', 'option');
        option.setAttribute('aria-selected', 'false');
        option.dataset.url = result.url;
        const title = document.createElement('span');
        title.className = 'site-search__option-title';
        title.textContent = result.title;
        const label = document.createElement('span');
        label.className = 'site-search__option-label';
        label.textContent = result.label;
        option.append(title, label);
        option.addEventListener('click', () => this.go(index));
        this.list.append(option);
      });
      const open = results.length > 0;
      this.list.hidden = !open;
      this.input.setAttribute('aria-expanded', String(open));
      this.input.removeAttribute('aria-activedescendant');
      this.status.textContent = open
        ? `${results.length} suggestion${results.length === 1 ? '' : 's'}, use the arrow keys to choose`
        : '';
    }

    move(step) {
      if (!this.items.length) return;
      const count = this.items.length;
      this.active = (this.active + step + count + 1) % (count + 1);
      if (this.active === count) this.active = -1;
      [...this.list.children].forEach((option, index) => {
        option.setAttribute('aria-selected', String(index === this.active));
      });
      if (this.active >= 0) {
        this.input.setAttribute('aria-activedescendant', this.list.children[this.active].id);
      } else {
        this.input.removeAttribute('aria-activedescendant');
      }
    }

    go(index) {
      const result = this.items[index];
      if (result && result.url) window.location.assign(result.url);
    }

    close() {
      this.list.hidden = true;
      this.input.setAttribute('aria-expanded', 'false');
      this.input.removeAttribute('aria-activedescendant');
      this.active = -1;
    }

    onKey(event) {
      const open = !this.list.hidden;
      if (event.key === 'ArrowDown') {
        event.preventDefault();
        if (!open && this.items.length) {
          this.list.hidden = false;
          this.input.setAttribute('aria-expanded', 'true');
        }
        this.move(1);
      } else if (event.key === 'ArrowUp') {
        event.preventDefault();
        this.move(-1);
      } else if (event.key === 'Enter' && open && this.active >= 0) {
        event.preventDefault();
        this.go(this.active);
      } else if (event.key === 'Escape') {
        if (open) {
          event.preventDefault();
          this.close();
        } else {
          this.input.value = '';
        }
      }
    }
  }

  const start = () =>
    document.querySelectorAll('form[data-suggest-endpoint]').forEach((form) => new SearchSuggest(form));
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
