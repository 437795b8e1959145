import type { CircleView } from '../../shared/circle/views';
import type { Translator } from '../i18n/i18n';
import { el } from '../ui/dom';
import { pieceSummary } from './piece-summary';
import { formatShareTime, heldForMs } from './share-time';
import { SoftChime } from '../ui/soft-chime';

export interface PieceActions {
  pass(): void;
  give(memberId: string): void;
  /** Take the piece offered to this member, or let it go by. */
  accept(): void;
  decline(): void;
}

/**
 * The talking piece for everyone: who holds it, the go-round, a share-time counter, and for the
 * holder Pass and "give to a raised hand".
 */
export class PiecePanel {
  private readonly holderLine = el('p', { className: 'piece-holder' }, { 'aria-live': 'polite' });
  private readonly roundLine = el('p', { className: 'piece-round' });
  private readonly timer = el('span', { className: 'piece-timer' }, { role: 'timer' });
  private readonly timeLabel = el('span', { className: 'piece-time-label' });
  private readonly timerLine = el('p', { className: 'hint piece-time' });
  private readonly timeUpLine = el('p', { className: 'piece-time-up' }, { role: 'status' });
  private readonly buttons = el('div', { className: 'piece-actions' });
  private readonly offerLine = el('p', { className: 'piece-offer-line' }, { role: 'status' });
  private readonly offerButtons = el('div', { className: 'piece-offer' });
  private readonly chime = new SoftChime(528);
  private readonly ticker: ReturnType<typeof setInterval>;
  private held:
    { holder: string; baseMs: number; arrivedAt: number; piece: CircleView['piece'] } | undefined;

  constructor(
    private readonly root: HTMLElement,
    private readonly i18n: Translator,
    private readonly actions: PieceActions,
  ) {
    this.timerLine.append(this.timeLabel, ' ', this.timer);
    this.timeUpLine.hidden = true;
    root.append(
      this.holderLine,
      this.roundLine,
      this.timerLine,
      this.timeUpLine,
      this.buttons,
      this.offerLine,
      this.offerButtons,
    );
    this.ticker = setInterval(() => {
      this.tick();
    }, 1000);
  }

  update(circle: CircleView, selfId: string): void {
    // A one-to-one session has no talking piece: nothing to show or to press.
    this.root.hidden = circle.pieceMode === 'none';
    const { holder, heldSinceMs } = circle.piece;
    if (holder === null || heldSinceMs === null) {
      this.held = undefined;
      this.timeUpLine.hidden = true;
    } else {
      if (this.held?.holder !== holder) this.timeUpLine.hidden = true;
      // A change elsewhere in the circle keeps the piece as it came: its time runs on from then.
      if (this.held?.piece !== circle.piece) {
        this.held = {
          holder,
          baseMs: heldSinceMs,
          arrivedAt: performance.now(),
          piece: circle.piece,
        };
      }
    }
    const summary = pieceSummary(circle, selfId);
    this.holderLine.textContent = this.i18n.t(summary.holder.key, summary.holder.params);
    this.roundLine.hidden = summary.round === null;
    if (summary.round)
      this.roundLine.textContent = this.i18n.t(summary.round.key, summary.round.params);
    this.timerLine.hidden = this.held === undefined;
    this.timeLabel.textContent = this.i18n.t('piece.sharingFor');
    this.timeUpLine.textContent = this.i18n.t('piece.timeUp');
    this.root.classList.toggle('is-time-up', !this.timeUpLine.hidden);
    this.renderButtons(circle, selfId);
    this.renderOffer(circle, selfId);
    this.tick();
  }

  /** An offer is for the one offered it to answer; everyone else only reads whom it is for. */
  private renderOffer(circle: CircleView, selfId: string): void {
    const { offeredTo } = circle.piece;
    const name = circle.members.find((m) => m.id === offeredTo)?.name;
    const text =
      offeredTo === selfId
        ? this.i18n.t('piece.offered')
        : name === undefined
          ? ''
          : this.i18n.t('piece.offeredTo', { name });
    // Written only when it changes, so a screen reader hears an offer once.
    if (this.offerLine.textContent !== text) this.offerLine.textContent = text;
    this.offerLine.hidden = text === '';
    if (offeredTo !== selfId) {
      this.offerButtons.replaceChildren();
      delete this.offerButtons.dataset.lang;
      return;
    }
    // Kept while they stand, so focus on them is not lost to an unrelated change.
    if (this.offerButtons.dataset.lang === this.i18n.locale) return;
    this.offerButtons.dataset.lang = this.i18n.locale;
    const accept = el('button', { type: 'button', textContent: this.i18n.t('piece.accept') });
    accept.id = 'piece-accept';
    accept.addEventListener('click', () => {
      this.actions.accept();
    });
    const decline = el('button', {
      type: 'button',
      className: 'secondary',
      textContent: this.i18n.t('piece.decline'),
    });
    decline.id = 'piece-decline';
    decline.addEventListener('click', () => {
      this.actions.decline();
    });
    this.offerButtons.replaceChildren(accept, decline);
  }

  /** `piece:timeUp`: a quiet cue for everyone, and a soft chime for the holder only. */
  timeUp(holder: string, selfId: string): void {
    if (this.held?.holder !== holder) return;
    this.timeUpLine.hidden = false;
    this.root.classList.add('is-time-up');
    if (holder === selfId) this.chime.play();
  }

  private renderButtons(circle: CircleView, selfId: string): void {
    if (circle.piece.holder !== selfId) {
      this.buttons.replaceChildren();
      return;
    }
    const pass = el('button', { type: 'button', textContent: this.i18n.t('piece.pass') });
    pass.addEventListener('click', () => {
      this.actions.pass();
    });
    const gives = circle.hands
      .filter((id) => id !== selfId)
      .map((id) => {
        const name = circle.members.find((m) => m.id === id)?.name ?? '';
        const give = el('button', {
          type: 'button',
          className: 'secondary',
          textContent: this.i18n.t('piece.giveTo', { name }),
        });
        give.addEventListener('click', () => {
          this.actions.give(id);
        });
        return give;
      });
    this.buttons.replaceChildren(pass, ...gives);
  }

  private tick(): void {
    if (!this.held) return;
    const ms = heldForMs(this.held.baseMs, this.held.arrivedAt, performance.now());
    this.timer.textContent = formatShareTime(ms);
  }

  dispose(): void {
    clearInterval(this.ticker);
    this.chime.dispose();
    this.root.replaceChildren();
  }
}
