import { EchoLoopback } from './echo-loopback';
import { rmsLevel } from './voice-activity';

export interface Vec3 {
  x: number;
  y: number;
  z: number;
}

/** Where the listener is, in scene (Babylon, left-handed) coordinates. */
export interface ListenerPose {
  position: Vec3;
  forward: Vec3;
  up: Vec3;
}

/** Babylon is left-handed, Web Audio right-handed: flipping z keeps "right" on the right. */
function toAudio(v: Vec3): Vec3 {
  return { x: v.x, y: v.y, z: -v.z };
}

const ANALYSER_SIZE = 512;

/**
 * One remote person's voice: their stream, through a gain for the local volume slider, then an
 * HRTF panner at their seat. Distance does not lower the volume: in a circle everyone should
 * be equally easy to hear, only the direction changes.
 */
export class RemoteVoice {
  private readonly element = new Audio();
  private readonly source: MediaStreamAudioSourceNode;
  private readonly gain: GainNode;
  private readonly panner: PannerNode;
  private readonly voiceAnalyser: AnalyserNode;
  private readonly outputAnalyser: AnalyserNode;
  private readonly buffer = new Float32Array(ANALYSER_SIZE);
  private volume = 1;
  private silenced = false;

  constructor(
    private readonly context: AudioContext,
    stream: MediaStream,
    output: AudioNode,
  ) {
    // Chromium plays silence into Web Audio for a remote WebRTC stream that is not also attached
    // to a media element (https://crbug.com/121673); a muted element is enough.
    this.element.muted = true;
    this.element.srcObject = stream;
    void this.element.play().catch(() => undefined);

    this.source = context.createMediaStreamSource(stream);
    this.voiceAnalyser = context.createAnalyser();
    this.voiceAnalyser.fftSize = ANALYSER_SIZE;
    this.gain = context.createGain();
    this.panner = new PannerNode(context, {
      panningModel: 'HRTF',
      distanceModel: 'inverse',
      refDistance: 1,
      rolloffFactor: 0,
      coneInnerAngle: 360,
    });
    this.outputAnalyser = context.createAnalyser();
    this.outputAnalyser.fftSize = ANALYSER_SIZE;
    this.source.connect(this.voiceAnalyser);
    this.source.connect(this.gain).connect(this.panner).connect(this.outputAnalyser);
    this.panner.connect(output);
  }

  setPosition(position: Vec3): void {
    const p = toAudio(position);
    const t = this.context.currentTime;
    this.panner.positionX.setValueAtTime(p.x, t);
    this.panner.positionY.setValueAtTime(p.y, t);
    this.panner.positionZ.setValueAtTime(p.z, t);
  }

  /** The local volume slider, 0 to 1.5; nobody else hears the difference. */
  setVolume(volume: number): void {
    this.volume = Math.max(0, Math.min(1.5, volume));
    this.applyGain();
  }

  /** Stops playing this voice here without closing the connection. */
  setSilenced(silenced: boolean): void {
    this.silenced = silenced;
    this.applyGain();
  }

  /** How loud the person is speaking (before local volume), for the speaking indicator. */
  voiceLevel(): number {
    return rmsLevel(this.voiceAnalyser, this.buffer);
  }

  /** How loud this voice is as played here, after volume and panning. */
  outputLevel(): number {
    return rmsLevel(this.outputAnalyser, this.buffer);
  }

  dispose(): void {
    this.source.disconnect();
    this.gain.disconnect();
    this.panner.disconnect();
    this.element.pause();
    this.element.srcObject = null;
  }

  private applyGain(): void {
    this.gain.gain.setTargetAtTime(this.silenced ? 0 : this.volume, this.context.currentTime, 0.02);
  }
}

/** The page's audio: one 48 kHz context, a voice per remote member, and the listener. */
export class SpatialAudio {
  readonly context = new AudioContext({ sampleRate: 48_000, latencyHint: 'interactive' });
  private readonly mix: GainNode;
  private readonly loopback: EchoLoopback | undefined;
  private readonly voices = new Map<string, RemoteVoice>();

  constructor(useEchoLoopback: boolean) {
    this.mix = this.context.createGain();
    if (useEchoLoopback) {
      this.loopback = new EchoLoopback(this.context, this.mix);
      void this.loopback.startAsync().catch(() => {
        // Without the loopback we still play, just without echo cancellation of our output.
        this.mix.connect(this.context.destination);
      });
    } else {
      this.mix.connect(this.context.destination);
    }
  }

  /** Where sounds made on the page (not anyone's voice) join the voices, echo handling included. */
  get ambienceOutput(): AudioNode {
    return this.mix;
  }

  /** Browsers start audio suspended until the person interacts with the page. */
  resume(): void {
    if (this.context.state === 'suspended') void this.context.resume().catch(() => undefined);
    this.loopback?.resume();
  }

  addVoice(memberId: string, stream: MediaStream): RemoteVoice {
    this.removeVoice(memberId);
    const voice = new RemoteVoice(this.context, stream, this.mix);
    this.voices.set(memberId, voice);
    return voice;
  }

  voice(memberId: string): RemoteVoice | undefined {
    return this.voices.get(memberId);
  }

  removeVoice(memberId: string): void {
    this.voices.get(memberId)?.dispose();
    this.voices.delete(memberId);
  }

  setListener(pose: ListenerPose): void {
    const listener = this.context.listener;
    const p = toAudio(pose.position);
    const f = toAudio(pose.forward);
    const u = toAudio(pose.up);
    const t = this.context.currentTime;
    listener.positionX.setValueAtTime(p.x, t);
    listener.positionY.setValueAtTime(p.y, t);
    listener.positionZ.setValueAtTime(p.z, t);
    listener.forwardX.setValueAtTime(f.x, t);
    listener.forwardY.setValueAtTime(f.y, t);
    listener.forwardZ.setValueAtTime(f.z, t);
    listener.upX.setValueAtTime(u.x, t);
    listener.upY.setValueAtTime(u.y, t);
    listener.upZ.setValueAtTime(u.z, t);
  }

  dispose(): void {
    for (const id of [...this.voices.keys()]) this.removeVoice(id);
    this.loopback?.dispose();
    this.mix.disconnect();
    void this.context.close().catch(() => undefined);
  }
}
