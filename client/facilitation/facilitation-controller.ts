import { isHostRole, type ReportReason } from '../../shared/circle/facilitation';
import type { ChatMessage, MemberView } from '../../shared/circle/views';
import type { ClientEventName, ClientToServerEvents } from '../../shared/protocol/client-events';
import type { Translator } from '../i18n/i18n';
import { onServerPushes } from '../net/server-pushes';
import type { SignalingClient } from '../net/signaling-client';
import type { StayStore } from '../stay/stay-store';
import type { StayChangeKind } from '../stay/stay';
import { byId } from '../ui/dom';
import type { StatusLine } from '../ui/status-line';
import { ChatPanel } from './chat-panel';
import { visibleChat } from './chat-lines';
import { confirmAsync } from './confirm-dialog';
import { HelpNowDialog } from './help-dialog';
import { renderHostConsole } from './host-console';
import { renderInbox } from './inbox';
import { actionsFor, type MemberAction } from './member-actions';
import { memberMenu } from './member-menu';
import { PiecePanel } from './piece-panel';
import { askText } from './text-dialog';

/** Changes that redraw the piece, the hosts' tools, the pause and the inbox. */
const DRAWN: ReadonlySet<StayChangeKind> = new Set([
  'entered',
  'circle',
  'blocked',
  'barred',
  'inbox',
]);
/** Changes that redraw the chat. */
const CHAT: ReadonlySet<StayChangeKind> = new Set(['entered', 'chat', 'chatCleared', 'blocked']);

/**
 * Everything a facilitated circle adds to the panel: the talking piece, the hosts' tools, the
 * people-row menus, chat, reports and help, the pause and one's own forced mute.
 */
export class FacilitationController {
  private readonly piece: PiecePanel;
  private readonly chat: ChatPanel;
  private readonly help: HelpNowDialog;
  private openMenu: string | undefined;
  private readonly disposers: (() => void)[] = [];

  constructor(
    private readonly i18n: Translator,
    private readonly client: SignalingClient,
    private readonly status: StatusLine,
    private readonly store: StayStore,
  ) {
    this.piece = new PiecePanel(byId('piece-panel'), i18n, {
      pass: () => {
        this.passPiece();
      },
      give: (memberId) => void this.ask('piece:give', { memberId }),
      accept: () => {
        this.answerOffer(true);
      },
      decline: () => {
        this.answerOffer(false);
      },
    });
    this.chat = new ChatPanel(i18n, async (text) => {
      const result = await this.client.request('chat:send', { text });
      return result.ok ? { ok: true } : { ok: false, code: result.error.code };
    });
    this.help = new HelpNowDialog(i18n, {
      inCircle: () => this.store.inCircle !== undefined,
      alert: () => this.alertFacilitators(),
    });
    const dismiss = (): void => {
      byId('rules-notice').hidden = true;
    };
    byId('rules-dismiss').addEventListener('click', dismiss);
    this.disposers.push(() => {
      byId('rules-dismiss').removeEventListener('click', dismiss);
    });
    this.disposers.push(
      store.subscribe((stay, change) => {
        if (change.kind === 'lobby') this.leave();
        if (stay.phase !== 'circle') return;
        if (change.kind === 'entered') {
          this.chat.resetError();
          // Someone let in from the waiting room sees the ground rules once.
          if (change.fromWaitingRoom) this.showRules(stay.circle.rules);
        }
        if (CHAT.has(change.kind)) this.chat.show(visibleChat(stay.chat, stay.blocked));
        if (DRAWN.has(change.kind)) this.render();
      }),
      onServerPushes(client.socket, {
        'piece:timeUp': ({ holder }) => {
          const stay = this.store.inCircle;
          if (stay) this.piece.timeUp(holder, stay.selfId);
        },
      }),
    );
  }

  /** True while this member holds the talking piece. */
  holdingPiece(): boolean {
    const stay = this.store.inCircle;
    return stay !== undefined && stay.circle.piece.holder === stay.selfId;
  }

  /** A host's word to everyone at once, written in the text dialog. */
  private async announce(): Promise<void> {
    const answer = await askText(this.i18n, 'announce', '');
    if (answer) await this.ask('announce:send', { text: answer.text });
  }

  /** Whether the talking piece is offered to this member, waiting for their answer. */
  pieceOffered(): boolean {
    const stay = this.store.inCircle;
    return stay !== undefined && stay.circle.piece.offeredTo === stay.selfId;
  }

  /** Takes the piece offered to this member, or lets it go by. */
  answerOffer(accept: boolean): void {
    void this.ask(accept ? 'piece:accept' : 'piece:decline', {});
  }

  /** Passes the piece on when holding it; otherwise says so. */
  passPiece(): void {
    if (!this.holdingPiece()) {
      this.status.announce(this.i18n.t('piece.notHolding'));
      return;
    }
    void this.ask('piece:pass', {});
  }

  /** Tells the facilitators privately that this member needs help; how many it reached. */
  async alertFacilitators(): Promise<number | undefined> {
    const result = await this.client.request('help:alert', {});
    return result.ok ? result.data.delivered : undefined;
  }

  /** Reports a member to the facilitators for one reason (the headset menu); true once sent. */
  async reportMember(memberId: string, reason: ReportReason): Promise<boolean> {
    const sent = await this.ask('report:send', { memberId, reasons: [reason] });
    if (sent) this.status.announce(this.i18n.t('report.sent'));
    return sent;
  }

  /** Blocks a member without asking again (the headset menu asks with a second press). */
  async blockMember(memberId: string): Promise<boolean> {
    const member = this.store.inCircle?.circle.members.find((m) => m.id === memberId);
    return member ? this.block(member) : false;
  }

  /** The latest chat this member may see. */
  recentChat(count: number): ChatMessage[] {
    const stay = this.store.inCircle;
    return stay ? visibleChat(stay.chat, stay.blocked).slice(-count) : [];
  }

  private showRules(rules: readonly string[]): void {
    if (rules.length === 0) return;
    byId('rules-notice-list').replaceChildren(
      ...rules.map((rule) => {
        const item = document.createElement('li');
        item.textContent = rule;
        item.dir = 'auto';
        return item;
      }),
    );
    byId('rules-notice').hidden = false;
  }

  private leave(): void {
    this.chat.show([]);
    byId('inbox-list').replaceChildren();
    this.openMenu = undefined;
    byId('rules-notice').hidden = true;
    byId('pause-overlay').hidden = true;
    byId('force-muted').hidden = true;
    byId<HTMLButtonElement>('mute-toggle').disabled = false;
  }

  /** Draws the piece, the hosts' tools, the pause and the inbox (also on a language change). */
  render(): void {
    const stay = this.store.inCircle;
    if (!stay) return;
    const { circle, selfId, barred, inbox } = stay;
    const self = circle.members.find((m) => m.id === selfId);
    const isHost = self !== undefined && isHostRole(self.role);
    this.piece.update(circle, selfId);
    byId('host-tools').hidden = !isHost;
    if (isHost) {
      renderHostConsole(byId('host-tools'), circle, selfId, barred, this.i18n, {
        lock: (locked) => void this.ask('circle:lock', { locked }),
        pause: (paused) => void this.ask('circle:pause', { paused }),
        startRound: (kind, fromMemberId) => void this.ask('round:start', { kind, fromMemberId }),
        endRound: () => void this.ask('round:end', {}),
        takePiece: () => void this.ask('piece:take', {}),
        clearChat: () => void this.ask('chat:clear', {}),
        announce: () => void this.announce(),
        lowerAllHands: () => void this.ask('hand:lowerAll', {}),
        liftBar: (barId) => void this.ask('bar:lift', { barId }),
      });
    }
    byId('pause-overlay').hidden = !circle.paused;
    const forced = self?.forceMuted === true;
    byId('force-muted').hidden = !forced;
    // The server refuses an unmute anyway; the button says so by being unavailable.
    byId<HTMLButtonElement>('mute-toggle').disabled = forced;
    renderInbox(byId('inbox'), byId('inbox-list'), inbox, (id) => this.nameOf(id), {
      alwaysShow: isHost,
      i18n: this.i18n,
    });
  }

  /** The "…" menu for one row of the people list. */
  rowMenu(member: MemberView): HTMLElement | null {
    const stay = this.store.inCircle;
    const self = stay?.circle.members.find((m) => m.id === stay.selfId);
    if (!stay || !self) return null;
    return memberMenu(
      member,
      actionsFor(self, member, stay.circle, stay.blocked.has(member.id)),
      this.i18n,
      (action, target) => void this.runAction(action, target),
      {
        open: this.openMenu === member.id,
        onToggle: (open) => {
          if (open) this.openMenu = member.id;
          else if (this.openMenu === member.id) this.openMenu = undefined;
        },
      },
    );
  }

  private async runAction(action: MemberAction, member: MemberView): Promise<void> {
    const memberId = member.id;
    switch (action) {
      case 'mute':
      case 'allowSpeak':
        await this.ask('member:mute', { memberId, muted: action === 'mute' });
        return;
      case 'givePiece':
        await this.ask('piece:give', { memberId });
        return;
      case 'lowerHand':
        await this.ask('hand:lower', { memberId });
        return;
      case 'makeCohost':
      case 'makeParticipant': {
        const role = action === 'makeCohost' ? 'cofacilitator' : 'participant';
        await this.ask('role:set', { memberId, role });
        return;
      }
      case 'remove':
        // Two actions, no confirmation: in a hard moment a facilitator must be quick, and the
        // bar it leaves can be lifted from the console.
        if (await this.ask('member:remove', { memberId })) {
          this.status.announce(this.i18n.t('member.removed', { name: member.name }));
        }
        return;
      case 'block':
        if (await this.confirmBlock(member)) await this.block(member);
        return;
      case 'unblock':
        await this.unblock(member);
        return;
      case 'message': {
        const answer = await askText(this.i18n, 'message', member.name);
        if (answer && (await this.ask('message:private', { to: memberId, text: answer.text }))) {
          this.status.announce(this.i18n.t('private.sent', { name: member.name }));
        }
        return;
      }
      case 'report': {
        const answer = await askText(this.i18n, 'report', member.name);
        if (!answer) return;
        const text = answer.text ? { text: answer.text } : {};
        if (await this.ask('report:send', { memberId, reasons: answer.reasons, ...text })) {
          this.status.announce(this.i18n.t('report.sent'));
        }
        return;
      }
    }
  }

  private confirmBlock(member: MemberView): Promise<boolean> {
    return confirmAsync(
      this.i18n.t('member.blockConfirm', { name: member.name }),
      this.i18n.t('member.block'),
      this.i18n.t('common.cancel'),
    );
  }

  private async unblock(member: MemberView): Promise<void> {
    const result = await this.client.request('member:unblock', { memberId: member.id });
    if (!result.ok) {
      this.status.announce(this.i18n.error(result.error.code));
      return;
    }
    this.store.blockedChanged(result.data.blocked);
    this.status.announce(this.i18n.t('member.unblocked', { name: member.name }));
  }

  private async block(member: MemberView): Promise<boolean> {
    const result = await this.client.request('member:block', { memberId: member.id });
    if (!result.ok) {
      this.status.announce(this.i18n.error(result.error.code));
      return false;
    }
    this.store.blockedChanged(result.data.blocked);
    this.status.announce(this.i18n.t('member.blocked', { name: member.name }));
    return true;
  }

  /** Sends a request; on refusal says why on the status line. True when it went through. */
  private async ask<E extends ClientEventName>(
    event: E,
    input: Parameters<ClientToServerEvents[E]>[0],
  ): Promise<boolean> {
    const result = await this.client.request(event, input);
    if (!result.ok) this.status.announce(this.i18n.error(result.error.code));
    return result.ok;
  }

  private nameOf(memberId: string): string | undefined {
    return this.store.inCircle?.circle.members.find((m) => m.id === memberId)?.name;
  }

  dispose(): void {
    this.piece.dispose();
    this.chat.dispose();
    this.help.dispose();
    for (const dispose of this.disposers.splice(0)) dispose();
  }
}
