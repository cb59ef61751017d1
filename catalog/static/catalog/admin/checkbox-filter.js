/**
 * Progressive enhancement for FilterableCheckboxSelectMultiple (catalog/widgets.py): a
 * labelled search box above a long checkbox list. Typing hides the options whose label does
 * not contain the text (ignoring case and accents); a live line says how many are shown
 * and which are selected. The checkboxes remain the form's inputs.
 */

const fold = (text) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim();

function enhance(container, index) {
  const list = container.querySelector('[data-checkbox-filter-list]');
  const options = [...list.querySelectorAll('input[type="checkbox"]')].map((input) => ({
    input,
    row: input.closest('label')?.parentElement ?? input,
    text: fold(input.closest('label')?.textContent ?? input.value),
    name: (input.closest('label')?.textContent ?? input.value).trim(),
  }));
  const noun = container.dataset.noun || 'items';
  const inputId = `checkbox-filter-${index}`;

  const label = document.createElement('label');
  label.htmlFor = inputId;
  label.className = 'w-field__label';
  label.textContent = container.dataset.filterLabel || 'Filter';
  const search = document.createElement('input');
  search.type = 'search';
  search.id = inputId;
  search.className = 'checkbox-filter__input';
  search.autocomplete = 'off';
  search.setAttribute('aria-controls', list.querySelector('[id]')?.id ?? '');
  const status = document.createElement('p');
  status.className = 'checkbox-filter__status';
  status.setAttribute('aria-live', 'polite');
  container.prepend(label, search, status);

  function update() {
    const query = fold(search.value);
    let shown = 0;
    for (const option of options) {
      const match = !query || option.text.includes(query);
      option.row.hidden = !match;
      if (match) shown += 1;
    }
    const selected = options.filter((option) => option.input.checked).map((option) => option.name);
    const showing = query ? `${shown} of ${options.length} ${noun} shown. ` : '';
    status.textContent = `${showing}Selected: ${selected.length ? selected.join(', ') : 'none'}.`;
  }

  search.addEventListener('input', update);
  // Enter in the filter must not submit the page's form.
  search.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') event.preventDefault();
  });
  list.addEventListener('change', update);
  update();
}

document.querySelectorAll('[data-checkbox-filter]').forEach(enhance);
