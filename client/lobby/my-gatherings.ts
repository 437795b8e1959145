import {
  gatheringPageUrl,
  invitationUrl,
  type OwnGathering,
} from '../../shared/gathering/gathering';
import type { ErrorCode } from '../../shared/protocol/errors';
import { aboutLine, timeRange } from '../entrance/gathering-format';
import { confirmAsync } from '../facilitation/confirm-dialog';
import type { Translator } from '../i18n/i18n';
import type { SignalingClient } from '../net/signaling-client';
import { byId, el } from '../ui/dom';

export interface MyGatheringsHooks {
  /** Opens the room of a gathering; the refusal's code, if it was refused. */
  openRoom(id: string, name: string): Promise<ErrorCode | undefined>;
  /** Something to say in the screen's status line. */
  say(message: string): void;
  /** The schedule form, filled with this gathering, to change it. */
  edit(gathering: OwnGathering): void;
}

/**
 * "My gatherings" on the facilitator's screen: what their key has scheduled, each with Open
 * the room, Copy the link and Cancel.
 */
export class MyGatherings {
  private readonly section = byId('my-gatherings');
  private readonly list = byId<HTMLUListElement>('mine-list');
  private readonly error = byId('mine-error');
  private readonly nameField = byId<HTMLInputElement>('mine-name');
  private gatherings: OwnGathering[] = [];
  private key: string | undefined;

  constructor(
    private readonly i18n: Translator,
    private readonly client: SignalingClient,
    private readonly hooks: MyGatheringsHooks,
  ) {}

  /** Shown while this browser holds a key; read afresh each time. */
  async showForAsync(key: string | undefined): Promise<void> {
    this.key = key;
    this.section.hidden = key === undefined;
    this.error.textContent = '';
    if (key === undefined) return;
    const answer = await this.client.request('gathering:mine', { facilitatorKey: key });
    if (key !== this.key) return;
    if (!answer.ok) {
      this.error.textContent = this.i18n.error(answer.error.code);
      return;
    }
    this.gatherings = answer.data;
    this.render();
  }

  render(): void {
    byId('mine-empty').hidden = this.gatherings.length > 0;
    this.list.replaceChildren(...this.gatherings.map((g) => this.item(g)));
  }

  private item(gathering: OwnGathering): HTMLLIElement {
    const { i18n } = this;
    const line = el('li');
    const title = { title: gathering.title };
    const details = [
      gathering.next ? timeRange(i18n, gathering.next.startsAt, gathering.next.endsAt) : '',
      aboutLine(i18n, gathering.kind, gathering.language),
      i18n.t(gathering.listed ? 'mine.listed' : 'mine.unlisted'),
      ...(gathering.weeks > 1 ? [i18n.t('mine.weeks', { count: gathering.weeks })] : []),
    ];
    const open = el('button', { type: 'button', textContent: i18n.t('mine.open', title) });
    open.addEventListener('click', () => void this.open(gathering.id));
    const copy = el('button', {
      type: 'button',
      className: 'secondary',
      textContent: i18n.t('mine.copy', title),
    });
    copy.addEventListener('click', () => void this.copy(gathering.id));
    const cancel = el('button', {
      type: 'button',
      className: 'secondary',
      textContent: i18n.t('mine.cancel', title),
    });
    cancel.addEventListener('click', () => void this.cancel(gathering));
    const change = el('button', {
      type: 'button',
      className: 'secondary',
      textContent: i18n.t('mine.edit', title),
    });
    change.addEventListener('click', () => {
      this.hooks.edit(gathering);
    });
    const actions = el('div', { className: 'actions' });
    actions.append(open, copy, change);
    if (gathering.kind === 'oneToOne') {
      const invite = el('button', {
        type: 'button',
        className: 'secondary',
        textContent: i18n.t('mine.invite', title),
      });
      invite.addEventListener('click', () => void this.invite(gathering.id));
      actions.append(invite);
    }
    actions.append(cancel);
    line.append(
      el('strong', { textContent: gathering.title }),
      ...details.map((text) => el('span', { className: 'hint', textContent: text })),
      actions,
    );
    for (const span of line.querySelectorAll('span')) span.style.display = 'block';
    return line;
  }

  private async open(id: string): Promise<void> {
    this.error.textContent = '';
    const refused = await this.hooks.openRoom(id, this.nameField.value);
    if (refused === undefined) return;
    this.error.textContent = this.i18n.error(refused);
    if (refused.startsWith('name_')) this.nameField.focus();
  }

  private async copy(id: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(gatheringPageUrl(location.origin, id));
      this.hooks.say(this.i18n.t('mine.copied'));
    } catch {
      // No clipboard (an insecure page, a refusal): the link is on the gathering's page too.
      this.hooks.say(gatheringPageUrl(location.origin, id));
    }
  }

  /** A new personal link for a one-to-one session, copied for the counsellor to send. */
  private async invite(id: string): Promise<void> {
    if (this.key === undefined) return;
    this.error.textContent = '';
    const answer = await this.client.request('gathering:invite', { facilitatorKey: this.key, id });
    if (!answer.ok) {
      this.error.textContent = this.i18n.error(answer.error.code);
      return;
    }
    const link = invitationUrl(location.origin, id, answer.data.token);
    try {
      await navigator.clipboard.writeText(link);
      this.hooks.say(this.i18n.t('mine.invited'));
    } catch {
      // No clipboard: the link itself, to copy by hand.
      this.hooks.say(link);
    }
  }

  private async cancel(gathering: OwnGathering): Promise<void> {
    if (this.key === undefined) return;
    const { i18n } = this;
    const sure = await confirmAsync(
      i18n.t('mine.cancelConfirm', { title: gathering.title }),
      i18n.t('mine.cancelYes'),
      i18n.t('mine.cancelNo'),
    );
    if (!sure) return;
    const answer = await this.client.request('gathering:cancel', {
      facilitatorKey: this.key,
      id: gathering.id,
    });
    if (!answer.ok) {
      this.error.textContent = this.i18n.error(answer.error.code);
      return;
    }
    this.hooks.say(this.i18n.t('mine.cancelled', { title: gathering.title }));
    await this.showForAsync(this.key);
  }
}
