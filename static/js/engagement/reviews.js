/**
 * A show's reviews (templates/components/reviews.html), from /api/v1/reviews, so the
 * page HTML stays the same for everybody.
 *
 * Lists them ten at a time ("More reviews"), newest or most helpful first; spoilers stay
 * collapsed behind a "Show spoiler" button; signed-in viewers mark others' reviews
 * helpful, report them (reports.js) and write, edit or delete their own. Every piece of user text is set with
 * textContent, never parsed as HTML.
 */
(() => {
  'use strict';

  const LIMIT = 10;
  const make = (tag, className, text) => {
    const element = document.createElement(tag);
    if (className) element.className = className;
    if (text != null) element.textContent = text;
    return element;
  };

  class Reviews {
    constructor(root, api) {
      this.root = root;
      this.api = api;
      this.pageId = root.dataset.pageId;
      this.list = root.querySelector('[data-review-list]');
      this.more = root.querySelector('[data-reviews-more]');
      this.empty = root.querySelector('[data-reviews-empty]');
      this.listError = root.querySelector('[data-reviews-error]');
      this.sort = root.querySelector('[data-reviews-sort]');
      this.form = root.querySelector('[data-review-form]');
      this.error = root.querySelector('[data-review-error]');
      this.status = root.querySelector('[data-review-status]');
      this.deleteButton = root.querySelector('[data-review-delete]');
      this.me = null;
      this.mine = null;
      this.formKey = null;
      this.nextOffset = 0;
    }

    async start() {
      if (!/^\d+$/.test(this.pageId || '')) return;
      this.me = await this.api.me();
      if (this.me && this.me.authenticated) {
        this.root.querySelector('[data-reviews-signed-out]').hidden = true;
        this.form.hidden = false;
        this.form.addEventListener('submit', (event) => {
          event.preventDefault();
          this.submit();
        });
        this.deleteButton.addEventListener('click', () => this.remove());
      }
      this.root.querySelector('[data-reviews-sort-label]').hidden = false;
      this.sort.addEventListener('change', () => this.load(true));
      this.more.addEventListener('click', () => this.load(false));
      await this.load(true);
    }

    async load(reset) {
      const offset = reset ? 0 : this.nextOffset;
      const query = new URLSearchParams({ page: this.pageId, sort: this.sort.value, offset, limit: LIMIT });
      this.more.disabled = true;
      const answer = await this.api.send('GET', `/api/v1/reviews?${query}`);
      this.more.disabled = false;
      this.listError.hidden = answer.status === 200;
      if (answer.status !== 200) {
        this.listError.textContent = this.api.message(answer);
        return;
      }
      const page = answer.body;
      if (reset) this.list.replaceChildren();
      page.results.forEach((review) => this.list.append(this.item(review)));
      this.nextOffset = page.next_offset;
      this.more.hidden = page.next_offset == null;
      this.empty.hidden = this.list.children.length > 0;
      if (reset) this.fillForm(page.my_review);
    }

    item(review) {
      const li = make('li', 'review');
      li.dataset.reviewId = review.id;
      const header = make('p', 'review__meta');
      header.append(make('span', 'review__author', review.author));
      const score = make('span', 'review__score', '★'.repeat(review.score));
      score.setAttribute('aria-hidden', 'true');
      header.append(' ', score, make('span', 'visually-hidden', ` rated it ${review.score} out of 5`));
      const date = make('time', 'review__date', new Date(review.created_at).toLocaleDateString());
      date.dateTime = review.created_at;
      header.append(' · ', date);
      li.append(header);
      if (review.pending) {
        li.append(make('p', 'review__pending', gettext('Waiting for approval: only you can see it for now.')));
      }
      const body = make('p', 'review__body', review.body);
      body.id = `review-body-${review.id}`;
      if (review.spoiler && !review.mine) {
        body.hidden = true;
        const reveal = make(
          'button',
          'button button--small button--secondary review__spoiler',
          gettext('Show spoiler'),
        );
        reveal.type = 'button';
        reveal.setAttribute('aria-expanded', 'false');
        reveal.setAttribute('aria-controls', body.id);
        reveal.addEventListener('click', () => {
          const open = body.hidden;
          body.hidden = !open;
          reveal.setAttribute('aria-expanded', String(open));
          reveal.textContent = open ? gettext('Hide spoiler') : gettext('Show spoiler');
        });
        li.append(make('p', 'review__spoiler-note', gettext('This review contains spoilers.')), reveal);
      }
      li.append(body, this.helpful(review));
      const report = this.reportButton(review);
      if (report) li.append(report);
      return li;
    }

    /** "Report" on others' reviews, for signed-in viewers (static/js/engagement/reports.js). */
    reportButton(review) {
      const reports = window.mediasite.reports;
      if (!reports || !this.me || !this.me.authenticated || review.mine || review.pending) return null;
      const wrap = make('p', 'review__report');
      const button = make('button', 'button button--small button--ghost', gettext('Report'));
      button.type = 'button';
      button.dataset.reviewReport = '';
      button.setAttribute('aria-haspopup', 'dialog');
      button.append(make('span', 'visually-hidden', ` the review by ${review.author}`));
      const status = make('span', 'review__report-status');
      status.setAttribute('role', 'status');
      status.dataset.reportStatus = '';
      button.addEventListener('click', () =>
        reports.open({
          kind: 'review',
          title: interpolate(gettext('Report the review by %(author)s'), { author: review.author }, true),
          reviewId: review.id,
          accountId: review.author_id,
          opener: button,
          status,
        }),
      );
      wrap.append(button, ' ', status);
      return wrap;
    }

    helpful(review) {
      const footer = make('p', 'review__helpful');
      const count = make('span', 'review__helpful-count');
      const render = (n) => {
        count.textContent = n ? `${n === 1 ? '1 person' : `${n} people`} found this helpful` : '';
      };
      render(review.helpful_count);
      footer.append(count);
      if (!this.me || !this.me.authenticated || review.mine || review.pending) return footer;
      const button = make('button', 'button button--small button--ghost', gettext('Helpful'));
      button.type = 'button';
      button.setAttribute('aria-pressed', String(review.marked_helpful));
      const status = make('span', 'review__helpful-status');
      status.setAttribute('role', 'status');
      button.addEventListener('click', async () => {
        const marked = button.getAttribute('aria-pressed') === 'true';
        button.disabled = true;
        const answer = await this.api.send(marked ? 'DELETE' : 'POST', `/api/v1/reviews/${review.id}/helpful`);
        button.disabled = false;
        if (answer.status === 200) {
          button.setAttribute('aria-pressed', String(answer.body.marked_helpful));
          render(answer.body.helpful_count);
          status.textContent = '';
        } else {
          status.textContent = this.api.message(answer);
        }
      });
      footer.prepend(button, ' ');
      footer.append(status);
      return footer;
    }

    fillForm(review) {
      if (!this.form || this.form.hidden) return;
      // Re-sorting reloads the list: keep what is being typed unless the review changed.
      const key = review ? `${review.id}:${review.updated_at}` : 'none';
      if (key === this.formKey) return;
      this.formKey = key;
      this.mine = review;
      const title = this.form.querySelector('[data-review-form-title]');
      const submit = this.form.querySelector('[data-review-submit]');
      title.textContent = review ? gettext('Edit your review') : gettext('Write a review');
      submit.textContent = review ? gettext('Save changes') : gettext('Post review');
      this.deleteButton.hidden = !review;
      this.form.elements.body.value = review ? review.body : '';
      this.form.elements.spoiler.checked = review ? review.spoiler : false;
      this.form.querySelectorAll('input[name="score"]').forEach((input) => {
        input.checked = review ? Number(input.value) === review.score : false;
      });
    }

    showError(text) {
      this.error.hidden = !text;
      this.error.textContent = text || '';
    }

    async submit() {
      const checked = this.form.querySelector('input[name="score"]:checked');
      const body = this.form.elements.body.value;
      if (!checked) return this.showError(gettext('Choose a score from 1 to 5.'));
      if (!body.trim()) return this.showError(gettext('Your review is empty: write a few words about the show.'));
      const payload = { score: Number(checked.value), body, spoiler: this.form.elements.spoiler.checked };
      this.showError('');
      this.status.textContent = gettext('Saving…');
      const answer = this.mine
        ? await this.api.send('PATCH', `/api/v1/reviews/${this.mine.id}`, payload)
        : await this.api.send('POST', '/api/v1/reviews', { page_id: Number(this.pageId), ...payload });
      this.status.textContent = '';
      if (answer.status === 409 && answer.body.id) {
        // Already reviewed (another tab): edit that one.
        this.mine = { id: answer.body.id };
      }
      if (answer.status !== 200 && answer.status !== 201) return this.showError(this.api.message(answer));
      this.status.textContent = answer.body.pending
        ? gettext('Thanks! Your review is waiting for approval.')
        : gettext('Your review is posted.');
      await this.load(true);
      this.announceRating();
    }

    async remove() {
      if (!this.mine) return;
      this.status.textContent = gettext('Deleting…');
      const answer = await this.api.send('DELETE', `/api/v1/reviews/${this.mine.id}`);
      if (answer.status !== 204) {
        this.status.textContent = '';
        return this.showError(this.api.message(answer));
      }
      this.status.textContent = gettext('Your review is deleted.');
      await this.load(true);
    }

    /** The review's score is the profile's rating too: tell the rating widget. */
    async announceRating() {
      const answer = await this.api.send('GET', `/api/v1/ratings/${this.pageId}`);
      if (answer.status === 200) document.dispatchEvent(new CustomEvent('mediasite:rated', { detail: answer.body }));
    }
  }

  const start = () => {
    const api = window.mediasite && window.mediasite.engagement;
    if (!api) return;
    document.querySelectorAll('[data-reviews]').forEach((root) => new Reviews(root, api).start());
  };

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
