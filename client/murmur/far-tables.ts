import type { VoiceController } from '../app/voice-controller';
import { onServerPushes } from '../net/server-pushes';
import type { SignalingClient } from '../net/signaling-client';
import { seatingFor } from '../scene/seating';
import type { StayStore } from '../stay/stay-store';
import type { SpatialAudio } from '../voice/spatial-audio';
import { FarSpeakers } from './far-speakers';
import { SpeakingReporter } from './speaking-reporter';
import { TableMurmur } from './table-murmur';

/**
 * A social event beyond this member's own table: their speaking state goes out to the far
 * tables, the far tables' states come in to show on avatars and to swell each table's murmur.
 * No audio crosses tables either way; only who is speaking, through the server.
 */
export class FarTables {
  private readonly reporter: SpeakingReporter;
  private readonly speakers: FarSpeakers;
  private murmur: { audio: SpatialAudio; sound: TableMurmur } | undefined;
  private ownTable: number | null = null;
  /** Whether this member is speaking now, as their own page hears it. */
  private selfSpeaking = false;
  private readonly disposers: (() => void)[];

  constructor(
    client: SignalingClient,
    private readonly store: StayStore,
    private readonly voice: VoiceController,
    showSpeaking: (memberId: string, speaking: boolean) => void,
  ) {
    this.reporter = new SpeakingReporter((speaking) => {
      // A report lost to a dropped connection is replaced by the next change.
      void client.request('voice:speaking', { speaking });
    });
    this.speakers = new FarSpeakers((memberId, speaking) => {
      showSpeaking(memberId, speaking);
      this.murmur?.sound.setSpeakers(this.speakers.countsByTable());
    });
    this.disposers = [
      store.subscribe(() => {
        this.follow();
      }),
      voice.started.on(() => {
        this.follow();
      }),
      voice.speakingChanged.on((memberId, speaking) => {
        const stay = this.socialStay();
        if (!stay || memberId !== stay.selfId) return;
        this.selfSpeaking = speaking;
        if (this.ownTable !== null) this.reporter.set(speaking);
      }),
      onServerPushes(client.socket, {
        'member:speaking': ({ memberId, speaking }) => {
          const stay = this.socialStay();
          if (!stay || stay.blocked.has(memberId)) return;
          this.speakers.receive(stay.circle, stay.selfId, memberId, speaking);
        },
      }),
    ];
  }

  /** Each far table's murmur loudness now, for diagnostics. */
  murmurLevels(): Record<number, number> {
    return this.murmur?.sound.levels() ?? {};
  }

  dispose(): void {
    for (const dispose of this.disposers.splice(0)) dispose();
    this.reporter.dispose();
    this.stopMurmur();
  }

  private socialStay() {
    const stay = this.store.inCircle;
    return stay?.circle.kind === 'social' ? stay : undefined;
  }

  private follow(): void {
    const stay = this.socialStay();
    if (!stay) {
      this.ownTable = null;
      this.reporter.reset();
      this.speakers.clear();
      this.stopMurmur();
      return;
    }
    const self = stay.circle.members.find((m) => m.id === stay.selfId);
    const table = self?.place?.table ?? null;
    if (table !== this.ownTable) {
      // Far tables forget a state once its speaker moves: say afresh what is true now.
      this.reporter.reset();
      this.ownTable = table;
      if (table !== null && this.selfSpeaking) this.reporter.set(true);
    }
    this.speakers.follow(stay.circle, stay.selfId);
    const audio = this.voice.spatialAudio;
    if (audio !== this.murmur?.audio) {
      this.stopMurmur();
      if (audio)
        this.murmur = { audio, sound: new TableMurmur(audio.context, audio.ambienceOutput) };
    }
    if (this.murmur) {
      // At no table, every table murmurs; at one, only the others do.
      this.murmur.sound.setTables(seatingFor(stay.circle), table);
      this.murmur.sound.setSpeakers(this.speakers.countsByTable());
    }
  }

  private stopMurmur(): void {
    this.murmur?.sound.dispose();
    this.murmur = undefined;
  }
}
