import { loadHelpResources } from '../facilitation/help-resources';
import { BalanceClock } from '../balance/balance-clock';
import { BalanceNote } from '../balance/balance-note';
import type { MessageKind } from '../facilitation/message-screen';
import type { Translator } from '../i18n/i18n';
import type { SignalingClient } from '../net/signaling-client';
import type { OfflineSteps } from '../steps/next-step';
import { StepsScreen } from '../steps/steps-screen';
import { StepsStore } from '../steps/steps-store';
import type { StayStore } from '../stay/stay-store';
import { browserStorage, tabStorage } from '../ui/browser-storage';
import { byId, listen } from '../ui/dom';
import { recordSteps } from './steps-recording';
import type { VoiceController } from './voice-controller';

/** Endings after which the person was there to the end of the gathering. */
const STAYED_TO_END: ReadonlySet<MessageKind> = new Set([
  'ended_by_facilitator',
  'facilitator_timeout',
]);

/**
 * "Your steps" and the balance note, kept only in this browser: the record of one's own steps,
 * what adds to it, the garden that shows it, and the daily note that suggests a break.
 */
export class SmallSteps {
  private readonly steps: StepsStore;
  private readonly clock: BalanceClock;
  private readonly note: BalanceNote;
  private readonly screen: StepsScreen;
  private readonly disposers: (() => void)[];

  constructor(
    private readonly i18n: Translator,
    private readonly client: SignalingClient,
    store: StayStore,
    voice: VoiceController,
  ) {
    const local = browserStorage();
    this.steps = new StepsStore(local);
    this.clock = new BalanceClock(local);
    this.note = new BalanceNote(i18n, this.clock);
    this.screen = new StepsScreen(i18n, this.steps, () => this.offlineSteps(), this.clock);
    this.disposers = [
      recordSteps({
        store,
        steps: this.steps,
        onSpeaking: (listener) => voice.speakingChanged.on(listener),
        session: tabStorage(),
      }),
      listen(byId('go-steps'), 'click', () => {
        this.screen.show();
      }),
    ];
  }

  /** Starts counting today's time; the operator's default for the note comes from the server. */
  start(): void {
    this.note.start();
    void this.client.request('server:features', {}).then((features) => {
      if (features.ok) this.clock.setOperatorMinutes(features.data.balanceMinutes);
    });
  }

  /** A stay ended: staying until the gathering closed is a step of its own. */
  closed(kind: MessageKind, inCircle: boolean): void {
    if (inCircle && STAYED_TO_END.has(kind)) this.steps.recordFirst('stayedToEnd');
  }

  dispose(): void {
    for (const dispose of this.disposers.splice(0)) dispose();
    this.note.dispose();
    this.screen.dispose();
    this.clock.dispose();
    this.steps.dispose();
  }

  /** The operator's places and small steps, in the page's language, for the suggestion. */
  private async offlineSteps(): Promise<OfflineSteps> {
    const resources = await loadHelpResources();
    const locale = this.i18n.locale;
    return {
      places: resources?.places?.[locale] ?? [],
      smallSteps: resources?.smallSteps?.[locale] ?? [],
    };
  }
}
