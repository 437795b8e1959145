import { isHostRole } from '../../shared/circle/facilitation';
import type { MemberView } from '../../shared/circle/views';
import type { Emitter } from '../events/emitter';
import type { Translator } from '../i18n/i18n';
import type { SignalingClient } from '../net/signaling-client';
import type { StayStore } from '../stay/stay-store';
import type { StayChangeKind } from '../stay/stay';
import { byId, listen } from '../ui/dom';
import type { StatusLine } from '../ui/status-line';
import { markSpeaking, renderPeople } from './people-list';
import { renderWaiting } from './waiting-list';

/** What the people list shows of the voice layer, and the volume sliders change. */
export interface VoiceLevels {
  readonly speakingNow: ReadonlySet<string>;
  readonly volumeLevels: ReadonlyMap<string, number>;
  readonly speakingChanged: Emitter<[memberId: string, speaking: boolean]>;
  setVolume(memberId: string, volume: number): void;
}

/** Changes this panel draws whole; a change to the waiting room redraws only its list. */
const DRAWN: ReadonlySet<StayChangeKind> = new Set(['entered', 'circle', 'blocked']);

/**
 * The circle's side panel: title, code and invite link, who is there, who is knocking (for
 * hosts), and which of Leave or End is offered. It renders the stay; it decides nothing.
 */
export class CirclePanel {
  private readonly disposers: (() => void)[] = [];

  constructor(
    private readonly store: StayStore,
    private readonly i18n: Translator,
    private readonly client: SignalingClient,
    private readonly status: StatusLine,
    private readonly voice: VoiceLevels,
    private readonly rowMenu: (member: MemberView) => HTMLElement | null,
  ) {
    this.disposers.push(
      store.subscribe((_stay, change) => {
        if (DRAWN.has(change.kind)) this.render();
        else if (change.kind === 'waiting') this.renderWaiting();
      }),
      voice.speakingChanged.on((memberId, speaking) => {
        markSpeaking(byId('people-list'), memberId, speaking);
      }),
      listen(byId('copy-link'), 'click', () => {
        void this.copyInvite();
      }),
    );
  }

  render(): void {
    const stay = this.store.inCircle;
    if (!stay) return;
    const { circle, selfId, blocked } = stay;
    const self = circle.members.find((m) => m.id === selfId);
    const isFacilitator = self?.role === 'facilitator';
    const isHost = self !== undefined && isHostRole(self.role);
    byId('circle-title').textContent = circle.title;
    byId('circle-code').textContent = circle.code;
    byId<HTMLInputElement>('invite-link').value = inviteLink(circle.code);
    byId('voice-mode').textContent = this.i18n.t(
      circle.privateVoice ? 'voice.private' : 'voice.direct',
    );
    byId('facilitator-console').hidden = !isHost;
    byId('leave-circle').hidden = isFacilitator;
    byId('end-circle').hidden = !isFacilitator;
    renderPeople(
      byId('people-list'),
      circle.members,
      {
        selfId,
        speaking: this.voice.speakingNow,
        volumes: this.voice.volumeLevels,
        onVolume: (memberId, volume) => {
          this.voice.setVolume(memberId, volume);
        },
        holder: circle.piece.holder,
        rowMenu: this.rowMenu,
        blocked,
        showTakingPart: isHost,
      },
      this.i18n,
    );
    this.renderWaiting();
  }

  /** Who is knocking, for hosts: redrawn alone as people knock, are let in or go. */
  private renderWaiting(): void {
    const stay = this.store.inCircle;
    const self = stay?.circle.members.find((m) => m.id === stay.selfId);
    if (!stay || !self || !isHostRole(self.role)) return;
    renderWaiting(byId('waiting-list'), byId('waiting-empty'), stay.waiting, this.i18n, {
      admit: (id) => void this.decide('waiting:admit', id),
      decline: (id) => void this.decide('waiting:decline', id),
    });
  }

  dispose(): void {
    for (const dispose of this.disposers.splice(0)) dispose();
  }

  private async decide(
    event: 'waiting:admit' | 'waiting:decline',
    waitingId: string,
  ): Promise<void> {
    const result = await this.client.request(event, { waitingId });
    if (!result.ok) this.status.announce(this.i18n.error(result.error.code));
  }

  private async copyInvite(): Promise<void> {
    const stay = this.store.inCircle;
    if (!stay) return;
    try {
      await navigator.clipboard.writeText(inviteLink(stay.circle.code));
      this.status.announce(this.i18n.t('circle.copied'));
    } catch {
      // No clipboard permission: select the link so it can be copied by hand.
      byId<HTMLInputElement>('invite-link').select();
    }
  }
}

function inviteLink(code: string): string {
  return `${location.origin}/?code=${encodeURIComponent(code)}`;
}
