import type { CircleView } from '../../shared/circle/views';
import type { CommandBus } from '../commands/command-bus';
import type { SignalPayload } from '../../shared/protocol/schemas';
import { silencedMembers } from '../circle/audibility';
import { markSpeaking } from '../circle/people-list';
import type { Translator } from '../i18n/i18n';
import type { MicChoice } from '../lobby/mic-check';
import type { SignalingClient } from '../net/signaling-client';
import { byId } from '../ui/dom';
import type { StatusLine } from '../ui/status-line';
import { needsEchoLoopback } from '../voice/echo-loopback';
import { stopStream } from '../voice/microphone';
import { SpatialAudio, type ListenerPose } from '../voice/spatial-audio';
import { VoiceSession } from '../voice/voice-session';

export interface VoiceHooks {
  onSpeaking(memberId: string, speaking: boolean): void;
  /** A member's pose arrived on the data channel. */
  onPose(memberId: string, bytes: Uint8Array): void;
  onPeerClosed(memberId: string): void;
}

/**
 * Voice while in a circle: asks the server for ICE servers, starts the session with the
 * microphone chosen in the lobby, and runs the mute button, the M key and push-to-talk.
 */
export class VoiceController {
  private session: VoiceSession | undefined;
  private audio: SpatialAudio | undefined;
  private mic: MicChoice | undefined;
  private muted = false;
  private pushToTalk = false;
  private talking = false;
  private readonly volumes = new Map<string, number>();
  private readonly speaking = new Set<string>();
  private pendingSignals: { from: string; signal: SignalPayload }[] = [];
  private starting: Promise<void> | undefined;
  private readonly cleanups: (() => void)[] = [];
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private lastListener: ListenerPose | undefined;
  private circle: CircleView | undefined;
  private blocked: ReadonlySet<string> = new Set();
  private selfId: string | undefined;
  private forceMuted = false;
  private online = true;

  constructor(
    private readonly i18n: Translator,
    private readonly client: SignalingClient,
    private readonly status: StatusLine,
    private readonly hooks: VoiceHooks,
    private readonly commands: CommandBus,
  ) {
    this.wireControls();
  }

  get speakingNow(): ReadonlySet<string> {
    return this.speaking;
  }

  get volumeLevels(): ReadonlyMap<string, number> {
    return this.volumes;
  }

  /** Starts voice once per stay in a circle; later calls only refresh who is there. */
  start(selfId: string, circle: CircleView, mic: MicChoice): Promise<void> {
    this.starting ??= this.startAsync(selfId, circle, mic);
    return this.starting;
  }

  /** Follows the circle: whom to connect to, and whom not to play (see `silencedMembers`). */
  update(circle: CircleView, blocked: ReadonlySet<string> = new Set()): void {
    this.circle = circle;
    this.blocked = blocked;
    // No connection at all to someone this member blocked.
    const members = circle.members.filter((m) => !blocked.has(m.id));
    this.session?.setMembers(members, circle.capacity);
    if (this.selfId) this.session?.setSilenced(silencedMembers(circle, this.selfId, blocked));
    // A facilitator's mute turns this microphone off here too, not only at the receivers.
    const forced = circle.members.find((m) => m.id === this.selfId)?.forceMuted === true;
    if (forced !== this.forceMuted) {
      this.forceMuted = forced;
      this.session?.setMuted(this.effectiveMuted());
    }
    byId('voice-mode').textContent = this.i18n.t(
      circle.privateVoice ? 'voice.private' : 'voice.direct',
    );
  }

  /**
   * False from the moment the connection drops until the seat is taken back on a new one:
   * signals sent then would be refused, and links that were forming start over on return.
   */
  setOnline(online: boolean): void {
    this.online = online;
    this.session?.setOnline(online);
  }

  /** Resolves when voice has connected to everyone present (or `timeoutMs` passed). */
  async settled(timeoutMs: number): Promise<void> {
    await this.starting;
    await this.session?.settled(timeoutMs);
  }

  handleSignal(from: string, signal: SignalPayload): void {
    if (this.session) this.session.handleSignal(from, signal);
    else this.pendingSignals.push({ from, signal });
  }

  setVolume(memberId: string, volume: number): void {
    this.volumes.set(memberId, volume);
    this.session?.setVolume(memberId, volume);
  }

  setListener(pose: ListenerPose): void {
    this.lastListener = pose;
    this.session?.setListener(pose);
  }

  /** In the circle without a microphone: there is nothing to mute. */
  get listenOnly(): boolean {
    return this.session !== undefined && !this.session.hasMicrophone;
  }

  /** Where the ears were last placed (diagnostics: proves the listener follows the head). */
  get listener(): ListenerPose | undefined {
    return this.lastListener;
  }

  /** Sends this browser's pose to everyone connected; dropped quietly before voice is up. */
  broadcast(bytes: Uint8Array): void {
    this.session?.broadcast(bytes);
  }

  /** What tests and support staff may read: connection states, packet counts, output levels. */
  diagnostics(): VoiceSession | undefined {
    return this.session;
  }

  stop(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
    this.session?.dispose();
    this.session = undefined;
    this.audio?.dispose();
    this.audio = undefined;
    stopStream(this.mic?.stream);
    this.mic = undefined;
    this.starting = undefined;
    this.pendingSignals = [];
    this.speaking.clear();
    this.talking = false;
    this.forceMuted = false;
    this.online = true;
    this.circle = undefined;
    this.blocked = new Set();
  }

  dispose(): void {
    this.stop();
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }

  private async startAsync(selfId: string, circle: CircleView, mic: MicChoice): Promise<void> {
    this.mic = mic;
    this.selfId = selfId;
    const config = await this.client.request('voice:config', {});
    if (!config.ok) {
      this.status.announce(this.i18n.error(config.error.code));
      this.starting = undefined;
      return;
    }
    // The WebRTC library and its Node polyfills load only when someone actually enters a circle.
    const { createSimplePeerLink } = await import(
      /* webpackChunkName: "voice" */ '../voice/simple-peer-link'
    );
    const audio = new SpatialAudio(needsEchoLoopback(navigator.userAgent));
    this.audio = audio;
    this.session = new VoiceSession({
      selfId,
      audio,
      microphone: mic.stream,
      rtcConfig: {
        iceServers: config.data.iceServers,
        iceTransportPolicy: config.data.iceTransportPolicy,
      },
      factory: createSimplePeerLink,
      send: (to, signal) => {
        void this.client.request('signal:relay', { to, signal });
      },
      onSpeaking: (memberId, speaking) => {
        if (speaking) this.speaking.add(memberId);
        else this.speaking.delete(memberId);
        markSpeaking(byId('people-list'), memberId, speaking);
        this.hooks.onSpeaking(memberId, speaking);
      },
      onData: (memberId, bytes) => {
        this.hooks.onPose(memberId, bytes);
      },
      onPeerClosed: (memberId) => {
        this.hooks.onPeerClosed(memberId);
      },
    });
    this.session.setOnline(this.online);
    // The 3D view may have placed the ears before voice started.
    if (this.lastListener) this.session.setListener(this.lastListener);
    this.scheduleConfigRefresh(config.data.ttlS);
    for (const [memberId, volume] of this.volumes) this.session.setVolume(memberId, volume);
    byId('listen-only').hidden = mic.stream !== undefined;
    byId('mute-toggle').hidden = mic.stream === undefined;
    this.applyMute(mic.startMuted || mic.stream === undefined, false);
    this.update(this.circle ?? circle, this.blocked);
    for (const { from, signal } of this.pendingSignals.splice(0))
      this.session.handleSignal(from, signal);
    this.offerSoundButtonIfSuspended(audio);
  }

  /** Fetches fresh TURN credentials before the current ones expire, for connections made later. */
  private scheduleConfigRefresh(ttlS: number): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(
      () => {
        void this.client.request('voice:config', {}).then((config) => {
          if (!config.ok || !this.session) return;
          this.session.setRtcConfig({
            iceServers: config.data.iceServers,
            iceTransportPolicy: config.data.iceTransportPolicy,
          });
          this.scheduleConfigRefresh(config.data.ttlS);
        });
      },
      Math.max(30, ttlS * 0.8) * 1000,
    );
  }

  /** Audio may start suspended when entering without a click (a reload); one tap fixes it. */
  private offerSoundButtonIfSuspended(audio: SpatialAudio): void {
    const button = byId('enable-sound');
    const update = () => {
      button.hidden = audio.context.state === 'running';
    };
    audio.context.addEventListener('statechange', update);
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
    const enableSound = byId('enable-sound');
    const onEnableSound = () => {
      this.audio?.resume();
    };
    enableSound.addEventListener('click', onEnableSound);
    // Any interaction may unblock audio that the browser started suspended.
    const onGesture = () => {
      this.audio?.resume();
    };
    window.addEventListener('pointerdown', onGesture);
    window.addEventListener('keydown', onGesture);
    this.cleanups.push(() => {
      enableSound.removeEventListener('click', onEnableSound);
      window.removeEventListener('pointerdown', onGesture);
      window.removeEventListener('keydown', onGesture);
    });
  }
}
