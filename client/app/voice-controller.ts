import type { CircleView } from '../../shared/circle/views';
import type { SignalPayload } from '../../shared/protocol/schemas';
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

  constructor(
    private readonly i18n: Translator,
    private readonly client: SignalingClient,
    private readonly status: StatusLine,
    private readonly hooks: VoiceHooks,
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

  update(circle: CircleView): void {
    this.session?.setMembers(circle.members, circle.capacity);
    byId('voice-mode').textContent = this.i18n.t(
      circle.privateVoice ? 'voice.private' : 'voice.direct',
    );
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
    this.session?.setListener(pose);
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
  }

  dispose(): void {
    this.stop();
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }

  private async startAsync(selfId: string, circle: CircleView, mic: MicChoice): Promise<void> {
    this.mic = mic;
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
    });
    this.scheduleConfigRefresh(config.data.ttlS);
    for (const [memberId, volume] of this.volumes) this.session.setVolume(memberId, volume);
    byId('listen-only').hidden = mic.stream !== undefined;
    byId('mute-toggle').hidden = mic.stream === undefined;
    this.applyMute(mic.startMuted || mic.stream === undefined, false);
    this.update(circle);
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
    const button = byId('mute-toggle');
    button.setAttribute('aria-pressed', String(muted));
    byId('mute-label').textContent = this.i18n.t(muted ? 'voice.unmute' : 'voice.mute');
    void this.client.request('voice:mute', { muted: this.effectiveMuted() });
    if (announce) this.status.announce(this.i18n.t(muted ? 'status.muted' : 'status.unmuted'));
  }

  private effectiveMuted(): boolean {
    if (!this.mic?.stream) return true;
    return this.pushToTalk ? !this.talking : this.muted;
  }

  private setTalking(talking: boolean): void {
    if (talking === this.talking) return;
    this.talking = talking;
    this.session?.setMuted(this.effectiveMuted());
    void this.client.request('voice:mute', { muted: this.effectiveMuted() });
  }

  private wireControls(): void {
    const button = byId('mute-toggle');
    const onClick = () => {
      this.applyMute(!this.muted, true);
    };
    button.addEventListener('click', onClick);
    const ptt = byId<HTMLInputElement>('push-to-talk');
    const onPtt = () => {
      this.pushToTalk = ptt.checked;
      this.talking = false;
      this.applyMute(this.muted, false);
    };
    ptt.addEventListener('change', onPtt);
    const enableSound = byId('enable-sound');
    const onEnableSound = () => {
      this.audio?.resume();
    };
    enableSound.addEventListener('click', onEnableSound);

    const typing = (event: KeyboardEvent) =>
      event.target instanceof HTMLInputElement ||
      event.target instanceof HTMLTextAreaElement ||
      event.target instanceof HTMLSelectElement;
    const onKeyDown = (event: KeyboardEvent) => {
      if (!this.session || typing(event) || event.repeat) return;
      if (event.key === 'm' || event.key === 'M') this.applyMute(!this.muted, true);
      if (event.code === 'Space' && this.pushToTalk) {
        event.preventDefault();
        this.setTalking(true);
      }
    };
    const onKeyUp = (event: KeyboardEvent) => {
      if (event.code === 'Space' && this.pushToTalk) this.setTalking(false);
    };
    // Any interaction may unblock audio that the browser started suspended.
    const onGesture = () => {
      this.audio?.resume();
    };
    window.addEventListener('keydown', onKeyDown);
    window.addEventListener('keyup', onKeyUp);
    window.addEventListener('pointerdown', onGesture);
    this.cleanups.push(() => {
      button.removeEventListener('click', onClick);
      ptt.removeEventListener('change', onPtt);
      enableSound.removeEventListener('click', onEnableSound);
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('keyup', onKeyUp);
      window.removeEventListener('pointerdown', onGesture);
    });
  }
}
