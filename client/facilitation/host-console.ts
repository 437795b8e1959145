import type { RoundKind } from '../../shared/circle/facilitation';
import type { BarredView, CircleView } from '../../shared/circle/views';
import type { Translator } from '../i18n/i18n';
import { el } from '../ui/dom';
import { keepFocus } from './keep-focus';

export interface HostActions {
  lock(locked: boolean): void;
  pause(paused: boolean): void;
  startRound(kind: RoundKind, fromMemberId: string): void;
  endRound: () => void;
  takePiece: () => void;
  clearChat: () => void;
  announce: () => void;
  lowerAllHands: () => void;
  liftBar(barId: string): void;
}

/** Who a new round starts from unless the host picks someone: the one keeping it, else self. */
export function defaultRoundStart(circle: CircleView, selfId: string, chosen?: string): string {
  if (chosen !== undefined && circle.members.some((m) => m.id === chosen)) return chosen;
  return circle.members.find((m) => m.role === 'facilitator')?.id ?? selfId;
}

function button(key: string, text: string, onClick: () => void): HTMLButtonElement {
  const b = el('button', { type: 'button', className: 'secondary', textContent: text });
  b.dataset.focusKey = key;
  b.addEventListener('click', onClick);
  return b;
}

/**
 * Circle-wide tools for hosts: the door, a pause, go-rounds, the piece, chat, the raised-hand
 * queue and who is kept out.
 */
export function renderHostConsole(
  root: HTMLElement,
  circle: CircleView,
  selfId: string,
  barred: readonly BarredView[],
  i18n: Translator,
  actions: HostActions,
): void {
  const previous = root.querySelector<HTMLSelectElement>('select.round-from')?.value;
  const door = el('div', { className: 'host-row' });
  const lock = button('lock', i18n.t(circle.locked ? 'host.unlock' : 'host.lock'), () => {
    actions.lock(!circle.locked);
  });
  lock.setAttribute('aria-pressed', String(circle.locked));
  const pause = button('pause', i18n.t(circle.paused ? 'host.resume' : 'host.pause'), () => {
    actions.pause(!circle.paused);
  });
  pause.setAttribute('aria-pressed', String(circle.paused));
  door.append(lock, pause);

  const rounds = el('div', { className: 'host-row' });
  const fromLabel = el('label', { textContent: i18n.t('host.roundFrom') });
  const from = el('select', { className: 'round-from' });
  from.id = 'round-from';
  from.dataset.focusKey = 'roundFrom';
  fromLabel.htmlFor = from.id;
  for (const member of [...circle.members].sort((a, b) => a.seat - b.seat)) {
    from.append(el('option', { textContent: member.name }, { value: member.id }));
  }
  from.value = defaultRoundStart(circle, selfId, previous);
  rounds.append(
    fromLabel,
    from,
    button('checkin', i18n.t('host.startCheckin'), () => {
      actions.startRound('checkin', from.value);
    }),
    button('checkout', i18n.t('host.startCheckout'), () => {
      actions.startRound('checkout', from.value);
    }),
  );
  if (circle.piece.round)
    rounds.append(button('endRound', i18n.t('host.endRound'), actions.endRound));
  if (circle.piece.holder !== null && circle.piece.holder !== selfId) {
    rounds.append(button('take', i18n.t('host.takePiece'), actions.takePiece));
  }
  // No talking piece in a one-to-one session, so no rounds either.
  rounds.hidden = circle.pieceMode === 'none';
  const chat = el('div', { className: 'host-row' });
  chat.append(
    button('announce', i18n.t('announce.open'), actions.announce),
    button('clearChat', i18n.t('host.clearChat'), actions.clearChat),
  );

  const nameOf = (id: string): string => circle.members.find((m) => m.id === id)?.name ?? '';
  const handsHeading = el('h4', { textContent: i18n.t('host.hands') });
  const hands = el('ol', { className: 'hand-queue' });
  if (circle.hands.length === 0) hands.classList.add('is-empty');
  hands.dataset.empty = i18n.t('host.noHands');
  for (const id of circle.hands) {
    const item = el('li', { textContent: nameOf(id) });
    item.dir = 'auto';
    hands.append(item);
  }
  const handRow = el('div', { className: 'host-row' });
  if (circle.hands.length > 0) {
    handRow.append(button('lowerAllHands', i18n.t('host.lowerAllHands'), actions.lowerAllHands));
  }
  const barredHeading = el('h4', { textContent: i18n.t('host.barred') });
  const barredList = el('ul', { className: 'barred-list' });
  if (barred.length === 0)
    barredList.append(el('li', { className: 'hint', textContent: i18n.t('host.noneBarred') }));
  for (const bar of barred) {
    const item = el('li', { className: 'barred-person' });
    const name = el('span', { className: 'person-name', textContent: bar.name });
    name.dir = 'auto';
    const lift = button(`lift-${bar.id}`, i18n.t('host.liftBar'), () => {
      actions.liftBar(bar.id);
    });
    lift.setAttribute('aria-label', i18n.t('host.liftBarNamed', { name: bar.name }));
    item.append(name, lift);
    barredList.append(item);
  }
  keepFocus(root, () => {
    root.replaceChildren(
      door,
      rounds,
      chat,
      handsHeading,
      hands,
      handRow,
      barredHeading,
      barredList,
    );
  });
}
