/**
 * Continue watching and Next up: the home page's two personal rails, filled after load.
 *
 * The home page is the same cached HTML for everyone, with two empty, hidden placeholders
 * ([data-continue-rail="continue_watching"] and [data-continue-rail="next_up"]). For a
 * signed-in visitor this asks `GET /api/v1/continue-watching` and builds each rail with the
 * site's rail and card markup (templates/components/rail.html, card.html): a progress bar
 * on each "Continue watching" card, and a remove button on every card
 * (`DELETE /api/v1/continue-watching/<id>`, with the CSRF token from /me). A rail with no
 * cards stays hidden. User-visible text goes in with textContent only.
 */

const ENDPOINT = '/api/v1/continue-watching';
const TITLES = { continue_watching: gettext('Continue watching'), next_up: gettext('Next up') };

const el = (tag, className, text) => {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
};

const minutesLeft = (card) => Math.max(1, Math.round((card.duration - card.position) / 60));

function cardNode(card, kind, onRemove) {
  const item = el('li', 'rail__item');
  item.dataset.episodeId = String(card.episode_id);
  const article = el('article', 'card card--episode card--landscape card--personal');
  const link = el('a', 'card__link');
  link.href = card.url;
  const media = el('div', 'card__media');
  if (card.image_url) {
    const img = el('img', 'card__img');
    img.src = card.image_url;
    img.alt = '';
    img.loading = 'lazy';
    img.decoding = 'async';
    media.append(img);
  } else {
    const placeholder = el('div', 'card__placeholder');
    placeholder.setAttribute('aria-hidden', 'true');
    placeholder.append(el('span', '', card.title));
    media.append(placeholder);
  }
  if (kind === 'continue_watching' && card.duration) {
    const bar = el('progress', 'card__progress');
    bar.max = 1;
    bar.value = card.progress;
    bar.setAttribute(
      'aria-label',
      interpolate(
        gettext('%(percent)s watched, %(minutes)s min left'),
        { percent: `${Math.round(card.progress * 100)}%`, minutes: minutesLeft(card) },
        true,
      ),
    );
    media.append(bar);
  }
  const body = el('div', 'card__body');
  body.append(el('h3', 'card__title', card.title));
  body.append(
    el(
      'p',
      'card__subtitle',
      interpolate(
        gettext('%(show)s · S%(season)s E%(episode)s'),
        { show: card.show_title, season: card.season_number, episode: card.episode_number },
        true,
      ),
    ),
  );
  link.append(media, body);
  const remove = el('button', 'card__remove');
  remove.type = 'button';
  remove.dataset.removeCard = '';
  remove.setAttribute(
    'aria-label',
    interpolate(gettext('Remove %(title)s from %(rail)s'), { title: card.title, rail: TITLES[kind] }, true),
  );
  remove.textContent = '×';
  remove.addEventListener('click', () => onRemove(card, item, remove));
  article.append(link, remove);
  item.append(article);
  return item;
}

function fill(section, kind, cards, onRemove) {
  section.replaceChildren();
  if (!cards.length) {
    section.hidden = true;
    return;
  }
  const id = `rail-${kind.replace('_', '-')}`;
  const rail = el('section', 'rail rail--personal');
  rail.setAttribute('aria-labelledby', id);
  rail.dataset.rail = '';
  const header = el('div', 'rail__header');
  const title = el('h2', 'rail__title', TITLES[kind]);
  title.id = id;
  header.append(title);
  const list = el('ul', 'rail__list rail__list--landscape');
  list.setAttribute('role', 'list');
  list.dataset.railTrack = '';
  cards.forEach((card) => list.append(cardNode(card, kind, onRemove)));
  rail.append(header, list);
  section.append(rail);
  section.hidden = false;
  const { Rail } = window.mediasite || {};
  if (Rail) new Rail(rail);
}

async function init() {
  const sections = [...document.querySelectorAll('[data-continue-rail]')];
  if (!sections.length) return;
  const me = window.mediasite && window.mediasite.me ? await window.mediasite.me : null;
  if (!me || !me.authenticated) return;
  const response = await fetch(ENDPOINT, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!response.ok) return;
  const rails = await response.json();

  const onRemove = async (card, item, button) => {
    button.disabled = true;
    const answer = await fetch(`${ENDPOINT}/${encodeURIComponent(card.episode_id)}`, {
      method: 'DELETE',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'X-CSRFToken': me.csrf_token || '' },
    }).catch(() => null);
    if (!answer || !answer.ok) {
      button.disabled = false;
      return;
    }
    const section = item.closest('[data-continue-rail]');
    item.remove();
    if (section && !section.querySelector('.rail__item')) section.hidden = true;
  };

  sections.forEach((section) =>
    fill(section, section.dataset.continueRail, rails[section.dataset.continueRail] || [], onRemove),
  );
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
else init();
