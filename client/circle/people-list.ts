import type { TakingPart } from '../../shared/circle/taking-part';
import type { MemberView } from '../../shared/circle/views';
import type { Translator } from '../i18n/i18n';
import { keepFocus } from '../facilitation/keep-focus';
import { el } from '../ui/dom';

export interface PeopleListState {
  selfId: string;
  speaking: ReadonlySet<string>;
  volumes: ReadonlyMap<string, number>;
  onVolume(memberId: string, volume: number): void;
  /** Who holds the talking piece, if anyone. */
  holder?: string | null;
  /** The "…" menu for a row (facilitation tools, report, block), when there is one. */
  rowMenu?(member: MemberView): HTMLElement | null;
  /** Members this member blocked: listed, so the block can be lifted from their row. */
  blocked?: ReadonlySet<string>;
  /** Hosts see how each person takes part, as a small symbol with words for screen readers. */
  showTakingPart?: boolean;
}

const takingPartGlyphs: Record<TakingPart, string> = {
  present: '🌿',
  listen: '👂',
  write: '✏️',
  speak: '💬',
};

/**
 * Renders "People in the circle": name, role, muted, whether the seat is only being held, and a
 * local volume slider for everyone else.
 */
export function renderPeople(
  list: HTMLElement,
  members: readonly MemberView[],
  state: PeopleListState,
  i18n: Translator,
): void {
  const items = members.map((member) => {
    const item = el('li', { className: 'person' }, { 'data-member-id': member.id });
    item.classList.toggle('is-away', !member.connected);
    item.classList.toggle('is-speaking', state.speaking.has(member.id));
    const name = el('span', { className: 'person-name', textContent: member.name });
    // Names are shown as written; `dir=auto` keeps right-to-left names from reordering the line.
    name.dir = 'auto';
    const shown: Node[] = [name];
    if (state.showTakingPart) {
      const words = i18n.t(`takePart.shown.${member.takingPart}`);
      const glyph = el('span', {
        className: 'taking-part-glyph',
        textContent: takingPartGlyphs[member.takingPart],
      });
      glyph.setAttribute('aria-hidden', 'true');
      glyph.title = words;
      shown.push(glyph, el('span', { className: 'visually-hidden', textContent: ` (${words})` }));
    }
    const details = [i18n.t(`role.${member.role}`)];
    if (member.id === state.selfId) details.push(i18n.t('circle.you'));
    if (member.forceMuted) details.push(i18n.t('member.forceMuted'));
    else if (member.muted) details.push(i18n.t('voice.muted'));
    if (state.holder === member.id) details.push(i18n.t('member.holdsPiece'));
    if (member.away) details.push(i18n.t('presence.steppedOut'));
    if (state.blocked?.has(member.id)) details.push(i18n.t('member.blockedByYou'));
    if (!member.connected) details.push(i18n.t('circle.reconnecting'));
    const role = el('span', { className: 'person-role', textContent: i18n.list(details) });
    item.append(...shown, role);
    if (member.id !== state.selfId) item.append(volumeSlider(member, state, i18n));
    const menu = state.rowMenu?.(member);
    if (menu) item.append(menu);
    return item;
  });
  keepFocus(list, () => {
    list.replaceChildren(...items);
  });
}

function volumeSlider(
  member: MemberView,
  state: PeopleListState,
  i18n: Translator,
): HTMLInputElement {
  const slider = el(
    'input',
    { type: 'range', className: 'person-volume' },
    {
      min: '0',
      max: '150',
      step: '5',
      'aria-label': i18n.t('voice.volumeFor', { name: member.name }),
    },
  );
  slider.dataset.focusKey = `volume-${member.id}`;
  slider.value = String(Math.round((state.volumes.get(member.id) ?? 1) * 100));
  slider.addEventListener('input', () => {
    state.onVolume(member.id, Number(slider.value) / 100);
  });
  return slider;
}

/** Lights or dims one row's speaking indicator without re-rendering the list. */
export function markSpeaking(list: HTMLElement, memberId: string, speaking: boolean): void {
  for (const item of list.querySelectorAll<HTMLElement>('li[data-member-id]')) {
    if (item.dataset.memberId === memberId) item.classList.toggle('is-speaking', speaking);
  }
}
