import { seatingFor } from '../scene/seating';
import { voicePartners } from '../voice/voice-partners';
import type { VoiceConfig } from '../../shared/protocol/answers';
import type { SignalPayload } from '../../shared/protocol/schemas';
import { silencedMembers } from '../circle/audibility';
import type { CommandBus } from '../commands/command-bus';
import { Emitter } from '../events/emitter';
import type { Translator } from '../i18n/i18n';
import type { MicChoice } from '../lobby/mic-check';
import type { SignalingClient } from '../net/signaling-client';
import type { StayStore } from '../stay/stay-store';
import type { InCircle, StayChangeKind } from '../stay/stay';
import type { StatusLine } from '../ui/status-line';
import { needsEchoLoopback } from '../voice/echo-loopback';
import { openMicrophone, stopStream } from '../voice/microphone';
import type { PeerLinkFactory } from '../voice/peer-link';
import { PoseChannel } from '../voice/pose-channel';
import { LINK_BUNDLE_POLICY, rtcConfiguration } from '../voice/rtc-config';
import { browserIdle, SpareConnections } from '../voice/spare-connections';
import { SpatialAudio, type ListenerPose } from '../voice/spatial-audio';
import { VoiceSession } from '../voice/voice-session';
import { markStep } from '../events/timeline';

/** Changes that alter whom to connect to or play. */
const FOLLOWED: ReadonlySet<StayChangeKind> = new Set(['entered', 'circle', 'blocked']);

/** What voice needs of the browser; tests hand in fakes. */
export interface VoiceEnvironment {
  createAudio(): SpatialAudio;
  loadLinkFactory(): Promise<PeerLinkFactory>;
  /** Connections made ahead of need; without it, every link makes its own. */
  createSpares?(): SpareConnections;
}

/**
 * Spares kept while waiting: a newcomer opens a link to everyone at once, and most circles
 * have a few people in them.
 */
const SPARES_WHILE_WAITING = 3;
/** Inside, one spare answers the next newcomer. */
const SPARES_INSIDE = 1;

export const browserVoice: VoiceEnvironment = {
  createAudio: () => new SpatialAudio(needsEchoLoopback(navigator.userAgent)),
  // The WebRTC library and its Node polyfills load only when someone actually enters a circle.
  loadLinkFactory: async () =>
    (await import(/* webpackChunkName: "voice" */ '../voice/simple-peer-link'))
      .createSimplePeerLink,
  createSpares: () =>
    new SpareConnections({
      make: (config) => new RTCPeerConnection(config),
      whenIdle: browserIdle,
      base: { bundlePolicy: LINK_BUNDLE_POLICY },
    }),
};

/**
 * Voice while in a circle: gets ready while the person waits to be let in, starts the session
 * with the microphone chosen in the lobby and the ICE servers that came with the seat, follows
 * the stay (whom to connect to and whom not to play), and runs the mute switch and push-to-talk.
 * It draws nothing: views subscribe to its events.
 */
export class VoiceController {
  private session: VoiceSession | undefined;
  private audio: SpatialAudio | undefined;
  private spares: SpareConnections | undefined;
  private linkFactory: Promise<PeerLinkFactory> | undefined;
  /** The loaded factory, so starting after it has loaded need not wait a turn for it. */
  private loadedFactory: PeerLinkFactory | undefined;
  private mic: MicChoice | undefined;
  private muted = false;
  private pushToTalk = false;
  private talking = false;
  private readonly volumes = new Map<string, number>();
  private readonly speaking = new Set<string>();
  private pendingSignals: { from: string; signal: SignalPayload }[] = [];
  private starting: Promise<void> | undefined;
  private readonly cleanups: (() => void)[] = [];
  private readonly sessionCleanups: (() => void)[] = [];
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private lastListener: ListenerPose | undefined;
  private forceMuted = false;
  private online = true;
  /** Poses between the 3D view and the data channel. */
  readonly poses = new PoseChannel();
  /** Someone started or stopped speaking (this member included). */
  readonly speakingChanged = new Emitter<[memberId: string, speaking: boolean]>();
  /** Voice started, with or without a microphone. */
  readonly started = new Emitter<[hasMicrophone: boolean]>();
  /** The browser holds sound back until the person interacts (true), or lets it play. */
  readonly soundHeld = new Emitter<[held: boolean]>();

  constructor(
    private readonly i18n: Translator,
    private readonly client: SignalingClient,
    private readonly status: StatusLine,
    private readonly commands: CommandBus,
    private readonly store: StayStore,
    private readonly environment: VoiceEnvironment = browserVoice,
  ) {
    this.wireControls();
    this.cleanups.push(
      store.subscribe((stay, change) => {
        if (stay.phase !== 'circle') {
          if (change.kind === 'lobby') this.stop();
          return;
        }
        if (FOLLOWED.has(change.kind)) this.follow(stay);
        // Seated again on a new connection: links may form again.
        if (change.kind === 'entered') this.setOnline(true);
      }),
    );
    const socket = client.socket;
    const onSignal = ({ from, signal }: { from: string; signal: SignalPayload }) => {
      this.handleSignal(from, signal);
    };
    const onDisconnect = () => {
      this.setOnline(false);
    };
    socket.on('signal:relay', onSignal);
    socket.on('disconnect', onDisconnect);
    this.cleanups.push(() => {
      socket.off('signal:relay', onSignal);
      socket.off('disconnect', onDisconnect);
    });
  }

  get speakingNow(): ReadonlySet<string> {
    return this.speaking;
  }

  get volumeLevels(): ReadonlyMap<string, number> {
    return this.volumes;
  }

  /** The page's audio while voice is ready, for sounds placed beside the voices. */
  get spatialAudio(): SpatialAudio | undefined {
    return this.audio;
  }

  /**
   * Everything voice needs that does not wait for a seat: the WebRTC library, and the audio
   * context with its output graph. Called on knocking (still inside the click's user activation,
   * so the context starts running), so being let in costs only the connections themselves.
   */
  prepare(): void {
    this.readied();
  }

  /** The parts `prepare` readies, made now if they are not yet. */
  private readied(): { audio: SpatialAudio; factory: Promise<PeerLinkFactory> } {
    const audio = (this.audio ??= this.environment.createAudio());
    if (!this.spares) {
      this.spares = this.environment.createSpares?.();
      this.spares?.keep(SPARES_WHILE_WAITING);
    }
    let factory = this.linkFactory;
    if (!factory) {
      const loading = this.environment.loadLinkFactory();
      factory = this.linkFactory = loading;
      // Nobody may wait on it yet: starting does, tries again after a failure, and reports it.
      loading.then(
        (loaded) => {
          this.loadedFactory = loaded;
          markStep('voice-prepared');
        },
        () => {
          if (this.linkFactory === loading) this.linkFactory = undefined;
        },
      );
    }
    return { audio, factory };
  }

  /**
   * Starts voice once per stay in a circle. `config` is what came with the seat; without it the
   * server is asked. With the config given and the library loaded while waiting, the links are
   * opened before this returns.
   */
  start(mic: MicChoice, config?: VoiceConfig): Promise<void> {
    this.starting ??= this.startAsync(mic, config);
    return this.starting;
  }

  /**
   * Opens or lets go of the microphone in the circle, when the way this member takes part
   * changes. Voice starts again around it: the links are made anew, which takes about as long
   * as being let in, and no microphone stays open that is meant to be off. A newly opened one
   * starts muted. False when the microphone could not be opened (the reason is announced).
   */
  async useMicrophone(wanted: boolean): Promise<boolean> {
    await this.starting;
    if (!this.store.inCircle || !this.session) return false;
    if (this.session.hasMicrophone === wanted) return true;
    let mic: MicChoice = { stream: undefined, startMuted: true, problem: undefined };
    if (wanted) {
      const opened = await openMicrophone();
      if (!opened.ok) {
        this.status.announce(this.i18n.t(`mic.${opened.problem}`));
        return false;
      }
      mic = { stream: opened.stream, startMuted: true, problem: undefined };
    }
    // The microphone prompt may have taken a while: the person may have left meanwhile.
    if (!this.seated()) {
      stopStream(mic.stream);
      return false;
    }
    this.endSession();
    this.starting = this.startAsync(mic, undefined);
    await this.starting;
    return this.microphoneOpen() === wanted;
  }

  private seated(): boolean {
    return this.store.inCircle !== undefined;
  }

  private microphoneOpen(): boolean {
    return this.session?.hasMicrophone ?? false;
  }

  /** Resolves when voice has connected to everyone present (or `timeoutMs` passed). */
  async settled(timeoutMs: number): Promise<void> {
    await this.starting;
    await this.session?.settled(timeoutMs);
  }

  setVolume(memberId: string, volume: number): void {
    this.volumes.set(memberId, volume);
    this.session?.setVolume(memberId, volume);
  }

  setListener(pose: ListenerPose): void {
    this.lastListener = pose;
    this.session?.setListener(pose);
  }

  /** Lets sound play that the browser started suspended (after a person's gesture). */
  resumeSound(): void {
    this.audio?.resume();
  }

  /** In the circle without a microphone: there is nothing to mute. */
  get listenOnly(): boolean {
    return this.session !== undefined && !this.session.hasMicrophone;
  }

  /** Where the ears were last placed (diagnostics: proves the listener follows the head). */
  get listener(): ListenerPose | undefined {
    return this.lastListener;
  }

  /** What tests and support staff may read: connection states, packet counts, output levels. */
  diagnostics(): VoiceSession | undefined {
    return this.session;
  }

  dispose(): void {
    this.stop();
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.poses.dispose();
    this.speakingChanged.clear();
    this.started.clear();
    this.soundHeld.clear();
  }

  /**
   * False from the moment the connection drops until the seat is taken back on a new one:
   * signals sent then would be refused, and links that were forming start over on return.
   */
  private setOnline(online: boolean): void {
    this.online = online;
    this.session?.setOnline(online);
  }

  private handleSignal(from: string, signal: SignalPayload): void {
    if (this.session) this.session.handleSignal(from, signal);
    // Offers can come before the microphone prompt is answered; they wait for the session.
    else if (this.store.inCircle) this.pendingSignals.push({ from, signal });
  }

  /** Still in the circle this start was for (a leave stops and clears the microphone). */
  private stillStarting(mic: MicChoice): boolean {
    return this.store.inCircle !== undefined && this.mic === mic;
  }

  private followStay(): void {
    const stay = this.store.inCircle;
    if (stay) this.follow(stay);
  }

  /** Whom to connect to, and whom not to play (see `silencedMembers`). */
  private follow(stay: InCircle): void {
    const { circle, blocked, selfId } = stay;
    // No connection at all to someone this member blocked, nor past their own table.
    this.session?.setMembers(voicePartners(circle, selfId, blocked), seatingFor(circle));
    this.session?.setSilenced(silencedMembers(circle, selfId, blocked));
    // A facilitator's mute turns this microphone off here too, not only at the receivers.
    const forced = circle.members.find((m) => m.id === selfId)?.forceMuted === true;
    if (forced !== this.forceMuted) {
      this.forceMuted = forced;
      this.session?.setMuted(this.effectiveMuted());
    }
  }

  /** Closes the session's links and its microphone; the audio output and library stay. */
  private endSession(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
    for (const cleanup of this.sessionCleanups.splice(0)) cleanup();
    this.poses.carry(undefined);
    this.session?.dispose();
    this.session = undefined;
    stopStream(this.mic?.stream);
    this.mic = undefined;
    for (const memberId of this.speaking) this.speakingChanged.emit(memberId, false);
    this.speaking.clear();
  }

  private stop(): void {
    this.endSession();
    this.audio?.dispose();
    this.audio = undefined;
    this.spares?.dispose();
    this.spares = undefined;
    this.starting = undefined;
    this.pendingSignals = [];
    this.talking = false;
    this.forceMuted = false;
    this.online = true;
  }

  private async startAsync(mic: MicChoice, given: VoiceConfig | undefined): Promise<void> {
    const stay = this.store.inCircle;
    if (!stay) {
      stopStream(mic.stream);
      this.starting = undefined;
      return;
    }
    this.mic = mic;
    const ready = this.readied();
    const config = given ?? (await this.askConfig());
    if (!config) {
      this.starting = undefined;
      return;
    }
    const factory = this.loadedFactory ?? (await ready.factory);
    if (!this.stillStarting(mic)) return; // left while the library loaded
    const audio = ready.audio;
    const session = new VoiceSession({
      selfId: stay.selfId,
      audio,
      microphone: mic.stream,
      rtcConfig: rtcConfiguration(config),
      factory,
      ...(this.spares ? { spares: this.spares } : {}),
      send: (to, signal) => {
        void this.client.request('signal:relay', { to, signal });
      },
      onSpeaking: (memberId, speaking) => {
        if (speaking) this.speaking.add(memberId);
        else this.speaking.delete(memberId);
        this.speakingChanged.emit(memberId, speaking);
      },
      onData: (memberId, bytes) => {
        this.poses.received.emit(memberId, bytes);
      },
      onPeerClosed: (memberId) => {
        this.poses.ended.emit(memberId);
      },
    });
    this.session = session;
    session.setOnline(this.online);
    this.poses.carry((bytes) => session.broadcast(bytes));
    // The 3D view may have placed the ears before voice started.
    if (this.lastListener) session.setListener(this.lastListener);
    this.scheduleConfigRefresh(config.ttlS);
    for (const [memberId, volume] of this.volumes) session.setVolume(memberId, volume);
    this.started.emit(mic.stream !== undefined);
    // Someone who muted and then reloaded stays muted: the server remembers their switch.
    const self = stay.circle.members.find((m) => m.id === stay.selfId);
    const enteredMuted = mic.startMuted || self?.muted === true;
    this.applyMute(enteredMuted || mic.stream === undefined, false);
    // Entering muted is the default: say so, and how to speak, once the circle can hear.
    if (enteredMuted && mic.stream) this.status.announce(this.i18n.t('voice.enteredMuted'));
    this.followStay();
    // The links just opened took what they needed; what is left waits for the next newcomer.
    this.spares?.keep(SPARES_INSIDE);
    for (const { from, signal } of this.pendingSignals.splice(0))
      session.handleSignal(from, signal);
    markStep('voice-started');
    this.watchSoundState(audio);
  }

  private async askConfig(): Promise<VoiceConfig | undefined> {
    const answer = await this.client.request('voice:config', {});
    if (answer.ok) return answer.data;
    this.status.announce(this.i18n.error(answer.error.code));
    return undefined;
  }

  /** Fetches fresh TURN credentials before the current ones expire, for connections made later. */
  private scheduleConfigRefresh(ttlS: number): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(
      () => {
        void this.client.request('voice:config', {}).then((config) => {
          if (!config.ok || !this.session) return;
          this.session.setRtcConfig(rtcConfiguration(config.data));
          this.scheduleConfigRefresh(config.data.ttlS);
        });
      },
      Math.max(30, ttlS * 0.8) * 1000,
    );
  }

  /** Audio may start suspended when entering without a click (a reload); one tap fixes it. */
  private watchSoundState(audio: SpatialAudio): void {
    const update = () => {
      this.soundHeld.emit(audio.context.state !== 'running');
    };
    audio.context.addEventListener('statechange', update);
    this.sessionCleanups.push(() => {
      audio.context.removeEventListener('statechange', update);
      this.soundHeld.emit(false);
    });
    update();
  }

  private applyMute(muted: boolean, announce: boolean): void {
    this.muted = muted;
    this.session?.setMuted(this.effectiveMuted());
    this.commands.set({ muted });
    void this.client.request('voice:mute', { muted: this.effectiveMuted() });
    if (announce) this.status.announce(this.i18n.t(muted ? 'status.muted' : 'status.unmuted'));
  }

  /** Stepped out, listen-only, muted, or push to talk not held: the microphone sends silence. */
  private effectiveMuted(): boolean {
    if (!this.mic?.stream || this.commands.state.away || this.forceMuted) return true;
    return this.pushToTalk ? !this.talking : this.muted;
  }

  private setTalking(talking: boolean): void {
    if (talking === this.talking) return;
    this.talking = talking;
    this.session?.setMuted(this.effectiveMuted());
    void this.client.request('voice:mute', { muted: this.effectiveMuted() });
  }

  /** Mute and push to talk come through the command layer, from the page, keys or headset. */
  private wireControls(): void {
    const commands = this.commands;
    this.cleanups.push(
      commands.handle('mute.toggle', () => {
        if (this.session?.hasMicrophone) this.applyMute(!this.muted, true);
      }),
      commands.handle('talk.start', () => {
        if (this.session && this.pushToTalk) this.setTalking(true);
      }),
      commands.handle('talk.stop', () => {
        this.setTalking(false);
      }),
      commands.subscribe((state, previous) => {
        if (state.pushToTalk !== previous.pushToTalk) {
          this.pushToTalk = state.pushToTalk;
          this.talking = false;
          if (this.session) this.applyMute(this.muted, false);
        }
        if (state.away !== previous.away && this.session) this.applyMute(this.muted, false);
      }),
    );
  }
}
