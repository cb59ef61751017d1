/** The control bar's pop-up menus (chapters, subtitles, quality): at most one open at a time. */
import { make } from './dom.js';
import { iconButton } from './icons.js';

export class Menus {
  constructor(idPrefix) {
    this.idPrefix = idPrefix;
    this.opened = null;
  }

  /** A menu button with a list of radio items that `items()` makes afresh on each open. */
  add(name, label, items) {
    const id = `${this.idPrefix}-${name}`;
    const trigger = iconButton(name, label, { 'aria-haspopup': 'menu', 'aria-expanded': 'false', 'aria-controls': id });
    const list = make('div', { class: 'player__menu', id, role: 'menu', 'aria-label': label, hidden: true });
    const menu = {
      trigger,
      list,
      items,
      wrap: make('div', { class: 'player__menu-wrap', hidden: true }, [trigger, list]),
    };
    trigger.addEventListener('click', () => (list.hidden ? this.open(menu) : this.close(true)));
    return menu;
  }

  open(menu) {
    this.close();
    const entries = menu.items().map((item) => {
      const attrs = { type: 'button', role: 'menuitemradio', class: 'player__menu-item', text: item.label };
      if (item.lang) attrs.lang = item.lang; // a language's own name, read in that language
      const entry = make('button', { ...attrs, 'aria-checked': String(item.checked) });
      entry.addEventListener('click', () => {
        item.select();
        this.close(true);
      });
      return entry;
    });
    menu.list.replaceChildren(...entries);
    menu.list.hidden = false;
    menu.trigger.setAttribute('aria-expanded', 'true');
    this.opened = menu;
    (entries.find((entry) => entry.getAttribute('aria-checked') === 'true') || entries[0]).focus();
  }

  close(refocus = false) {
    const menu = this.opened;
    if (!menu) return;
    menu.list.hidden = true;
    menu.trigger.setAttribute('aria-expanded', 'false');
    this.opened = null;
    if (refocus) menu.trigger.focus();
  }

  /** Whether `node` is inside the open menu's list. */
  contains(node) {
    return Boolean(this.opened && this.opened.list.contains(node));
  }

  /** Keys inside the open menu: ↑/↓, Home/End move; Esc closes (back to its button), Tab leaves. */
  onKey(event, key) {
    const items = [...this.opened.list.children];
    const at = items.indexOf(document.activeElement);
    const moves = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: items.length - 1 };
    if (key in moves) {
      event.preventDefault();
      items[(moves[key] + items.length) % items.length].focus();
    } else if (key === 'Escape' || key === 'Tab') {
      if (key === 'Escape') event.preventDefault();
      this.close(key === 'Escape');
    }
  }
}
