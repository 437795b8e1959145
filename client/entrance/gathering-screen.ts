import type { GatheringView } from '../../shared/gathering/gathering';
import type { ErrorCode } from '../../shared/protocol/errors';
import type { Translator } from '../i18n/i18n';
import type { SignalingClient } from '../net/signaling-client';
import { byId, el, listen, showScreen } from '../ui/dom';
import { aboutLine, moment, seatsLine, timeRange } from './gathering-format';

/** How often an open page asks again: the door opening, seats filling. */
const REFRESH_MS = 15_000;

/**
 * A gathering's own page (`/?g=<id>`): what it is, when on the reader's clock, its rules, Add
 * to calendar, and the door. Before its time the page says when it opens and opens it by
 * itself then; once the facilitator has opened the room, "Come in" leads to the knock.
 */
export class GatheringScreen {
  private readonly knockButton = byId<HTMLButtonElement>('gathering-knock');
  private readonly status = byId('gathering-status');
  private readonly calendar = byId<HTMLAnchorElement>('gathering-calendar');
  private readonly disposers: (() => void)[] = [];
  private view: GatheringView | undefined;
  private failure: ErrorCode | undefined;
  private id: string | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly i18n: Translator,
    private readonly client: SignalingClient,
    knock: (code: string) => void,
  ) {
    this.disposers.push(
      listen(this.knockButton, 'click', () => {
        if (this.view?.code !== undefined) knock(this.view.code);
      }),
      i18n.onChange(() => {
        this.render();
      }),
    );
  }

  show(id: string): void {
    this.id = id;
    this.view = undefined;
    this.failure = undefined;
    showScreen('gathering');
    this.render();
    void this.refreshAsync();
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const dispose of this.disposers.splice(0)) dispose();
  }

  private async refreshAsync(): Promise<void> {
    clearTimeout(this.timer);
    const id = this.id;
    if (id === undefined || document.body.dataset.screen !== 'gathering') return;
    const answer = await this.client.request('gathering:get', { id });
    if (id !== this.id) return;
    if (answer.ok) {
      this.view = answer.data;
      this.failure = undefined;
    } else {
      this.failure = answer.error.code;
    }
    this.render();
    this.timer = setTimeout(() => void this.refreshAsync(), this.nextRefreshMs());
  }

  /** Soon after the door opens, if that is sooner than the usual interval. */
  private nextRefreshMs(): number {
    const opensAt = this.view?.state === 'upcoming' ? this.view.joinOpensAt : null;
    if (opensAt === null) return REFRESH_MS;
    return Math.min(REFRESH_MS, Math.max(0, opensAt - Date.now()) + 500);
  }

  private render(): void {
    const view = this.view;
    const { i18n } = this;
    byId('gathering-title').textContent = view?.title ?? '';
    byId('gathering-kind').textContent = view ? aboutLine(i18n, view.kind, view.language) : '';
    byId('gathering-when').textContent = view?.next
      ? timeRange(i18n, view.next.startsAt, view.next.endsAt)
      : '—';
    byId('gathering-topic').textContent = view?.topic ?? i18n.t('gathering.noTopic');
    byId('gathering-seats').textContent = view ? seatsLine(i18n, view.seatsFree, view.seats) : '';
    byId('gathering-rules').replaceChildren(
      ...(view?.rules ?? []).map((rule) => el('li', { textContent: rule })),
    );
    this.calendar.hidden = !view || view.next === null;
    if (view) this.calendar.href = `/gatherings/${encodeURIComponent(view.id)}/calendar.ics`;
    const canKnock = view?.state === 'open' && view.seatsFree > 0;
    this.knockButton.hidden = !canKnock;
    this.status.textContent = this.statusText();
  }

  private statusText(): string {
    const { i18n, view } = this;
    if (this.failure !== undefined) return i18n.error(this.failure);
    if (!view) return '';
    switch (view.state) {
      case 'upcoming':
        return i18n.t('gathering.upcoming', { time: moment(i18n, view.joinOpensAt ?? 0) });
      case 'waiting_for_host':
        return i18n.t('gathering.waitingForHost');
      case 'open':
        return view.seatsFree > 0 ? i18n.t('gathering.open') : i18n.t('gathering.full');
      case 'over':
        return i18n.t('gathering.over');
      case 'cancelled':
        return i18n.t('gathering.cancelled');
    }
  }
}
