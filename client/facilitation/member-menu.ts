import type { MemberView } from '../../shared/circle/views';
import type { Translator } from '../i18n/i18n';
import { el } from '../ui/dom';
import type { MemberAction } from './member-actions';

/**
 * The "…" menu on a person's row: a native disclosure, so it opens with Enter or Space and
 * needs no focus trapping. Returns null when there is nothing to offer.
 */
export function memberMenu(
  member: MemberView,
  actions: readonly MemberAction[],
  i18n: Translator,
  run: (action: MemberAction, member: MemberView) => void,
  /** Re-rendering the list must not snap an open menu shut. */
  openState: { open: boolean; onToggle(open: boolean): void },
): HTMLElement | null {
  if (actions.length === 0) return null;
  const details = el('details', { className: 'member-menu' });
  details.open = openState.open;
  details.addEventListener('toggle', () => {
    openState.onToggle(details.open);
  });
  const summary = el(
    'summary',
    { textContent: '…' },
    { 'aria-label': i18n.t('member.menu', { name: member.name }) },
  );
  summary.dataset.focusKey = `menu-${member.id}`;
  // Remembered at the click, not only at 'toggle': that event comes a task later, and a list
  // redrawn in between (someone starts speaking) would otherwise draw the menu shut again.
  summary.addEventListener('click', () => {
    openState.onToggle(!details.open);
  });
  const list = el('div', { className: 'member-menu-items' });
  for (const action of actions) {
    const button = el('button', {
      type: 'button',
      className: action === 'remove' || action === 'block' ? 'danger' : 'secondary',
      textContent: i18n.t(`member.${action}`),
    });
    button.dataset.focusKey = `${action}-${member.id}`;
    button.addEventListener('click', () => {
      details.open = false;
      summary.focus();
      run(action, member);
    });
    list.append(button);
  }
  details.append(summary, list);
  return details;
}
