import type { MemberView } from '../../shared/circle/views';
import type { SignalPayload } from '../../shared/protocol/schemas';
import { markStep } from '../events/timeline';
import { SEATED_EYE_HEIGHT_M } from '../scene/seat-layout';
import type { Seating } from '../scene/seating';
import type { PeerLinkFactory } from './peer-link';
import { PeerMesh } from './peer-mesh';
import type { SpareConnections } from './spare-connections';
import type { ListenerPose, SpatialAudio } from './spatial-audio';
import { rmsLevel, VoiceActivity } from './voice-activity';

export interface VoiceSessionOptions {
  selfId: string;
  audio: SpatialAudio;
  microphone: MediaStream | undefined;
  rtcConfig: RTCConfiguration;
  factory: PeerLinkFactory;
  /** Connections made ahead, taken by links as they open. */
  spares?: SpareConnections;
  send(to: string, signal: SignalPayload): void;
  onSpeaking(memberId: string, speaking: boolean): void;
  /** Bytes from a member on the data channel (their pose). */
  onData?(memberId: string, bytes: Uint8Array): void;
  /** A member's connection closed: their pose stream ends too. */
  onPeerClosed?(memberId: string): void;
}

export interface PeerDiagnostics {
  memberId: string;
  connectionState: RTCPeerConnectionState;
  inboundPackets: number;
  /**
   * When the inbound counters were read, in ms since the epoch: the statistics' own time, so a
   * reader whose answer came late (a busy page) still knows when the packets had arrived by.
   */
  inboundReadAt: number | undefined;
  /** Mean delay since the link started; the two counters below give it over any window. */
  jitterBufferDelayMs: number | undefined;
  jitterBufferDelayS: number;
  jitterBufferEmitted: number;
  localCandidateType: string | undefined;
  remoteCandidateType: string | undefined;
}

const VAD_INTERVAL_MS = 50;
/** While waiting for the circle to be heard, how often the links are asked. */
const HEARD_POLL_MS = 50;
/**
 * A connected member from whom no audio has come by then is taken as heard: someone listening
 * without a microphone sends none.
 */
const SILENT_PEER_GRACE_MS = 500;

function randomConnId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(9));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
}

/**
 * Everything that makes voice happen while someone is in a circle: the peer mesh, a spatial voice
 * per remote member placed at their seat, the microphone switch, and speaking detection for
 * everyone. The server only ever sees signalling; audio flows between browsers.
 */
export class VoiceSession {
  private readonly mesh: PeerMesh;
  private readonly activity = new Map<string, VoiceActivity>();
  private readonly speaking = new Set<string>();
  private readonly micAnalyser: AnalyserNode | undefined;
  private readonly micSource: MediaStreamAudioSourceNode | undefined;
  private readonly buffer = new Float32Array(512);
  private readonly timer: ReturnType<typeof setInterval>;
  private members: readonly MemberView[] = [];
  private settledWaiters: (() => void)[] = [];
  private readonly connectedAt = new Map<string, number>();
  private seating: Seating | undefined;
  private muted = false;
  private silenced = new Set<string>();

  constructor(private readonly options: VoiceSessionOptions) {
    const { audio, microphone } = options;
    this.mesh = new PeerMesh({
      selfId: options.selfId,
      factory: (linkOptions) => {
        markStep('link-opened');
        const spares = options.spares;
        return options.factory(
          spares
            ? { ...linkOptions, makeConnection: (config) => spares.take(config) }
            : linkOptions,
        );
      },
      send: (to, signal) => {
        if (signal.type === 'offer') markStep('offer-sent', to);
        if (signal.type === 'answer') markStep('answer-sent', to);
        options.send(to, signal);
      },
      config: options.rtcConfig,
      stream: microphone,
      newConnId: randomConnId,
      now: () => performance.now(),
      scheduler: {
        set: (callback, ms) => setTimeout(callback, ms),
        clear: (handle) => {
          clearTimeout(handle as ReturnType<typeof setTimeout>);
        },
      },
      onStream: (memberId, stream) => {
        markStep('peer-track', memberId);
        audio.addVoice(memberId, stream);
        audio.voice(memberId)?.setSilenced(this.silenced.has(memberId));
        this.placeVoices();
      },
      onPeerConnected: (memberId) => {
        markStep('peer-connected', memberId);
        this.connectedAt.set(memberId, performance.now());
      },
      onPeerClosed: (memberId) => {
        this.connectedAt.delete(memberId);
        audio.removeVoice(memberId);
        this.setSpeaking(memberId, false);
        options.onPeerClosed?.(memberId);
      },
      onData: (memberId, bytes) => {
        options.onData?.(memberId, bytes);
      },
    });
    if (microphone) {
      this.micSource = audio.context.createMediaStreamSource(microphone);
      this.micAnalyser = audio.context.createAnalyser();
      this.micAnalyser.fftSize = this.buffer.length;
      this.micSource.connect(this.micAnalyser);
    }
    this.timer = setInterval(() => {
      this.detectSpeaking();
    }, VAD_INTERVAL_MS);
  }

  get hasMicrophone(): boolean {
    return this.options.microphone !== undefined;
  }

  /** Sends bytes to everyone connected over the data channel; returns how many it reached. */
  broadcast(bytes: Uint8Array): number {
    return this.mesh.broadcast(bytes);
  }

  setMembers(members: readonly MemberView[], seating: Seating): void {
    this.members = members;
    this.seating = seating;
    this.mesh.setMembers(members);
    this.placeVoices();
  }

  setRtcConfig(config: RTCConfiguration): void {
    this.mesh.setConfig(config);
  }

  /** Whether this page is seated on its current connection (see `PeerMesh.setOnline`). */
  setOnline(online: boolean): void {
    this.mesh.setOnline(online);
  }

  /**
   * Resolves once every present member is connected and heard (their audio has arrived), or
   * after `timeoutMs`. Heavy work (drawing the 3D view) waits for this so it doesn't hold up
   * the first seconds of hearing the circle.
   */
  settled(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      let poll: ReturnType<typeof setTimeout> | undefined;
      const deadline = setTimeout(done, timeoutMs);
      const check = () => {
        if (!this.settledWaiters.includes(done)) return; // timed out, or the session ended
        if (this.heard()) {
          markStep('circle-heard');
          done();
        } else {
          poll = setTimeout(check, HEARD_POLL_MS);
        }
      };
      const waiters = this.settledWaiters;
      function done() {
        clearTimeout(deadline);
        clearTimeout(poll);
        const index = waiters.indexOf(done);
        if (index >= 0) waiters.splice(index, 1);
        resolve();
      }
      this.settledWaiters.push(done);
      check();
    });
  }

  /**
   * Whether every present member is connected and their audio has reached the speakers here.
   * Asked of each receiver's synchronization sources, which list a source once its audio is
   * played: reading full statistics this often would hold up the connections being made.
   */
  private heard(): boolean {
    if (!this.mesh.settled) return false;
    const now = performance.now();
    for (const [memberId, connection] of this.mesh.connections()) {
      if (audioPlayed(connection)) continue;
      const connectedAt = this.connectedAt.get(memberId);
      if (connectedAt === undefined || now - connectedAt < SILENT_PEER_GRACE_MS) return false;
    }
    return true;
  }

  handleSignal(from: string, signal: SignalPayload): void {
    if (signal.type === 'answer') markStep('answer-received', from);
    if (signal.type === 'offer') markStep('offer-received', from);
    this.mesh.handleSignal(from, signal);
  }

  /** Mutes by disabling the track: the connection stays up and nothing is renegotiated. */
  setMuted(muted: boolean): void {
    this.muted = muted;
    for (const track of this.options.microphone?.getAudioTracks() ?? []) track.enabled = !muted;
  }

  /** Stops playing these members here (and keeps them silent if their voice arrives later). */
  setSilenced(silenced: ReadonlySet<string>): void {
    this.silenced = new Set(silenced);
    for (const member of this.members) {
      this.options.audio.voice(member.id)?.setSilenced(this.silenced.has(member.id));
    }
  }

  setVolume(memberId: string, volume: number): void {
    this.options.audio.voice(memberId)?.setVolume(volume);
  }

  setListener(pose: ListenerPose): void {
    this.options.audio.setListener(pose);
  }

  /** Output level per member, measured after the panner: what this person actually hears. */
  outputLevels(): Record<string, number> {
    const levels: Record<string, number> = {};
    for (const member of this.members) {
      const voice = this.options.audio.voice(member.id);
      if (voice) levels[member.id] = voice.outputLevel();
    }
    return levels;
  }

  /** Members whose audio has reached the speakers here (at least once). */
  playing(): string[] {
    return [...this.mesh.connections()]
      .filter(([, connection]) => audioPlayed(connection))
      .map(([memberId]) => memberId);
  }

  speakingNow(): string[] {
    return [...this.speaking];
  }

  async diagnostics(): Promise<PeerDiagnostics[]> {
    const result: PeerDiagnostics[] = [];
    for (const [memberId, connection] of this.mesh.connections()) {
      result.push({
        memberId,
        connectionState: connection.connectionState,
        ...(await statsOf(connection)),
      });
    }
    return result;
  }

  dispose(): void {
    clearInterval(this.timer);
    for (const done of [...this.settledWaiters]) done();
    this.mesh.dispose();
    this.micSource?.disconnect();
    for (const id of [...this.speaking]) this.setSpeaking(id, false);
  }

  private placeVoices(): void {
    const seating = this.seating;
    if (!seating) return;
    for (const member of this.members) {
      const pose = seating.poseOf(member);
      this.options.audio
        .voice(member.id)
        ?.setPosition({ x: pose.x, y: SEATED_EYE_HEIGHT_M, z: pose.z });
    }
  }

  private detectSpeaking(): void {
    const now = performance.now();
    const selfLevel = this.micAnalyser && !this.muted ? rmsLevel(this.micAnalyser, this.buffer) : 0;
    this.feed(this.options.selfId, selfLevel, now);
    for (const member of this.members) {
      if (member.id === this.options.selfId) continue;
      const voice = this.options.audio.voice(member.id);
      this.feed(member.id, voice && !member.muted ? voice.voiceLevel() : 0, now);
    }
  }

  private feed(memberId: string, level: number, now: number): void {
    let vad = this.activity.get(memberId);
    if (!vad) {
      vad = new VoiceActivity();
      this.activity.set(memberId, vad);
    }
    this.setSpeaking(memberId, vad.update(level, now));
  }

  private setSpeaking(memberId: string, speaking: boolean): void {
    if (speaking === this.speaking.has(memberId)) return;
    if (speaking) this.speaking.add(memberId);
    else this.speaking.delete(memberId);
    this.options.onSpeaking(memberId, speaking);
  }
}

function audioPlayed(connection: RTCPeerConnection): boolean {
  return connection
    .getReceivers()
    .some((r) => r.track.kind === 'audio' && r.getSynchronizationSources().length > 0);
}

async function statsOf(
  connection: RTCPeerConnection,
): Promise<Omit<PeerDiagnostics, 'memberId' | 'connectionState'>> {
  const report = await connection.getStats();
  let inboundPackets = 0;
  let inboundReadAt: number | undefined;
  let jitterBufferDelayS = 0;
  let jitterBufferEmitted = 0;
  let pairId: string | undefined;
  const candidates = new Map<string, string>();
  report.forEach((stat: Record<string, unknown>) => {
    if (stat.type === 'inbound-rtp' && stat.kind === 'audio') {
      inboundPackets += Number(stat.packetsReceived ?? 0);
      inboundReadAt = Number(stat.timestamp);
      jitterBufferDelayS += Number(stat.jitterBufferDelay ?? 0);
      jitterBufferEmitted += Number(stat.jitterBufferEmittedCount ?? 0);
    }
    if (stat.type === 'transport' && typeof stat.selectedCandidatePairId === 'string') {
      pairId = stat.selectedCandidatePairId;
    }
    if (stat.type === 'local-candidate' || stat.type === 'remote-candidate') {
      candidates.set(String(stat.id), `${stat.type}:${String(stat.candidateType)}`);
    }
  });
  const pair =
    pairId === undefined ? undefined : (report.get(pairId) as Record<string, unknown> | undefined);
  const local = pair ? candidates.get(String(pair.localCandidateId)) : undefined;
  const remote = pair ? candidates.get(String(pair.remoteCandidateId)) : undefined;
  return {
    inboundPackets,
    inboundReadAt,
    jitterBufferDelayMs:
      jitterBufferEmitted > 0 ? (jitterBufferDelayS / jitterBufferEmitted) * 1000 : undefined,
    jitterBufferDelayS,
    jitterBufferEmitted,
    localCandidateType: local?.split(':')[1],
    remoteCandidateType: remote?.split(':')[1],
  };
}
