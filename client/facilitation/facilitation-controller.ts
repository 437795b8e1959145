import { isHostRole, type ReportReason } from '../../shared/circle/facilitation';
import type {
  BarredView,
  ChatMessage,
  CircleView,
  EnteredCircle,
  MemberView,
} from '../../shared/circle/views';
import type { ClientEventName, ClientToServerEvents } from '../../shared/protocol/client-events';
import type { Translator } from '../i18n/i18n';
import type { SignalingClient } from '../net/signaling-client';
import { byId } from '../ui/dom';
import type { StatusLine } from '../ui/status-line';
import { ChatPanel } from './chat-panel';
import { confirmAsync } from './confirm-dialog';
import { HelpNowDialog } from './help-dialog';
import { renderHostConsole } from './host-console';
import { Inbox } from './inbox';
import { actionsFor, type MemberAction } from './member-actions';
import { memberMenu } from './member-menu';
import { PiecePanel } from './piece-panel';
import { askText } from './text-dialog';

/** What the controller needs to know about the circle the page is in. */
export interface CircleContext {
  selfId: string;
  circle: CircleView;
  blocked: Set<string>;
}

export interface FacilitationHost {
  /** The circle the page is in, or undefined outside one. */
  current(): CircleContext | undefined;
  /** Something changed that the people list and the scene must show (a block). */
  rerender(): void;
}

/**
 * Everything a facilitated circle adds to the panel: the talking piece, the hosts' tools, the
 * people-row menus, chat, reports and help, the pause and one's own forced mute.
 */
export class FacilitationController {
  private readonly piece: PiecePanel;
  private readonly chat: ChatPanel;
  private readonly help: HelpNowDialog;
  private readonly inbox: Inbox;
  private barred: BarredView[] = [];
  private openMenu: string | undefined;
  private rulesPending = false;
  private readonly disposers: (() => void)[] = [];

  constructor(
    private readonly i18n: Translator,
    private readonly client: SignalingClient,
    private readonly status: StatusLine,
    private readonly host: FacilitationHost,
  ) {
    this.inbox = new Inbox(byId('inbox'), byId('inbox-list'), i18n);
    this.piece = new PiecePanel(byId('piece-panel'), i18n, {
      pass: () => {
        this.passPiece();
      },
      give: (memberId) => void this.ask('piece:give', { memberId }),
    });
    this.chat = new ChatPanel(i18n, async (text) => {
      const result = await this.client.request('chat:send', { text });
      return result.ok ? { ok: true } : { ok: false, code: result.error.code };
    });
    this.help = new HelpNowDialog(i18n, {
      inCircle: () => this.host.current() !== undefined,
      alert: () => this.alertFacilitators(),
    });
    const dismiss = (): void => {
      byId('rules-notice').hidden = true;
    };
    byId('rules-dismiss').addEventListener('click', dismiss);
    this.disposers.push(() => {
      byId('rules-dismiss').removeEventListener('click', dismiss);
    });
    this.wireServerEvents();
  }

  /** True while this member holds the talking piece. */
  holdingPiece(): boolean {
    const context = this.host.current();
    return context !== undefined && context.circle.piece.holder === context.selfId;
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
    const member = this.host.current()?.circle.members.find((m) => m.id === memberId);
    return member ? this.block(member) : false;
  }

  /** The latest chat this member may see. */
  recentChat(count: number): ChatMessage[] {
    return this.chat.recent(count);
  }

  /** The next circle entered came through the waiting room: show its ground rules once. */
  expectRules(): void {
    this.rulesPending = true;
  }

  enter(entered: EnteredCircle): void {
    this.chat.reset(entered.chat, new Set(entered.self.blocked));
    this.barred = entered.moderation?.barred ?? this.barred;
    if (this.rulesPending && entered.circle.rules.length > 0) {
      this.rulesPending = false;
      const list = byId('rules-notice-list');
      list.replaceChildren(
        ...entered.circle.rules.map((rule) => {
          const item = document.createElement('li');
          item.textContent = rule;
          item.dir = 'auto';
          return item;
        }),
      );
      byId('rules-notice').hidden = false;
    }
  }

  leave(): void {
    this.chat.reset([], new Set());
    this.inbox.clear();
    this.barred = [];
    this.openMenu = undefined;
    byId('rules-notice').hidden = true;
    byId('pause-overlay').hidden = true;
    byId('force-muted').hidden = true;
    byId<HTMLButtonElement>('mute-toggle').disabled = false;
  }

  /** Called with every render of the circle panel. */
  render(): void {
    const context = this.host.current();
    if (!context) return;
    const { circle, selfId, blocked } = context;
    const self = circle.members.find((m) => m.id === selfId);
    const isHost = self !== undefined && isHostRole(self.role);
    this.piece.update(circle, selfId);
    this.chat.setBlocked(blocked);
    byId('host-tools').hidden = !isHost;
    if (isHost) {
      renderHostConsole(byId('host-tools'), circle, selfId, this.barred, this.i18n, {
        lock: (locked) => void this.ask('circle:lock', { locked }),
        pause: (paused) => void this.ask('circle:pause', { paused }),
        startRound: (kind, fromMemberId) => void this.ask('round:start', { kind, fromMemberId }),
        endRound: () => void this.ask('round:end', {}),
        takePiece: () => void this.ask('piece:take', {}),
        clearChat: () => void this.ask('chat:clear', {}),
        liftBar: (barId) => void this.ask('bar:lift', { barId }),
      });
    }
    byId('pause-overlay').hidden = !circle.paused;
    const forced = self?.forceMuted === true;
    byId('force-muted').hidden = !forced;
    // The server refuses an unmute anyway; the button says so by being unavailable.
    byId<HTMLButtonElement>('mute-toggle').disabled = forced;
    this.inbox.render((id) => this.nameOf(id), isHost);
  }

  /** The "…" menu for one row of the people list. */
  rowMenu(member: MemberView): HTMLElement | null {
    const context = this.host.current();
    const self = context?.circle.members.find((m) => m.id === context.selfId);
    if (!context || !self) return null;
    return memberMenu(
      member,
      actionsFor(self, member, context.circle, context.blocked.has(member.id)),
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
    const context = this.host.current();
    if (context) {
      context.blocked.clear();
      for (const id of result.data.blocked) context.blocked.add(id);
    }
    this.status.announce(this.i18n.t('member.unblocked', { name: member.name }));
    this.host.rerender();
  }

  private async block(member: MemberView): Promise<boolean> {
    const result = await this.client.request('member:block', { memberId: member.id });
    if (!result.ok) {
      this.status.announce(this.i18n.error(result.error.code));
      return false;
    }
    const context = this.host.current();
    if (context) for (const id of result.data.blocked) context.blocked.add(id);
    this.status.announce(this.i18n.t('member.blocked', { name: member.name }));
    this.host.rerender();
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
    return this.host.current()?.circle.members.find((m) => m.id === memberId)?.name;
  }

  private wireServerEvents(): void {
    const socket = this.client.socket;
    socket.on('piece:timeUp', ({ holder }) => {
      const context = this.host.current();
      if (!context) return;
      this.piece.timeUp(holder, context.selfId);
    });
    socket.on('chat:message', (line) => {
      const context = this.host.current();
      if (!context || context.blocked.has(line.from)) return;
      this.chat.add(line);
      if (line.from !== context.selfId) {
        this.status.announce(this.i18n.t('chat.said', { name: line.name, text: line.text }));
      }
    });
    socket.on('chat:cleared', () => {
      this.chat.clear();
      this.status.announce(this.i18n.t('chat.cleared'));
    });
    socket.on('moderation:state', ({ barred }) => {
      this.barred = barred;
      this.render();
    });
    socket.on('report:received', (report) => {
      this.inbox.add({ kind: 'report', report });
      this.status.announce(this.i18n.t('inbox.newReport'));
      this.render();
    });
    socket.on('help:alerted', ({ memberId, at }) => {
      this.inbox.add({ kind: 'help', memberId, at });
      this.status.announce(this.i18n.t('inbox.help', { name: this.nameOf(memberId) ?? '' }));
      this.render();
    });
    socket.on('message:private', (message) => {
      this.inbox.add({ kind: 'message', message });
      this.status.announce(this.i18n.t('inbox.message', { name: this.nameOf(message.from) ?? '' }));
      this.render();
    });
  }

  dispose(): void {
    this.piece.dispose();
    this.chat.dispose();
    this.help.dispose();
    for (const dispose of this.disposers.splice(0)) dispose();
  }
}
