/**
 * Reporting from the site: a small <dialog> that sends `POST /api/v1/reports`.
 *
 * `window.mediasite.reports.open(options)` is what reviews.js calls from a review's
 * "Report" button; the episode page's "Report a problem" (templates/components/
 * report_problem.html) is started here. The dialog is modal (focus moves into it, Escape
 * closes it, focus goes back to the button that opened it). A 201 or 409 closes it and the
 * answer goes to the opener's live region; 401 offers a sign-in link in the dialog's live
 * region; 403, 422, 429 and the rest show the API's `detail` there and keep the form.
 * All text is set with textContent. Loaded after api.js (a classic, deferred script).
 */
(() => {
  'use strict';

  window.mediasite = window.mediasite || {};
  if (window.mediasite.reports) return;

  const MAX_NOTE = 1000;
  // engagement.models.moderation.ReportReason in the API's two groups, rendered into the
  // page by components/engagement_scripts.html (one list, in the model).
  const REASONS = (() => {
    const data = document.getElementById('report-reasons');
    try {
      return data ? JSON.parse(data.textContent) : {};
    } catch {
      return {};
    }
  })();
  const CONDUCT_REASONS = REASONS.conduct || [];
  const EPISODE_REASONS = REASONS.episode || [];
  const THANKS = gettext('Thanks — a moderator will look at it.');
  const ALREADY = gettext('You have already reported this.');

  let counter = 0;
  const make = (tag, className, text) => {
    const element = document.createElement(tag);
    if (className) element.className = className;
    if (text != null) element.textContent = text;
    return element;
  };
  const number = new Intl.NumberFormat('en');
  const api = () => window.mediasite.engagement;

  /** A sign-in link back to this page (and its fragment). */
  function signInLink(text = gettext('Sign in')) {
    const link = make('a', null, text);
    const here = `${window.location.pathname}${window.location.search}${window.location.hash}`;
    link.href = `/accounts/login/?next=${encodeURIComponent(here)}`;
    return link;
  }

  /** "1:02:03" / "4:05" for a position in seconds. */
  function clock(seconds) {
    const total = Math.floor(seconds);
    const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
    const pad = (n) => String(n).padStart(2, '0');
    return h ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
  }

  function reasonField(id, reasons) {
    const wrap = make('p', 'report-form__field');
    const label = make('label', 'report-form__label', gettext('Reason'));
    label.htmlFor = `${id}-reason`;
    const select = make('select', 'report-form__select');
    select.id = `${id}-reason`;
    select.name = 'reason';
    select.required = true;
    select.append(new Option(gettext('Choose a reason'), ''));
    reasons.forEach(([value, text]) => select.append(new Option(text, value)));
    wrap.append(label, select);
    return wrap;
  }

  function noteField(id) {
    const wrap = make('p', 'report-form__field');
    const label = make('label', 'report-form__label', gettext('Note (optional)'));
    label.htmlFor = `${id}-note`;
    const note = make('textarea', 'report-form__note');
    note.id = `${id}-note`;
    note.name = 'note';
    note.rows = 4;
    note.maxLength = MAX_NOTE;
    const count = make('span', 'report-form__count muted');
    count.id = `${id}-count`;
    note.setAttribute('aria-describedby', count.id);
    const render = () => {
      count.textContent = interpolate(
        gettext('%(count)s of %(max)s characters'),
        { count: number.format(note.value.length), max: number.format(MAX_NOTE) },
        true,
      );
    };
    note.addEventListener('input', render);
    render();
    wrap.append(label, note, count);
    return wrap;
  }

  function targetField(id) {
    const fieldset = make('fieldset', 'report-form__target');
    fieldset.append(make('legend', null, gettext('What are you reporting?')));
    [
      ['review', gettext('This review')],
      ['user', gettext("The reviewer's account")],
    ].forEach(([value, text], index) => {
      const label = make('label', 'report-form__choice');
      const input = make('input');
      input.type = 'radio';
      input.name = 'target';
      input.value = value;
      input.id = `${id}-target-${value}`;
      input.checked = index === 0;
      label.append(input, ` ${text}`);
      fieldset.append(label);
    });
    return fieldset;
  }

  /**
   * Open the report dialog.
   * options: {kind: 'review'|'episode', title, reviewId, accountId, episodeId, position
   * (a function giving seconds), opener (the button; focus returns to it), status (the
   * opener's live region for the final answer)}.
   */
  function open(options) {
    counter += 1;
    const id = `report-${counter}`;
    const dialog = make('dialog', 'report-dialog');
    dialog.setAttribute('aria-labelledby', `${id}-title`);
    dialog.dataset.reportDialog = options.kind;
    const form = make('form', 'report-form');
    form.noValidate = true;
    const title = make('h2', 'report-form__title', options.title);
    title.id = `${id}-title`;
    form.append(title);
    if (options.kind === 'review') form.append(targetField(id));
    form.append(reasonField(id, options.kind === 'episode' ? EPISODE_REASONS : CONDUCT_REASONS));
    form.append(noteField(id));
    let position = 0;
    if (options.kind === 'episode') {
      position = Math.max(0, Number(options.position ? options.position() : 0) || 0);
      const where = make(
        'p',
        'report-form__position muted',
        interpolate(gettext('Position in the episode: %(position)s'), { position: clock(position) }, true),
      );
      where.dataset.reportPosition = String(position);
      form.append(where);
    }
    const live = make('p', 'report-form__answer');
    live.setAttribute('role', 'status');
    live.setAttribute('aria-live', 'polite');
    live.dataset.reportAnswer = '';
    const actions = make('p', 'report-form__actions');
    const send = make('button', 'button button--primary', gettext('Send'));
    send.type = 'submit';
    const cancel = make('button', 'button button--ghost', gettext('Cancel'));
    cancel.type = 'button';
    actions.append(send, ' ', cancel);
    form.append(live, actions);
    dialog.append(form);

    const say = (...parts) => live.replaceChildren(...parts);
    const close = () => dialog.close();
    cancel.addEventListener('click', close);
    dialog.addEventListener('close', () => {
      dialog.remove();
      if (options.opener && options.opener.isConnected) options.opener.focus();
    });

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const reason = form.elements.reason.value;
      const note = form.elements.note.value;
      if (!reason) {
        say(gettext('Choose a reason.'));
        form.elements.reason.focus();
        return;
      }
      if (note.length > MAX_NOTE) {
        say(
          interpolate(
            gettext('Keep the note to %(count)s characters or fewer.'),
            { count: number.format(MAX_NOTE) },
            true,
          ),
        );
        return;
      }
      const payload = { reason, note };
      if (options.kind === 'episode') {
        Object.assign(payload, { target_type: 'episode', target_id: Number(options.episodeId), position });
      } else if (form.elements.target.value === 'user') {
        Object.assign(payload, { target_type: 'user', target_id: Number(options.accountId) });
      } else {
        Object.assign(payload, { target_type: 'review', target_id: Number(options.reviewId) });
      }
      send.disabled = true;
      say(gettext('Sending…'));
      const answer = await api().send('POST', '/api/v1/reports', payload);
      send.disabled = false;
      if (answer.status === 201 || answer.status === 409) {
        close();
        if (options.status) options.status.textContent = answer.status === 201 ? THANKS : ALREADY;
        return;
      }
      if (answer.status === 401) {
        say(signInLink(), ' to send a report.');
        return;
      }
      say(api().message(answer));
    });

    document.body.append(dialog);
    if (options.status) options.status.textContent = '';
    dialog.showModal();
    const first = form.querySelector('input[name="target"], select');
    if (first) first.focus();
    return dialog;
  }

  /** The episode page's "Report a problem" (templates/components/report_problem.html). */
  async function startProblem(root) {
    const engagement = api();
    if (!engagement || !/^\d+$/.test(root.dataset.episodeId || '')) return;
    const who = await engagement.me();
    if (!who || !who.authenticated) return; // the sign-in link stays
    const button = root.querySelector('[data-report-open]');
    root.querySelector('[data-report-signed-out]').hidden = true;
    button.hidden = false;
    button.addEventListener('click', () =>
      open({
        kind: 'episode',
        title: gettext('Report a problem with this episode'),
        episodeId: root.dataset.episodeId,
        position: () => {
          const video = document.querySelector('[data-player] video') || document.querySelector('video');
          return video ? video.currentTime : 0;
        },
        opener: button,
        status: root.querySelector('[data-report-status]'),
      }),
    );
  }

  window.mediasite.reports = { open, signInLink, THANKS, ALREADY };

  const start = () => document.querySelectorAll('[data-report-problem]').forEach(startProblem);
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
