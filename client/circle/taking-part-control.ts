import { isTakingPart, takingPartPolicy, type TakingPart } from '../../shared/circle/taking-part';
import type { VoiceController } from '../app/voice-controller';
import type { Translator } from '../i18n/i18n';
import type { SignalingClient } from '../net/signaling-client';
import type { StayStore } from '../stay/stay-store';
import type { StatusLine } from '../ui/status-line';
import { byId, listen } from '../ui/dom';

/**
 * How this member takes part, changed inside the circle from the page or the wrist menu. The
 * server's view of the seat is the truth: the control follows it, and what the choice means
 * here (the microphone open or let go, motion shared or still) follows the same view.
 */
export class TakingPartControl {
  private readonly select = byId<HTMLSelectElement>('taking-part-select');
  /** Whether the current choice opens the microphone; unknown until seated. */
  private micWanted: boolean | undefined;
  private readonly disposers: (() => void)[];

  constructor(
    private readonly i18n: Translator,
    private readonly client: SignalingClient,
    private readonly store: StayStore,
    private readonly voice: VoiceController,
    private readonly status: StatusLine,
  ) {
    this.disposers = [
      listen(this.select, 'change', () => {
        const value = this.select.value;
        if (isTakingPart(value)) void this.choose(value);
      }),
      store.subscribe(() => {
        this.follow();
      }),
    ];
  }

  /** The choice as the server holds it, or undefined outside a circle. */
  current(): TakingPart | undefined {
    const stay = this.store.inCircle;
    return stay?.circle.members.find((m) => m.id === stay.selfId)?.takingPart;
  }

  async choose(choice: TakingPart): Promise<boolean> {
    if (choice === this.current()) return true;
    const result = await this.client.request('member:takingPart', { takingPart: choice });
    if (!result.ok) {
      this.status.announce(this.i18n.error(result.error.code));
      this.follow();
      return false;
    }
    this.status.announce(
      this.i18n.t('takePart.changed', { choice: this.i18n.t(`takePart.${choice}`) }),
    );
    // Writing is this choice's way to take part: the chat is where it happens.
    if (takingPartPolicy(choice, 'participant').writes) byId('chat-input').focus();
    return true;
  }

  dispose(): void {
    for (const dispose of this.disposers.splice(0)) dispose();
  }

  private follow(): void {
    const stay = this.store.inCircle;
    const self = stay?.circle.members.find((m) => m.id === stay.selfId);
    if (!self) {
      this.micWanted = undefined;
      this.voice.poses.pause(false);
      return;
    }
    if (this.select.value !== self.takingPart) this.select.value = self.takingPart;
    const policy = takingPartPolicy(self.takingPart, self.role);
    this.voice.poses.pause(!policy.motion);
    // On entering, voice starts with or without the microphone already (see StayFlow).
    const before = this.micWanted;
    this.micWanted = policy.microphone;
    if (before === undefined || before === policy.microphone) return;
    void this.voice.useMicrophone(policy.microphone).then((ready) => {
      if (ready && policy.microphone) this.status.announce(this.i18n.t('takePart.micReady'));
    });
  }
}
