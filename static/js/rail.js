/**
 * Rail: previous/next buttons for horizontally scrolling card rails.
 *
 * Without this script a rail still scrolls (touch, trackpad, shift+wheel, Tab
 * through its links). With it, each [data-rail] gets two buttons that page
 * through the cards; they are disabled at either end and hidden when the rail
 * fits on screen.
 */
(() => {
  'use strict';

  class Rail {
    static selector() {
      return '[data-rail]';
    }

    constructor(node) {
      this.node = node;
      this.track = node.querySelector('[data-rail-track]');
      if (!this.track) return;
      const title = node.querySelector('.rail__title');
      const name = title ? title.textContent.trim() : '';
      this.prev = Rail.button('prev', interpolate(gettext('Scroll %(name)s back'), { name }, true));
      this.next = Rail.button('next', interpolate(gettext('Scroll %(name)s forward'), { name }, true));
      const controls = document.createElement('div');
      controls.className = 'rail__controls';
      controls.append(this.prev, this.next);
      node.querySelector('.rail__header').append(controls);

      this.prev.addEventListener('click', () => this.page(-1));
      this.next.addEventListener('click', () => this.page(1));
      this.track.addEventListener('scroll', () => this.update(), { passive: true });
      if ('ResizeObserver' in window) new ResizeObserver(() => this.update()).observe(this.track);
      this.update();
    }

    page(direction) {
      const reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
      this.track.scrollBy({
        left: direction * this.track.clientWidth * 0.9,
        behavior: reduce ? 'auto' : 'smooth',
      });
    }

    update() {
      const { scrollLeft, scrollWidth, clientWidth } = this.track;
      const overflows = scrollWidth > clientWidth + 4;
      this.node.classList.toggle('rail--overflows', overflows);
      this.prev.disabled = scrollLeft <= 4;
      this.next.disabled = scrollLeft + clientWidth >= scrollWidth - 4;
    }

    static button(direction, label) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = `rail__button rail__button--${direction}`;
      button.setAttribute('aria-label', label);
      button.innerHTML =
        direction === 'prev'
          ? '<svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M15 5l-7 7 7 7" fill="none" stroke="currentColor" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round"/></svg>'
          : '<svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M9 5l7 7-7 7" fill="none" stroke="currentColor" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round"/></svg>';
      return button;
    }
  }

  // Rails built after load (static/js/engagement/continue.js) start their own.
  window.mediasite = Object.assign(window.mediasite || {}, { Rail });
  const init = () => document.querySelectorAll(Rail.selector()).forEach((node) => new Rail(node));
  // Rails added after load (the home page's "My List", static/js/engagement/state.js) say so.
  document.addEventListener('mediasite:rail', (event) => {
    if (event.target instanceof Element && event.target.matches(Rail.selector())) new Rail(event.target);
  });
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
