import type { GatheringView } from '../../shared/gathering/gathering';
import type { EnteredCircle } from '../../shared/circle/views';
import { unpackEntered } from '../../shared/circle/wire-views';
import { ErrorCode } from '../../shared/protocol/errors';
import type { Translator } from '../i18n/i18n';
import type { SignalingClient } from '../net/signaling-client';
import { byId, el, listen, showScreen } from '../ui/dom';
import { clearFormError, showFormError } from '../lobby/lobby-forms';
import { aboutLine, moment, seatsLine, timeRange } from './gathering-format';

/** How often an open page asks again: the door opening, seats filling. */
const REFRESH_MS = 15_000;

export interface GatheringHooks {
  /** Knock on the open room: the join form, with its code. */
  knock(code: string): void;
  /** An invitation's holder is in: the circle, as after starting one. */
  entered(entered: EnteredCircle): void;
  /** This browser's device token and remembered colour, as a knock sends them. */
  lobbyChoices(): { device: string; color?: number };
}

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
  /** The invitation token from a one-to-one session's link, if the page was opened with one. */
  private invite: string | undefined;
  private readonly inviteForm = byId<HTMLFormElement>('gathering-invite');
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly i18n: Translator,
    private readonly client: SignalingClient,
    private readonly hooks: GatheringHooks,
  ) {
    this.disposers.push(
      listen(this.knockButton, 'click', () => {
        if (this.invite !== undefined) void this.acceptAsync(this.invite);
        else if (this.view?.code !== undefined) hooks.knock(this.view.code);
      }),
      i18n.onChange(() => {
        this.render();
      }),
    );
  }

  show(id: string, invite?: string): void {
    this.id = id;
    this.invite = invite;
    this.inviteForm.hidden = invite === undefined;
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
    // An invitation's holder has a seat kept for them; others need a free one and the code.
    const canKnock =
      view?.state === 'open' &&
      (this.invite !== undefined || (view.seatsFree > 0 && view.code !== undefined));
    this.knockButton.hidden = !canKnock;
    this.status.textContent = this.statusText();
  }

  /** Comes straight in with the invitation: no waiting room, and the link is spent. */
  private async acceptAsync(token: string): Promise<void> {
    const id = this.id;
    if (id === undefined) return;
    clearFormError(this.inviteForm);
    const name = byId<HTMLInputElement>('invite-name').value;
    if (!byId<HTMLInputElement>('invite-accept').checked) {
      showFormError(this.inviteForm, 'acceptRules', this.i18n.error(ErrorCode.RulesNotAccepted));
      return;
    }
    this.knockButton.disabled = true;
    const answer = await this.client.request('gathering:accept', {
      id,
      token,
      name,
      ...this.hooks.lobbyChoices(),
    });
    this.knockButton.disabled = false;
    if (!answer.ok) {
      const field = answer.error.code.startsWith('name_') ? 'name' : '';
      showFormError(this.inviteForm, field, this.i18n.error(answer.error.code));
      return;
    }
    clearTimeout(this.timer);
    // The spent invitation leaves the address bar, so it is not bookmarked or passed on.
    history.replaceState(null, '', '/');
    this.hooks.entered(unpackEntered(answer.data));
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
