import { TableThemes } from '../../shared/tables/tables';
import type { Translator } from '../i18n/i18n';
import { el } from '../ui/dom';
import type { TableSummary } from './table-summary';

/** Writes text only when it changes, so a screen reader is not told the same thing again. */
function setText(node: HTMLElement, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}

/**
 * One table in the list. Its elements are made once and updated in place, so a control that
 * keeps its meaning keeps the keyboard focus through any change elsewhere at the event. Its
 * controls say what they do in `data-action` (`sit`, `theme`, `open`); the panel listens.
 */
export class TableRow {
  readonly item: HTMLLIElement;
  /** Where focus goes when the control that had it goes away (sitting down hides "Sit"). */
  readonly heading = el('h4', { className: 'table-name' }, { tabindex: '-1' });
  private readonly facts = el('p', { className: 'table-facts' });
  private readonly people = el('ul', { className: 'table-people' });
  private readonly nobody = el('p', { className: 'hint table-nobody' });
  private readonly sit = el('button', { type: 'button' }, { 'data-action': 'sit' });
  private readonly here = el('p', { className: 'table-here' });
  private readonly hostRow = el('div', { className: 'host-row table-host' });
  private readonly themeLabel = el('label');
  private readonly theme = el('select', {}, { 'data-action': 'theme' });
  private readonly themeOptions = TableThemes.map((theme) => ({
    theme,
    option: el('option', {}, { value: theme }),
  }));
  private readonly openButton = el(
    'button',
    { type: 'button', className: 'secondary' },
    { 'data-action': 'open' },
  );
  /** The names last drawn, so the list is rebuilt only when someone sits or gets up. */
  private drawnPeople = '';

  constructor(readonly id: number) {
    this.item = el('li', { className: 'table-row' }, { 'data-table': String(id) });
    this.theme.id = `table-theme-${id}`;
    this.themeLabel.htmlFor = this.theme.id;
    this.theme.append(...this.themeOptions.map(({ option }) => option));
    const actions = el('div', { className: 'table-actions' });
    actions.append(this.sit, this.here);
    this.hostRow.append(this.themeLabel, this.theme, this.openButton);
    this.item.append(this.heading, this.facts, this.people, this.nobody, actions, this.hostRow);
  }

  update(table: TableSummary, hosting: boolean, i18n: Translator): void {
    const number = { table: table.number };
    this.item.classList.toggle('is-mine', table.seat === 'here');
    this.item.classList.toggle('is-closed', !table.open);
    if (table.seat === 'here') this.item.setAttribute('aria-current', 'true');
    else this.item.removeAttribute('aria-current');
    setText(this.heading, i18n.t('tables.table', number));
    const facts = [
      i18n.t(`tables.theme.${table.theme}`),
      i18n.t('tables.taken', { taken: table.taken, cushions: table.cushions }),
    ];
    if (!table.open) facts.push(i18n.t('tables.closed'));
    setText(this.facts, i18n.list(facts));
    this.drawPeople(table, i18n);

    this.sit.hidden = table.seat === 'here';
    this.sit.disabled = table.seat === 'full' || table.seat === 'closed';
    setText(
      this.sit,
      i18n.t(
        table.seat === 'full'
          ? 'tables.sitFull'
          : table.seat === 'closed'
            ? 'tables.sitClosed'
            : 'tables.sit',
        number,
      ),
    );
    this.here.hidden = table.seat !== 'here';
    setText(this.here, i18n.t('tables.here'));

    this.hostRow.hidden = !hosting;
    setText(this.themeLabel, i18n.t('tables.themeLabel', number));
    for (const { theme, option } of this.themeOptions) {
      setText(option, i18n.t(`tables.theme.${theme}`));
    }
    if (this.theme.value !== table.theme) this.theme.value = table.theme;
    setText(this.openButton, i18n.t(table.open ? 'tables.close' : 'tables.open', number));
  }

  private drawPeople(table: TableSummary, i18n: Translator): void {
    const drawn = [i18n.locale, ...table.sitters.map((s) => `${s.id}\u0000${s.name}`)].join(
      '\u0001',
    );
    this.people.hidden = table.sitters.length === 0;
    this.nobody.hidden = table.taken > 0;
    setText(this.nobody, i18n.t('tables.nobody'));
    if (drawn === this.drawnPeople) return;
    this.drawnPeople = drawn;
    this.people.setAttribute('aria-label', i18n.t('tables.peopleAt', { table: table.number }));
    this.people.replaceChildren(
      ...table.sitters.map((sitter) => {
        const name = el('li', { textContent: sitter.name });
        // Names are shown as written; `dir=auto` keeps right-to-left names from reordering.
        name.dir = 'auto';
        return name;
      }),
    );
  }
}
