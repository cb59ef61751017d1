/**
 * The rating widget of show and episode pages (templates/components/rating_summary.html).
 *
 * The summary in the page is the cached one, the same for everybody. For a signed-in
 * viewer this shows the star radios with the active profile's rating (`my_rating` from
 * /api/v1/me/state), sends changes to PUT/DELETE /api/v1/ratings/<page id>, and redraws
 * the summary from the answer (the cached copy catches up after the purge delay).
 */
(() => {
  'use strict';

  class RatingWidget {
    constructor(root, api) {
      this.root = root;
      this.api = api;
      this.pageId = root.dataset.pageId;
      this.form = root.querySelector('[data-rating-widget]');
      this.clear = root.querySelector('[data-rating-clear]');
      this.status = root.querySelector('[data-rating-status]');
    }

    async start() {
      const me = await this.api.me();
      if (!me || !me.authenticated || !this.form || !/^\d+$/.test(this.pageId || '')) return;
      let state = await this.api.myState(this.pageId);
      if (!state) {
        // No /me/state answer: the ratings API knows the profile's score too.
        const answer = await this.api.send('GET', `/api/v1/ratings/${this.pageId}`);
        state = answer.status === 200 ? answer.body : null;
      }
      this.check(state ? state.my_rating : null);
      this.form.hidden = false;
      this.form.addEventListener('change', (event) => {
        if (event.target.name === 'score') this.save(Number(event.target.value));
      });
      this.form.addEventListener('submit', (event) => event.preventDefault());
      this.clear.addEventListener('click', () => this.remove());
      document.addEventListener('mediasite:rated', (event) => {
        if (event.detail && String(event.detail.page_id) === this.pageId) this.show(event.detail);
      });
    }

    check(score) {
      this.form.querySelectorAll('input[name="score"]').forEach((input) => {
        input.checked = Number(input.value) === score;
      });
      this.clear.hidden = !score;
    }

    async save(score) {
      this.say(gettext('Saving…'));
      const answer = await this.api.send('PUT', `/api/v1/ratings/${this.pageId}`, { score });
      if (answer.status !== 200) return this.say(this.api.message(answer));
      this.show(answer.body);
      this.say(
        interpolate(
          ngettext('You rated it %(count)s star.', 'You rated it %(count)s stars.', score),
          { count: score },
          true,
        ),
      );
    }

    async remove() {
      this.say(gettext('Removing…'));
      const answer = await this.api.send('DELETE', `/api/v1/ratings/${this.pageId}`);
      if (answer.status !== 200) return this.say(this.api.message(answer));
      this.show(answer.body);
      this.say(gettext('Your rating is removed.'));
    }

    /** Redraw the summary line and the radios from a summary answer. */
    show(summary) {
      this.check(summary.my_rating);
      const text = this.root.querySelector('[data-rating-text]');
      if (text) {
        text.replaceChildren();
        const count = document.createElement('span');
        count.className = 'rating-summary__count';
        if (summary.rating_count) {
          const average = document.createElement('span');
          average.className = 'rating-summary__average';
          average.textContent = summary.average.toFixed(1);
          const hidden = document.createElement('span');
          hidden.className = 'visually-hidden';
          hidden.textContent = ` ${gettext('out of 5')}`;
          count.textContent = ` ${interpolate(ngettext('(%(count)s rating)', '(%(count)s ratings)', summary.rating_count), { count: summary.rating_count }, true)}`;
          text.append(average, hidden, count);
        } else {
          count.textContent = gettext('No ratings yet');
          text.append(count);
        }
      }
      this.root.querySelectorAll('.stars__star').forEach((star, index) => {
        const average = summary.average || 0;
        let fill = 'empty';
        if (average >= index + 1 - 0.25) fill = 'full';
        else if (average >= index + 1 - 0.75) fill = 'half';
        star.className = `stars__star stars__star--${fill}`;
      });
    }

    say(text) {
      if (this.status) this.status.textContent = text;
    }
  }

  const start = () => {
    const api = window.mediasite && window.mediasite.engagement;
    if (!api) return;
    document.querySelectorAll('[data-rating-summary]').forEach((root) => new RatingWidget(root, api).start());
  };

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
