export interface VoiceActivityOptions {
  /** Level (RMS, 0–1) at which speech starts. */
  onLevel: number;
  /** Level below which speech may end; lower than onLevel so a wavering voice doesn't flicker. */
  offLevel: number;
  /** How long the level must stay low before speech ends. */
  holdMs: number;
}

export const defaultVoiceActivity: VoiceActivityOptions = {
  onLevel: 0.02,
  offLevel: 0.01,
  holdMs: 400,
};

/** Speaking or not, from a stream of levels, with hysteresis in level and in time. */
export class VoiceActivity {
  private speaking = false;
  private quietSince: number | undefined;

  constructor(private readonly options: VoiceActivityOptions = defaultVoiceActivity) {}

  /** Feeds one level reading; returns whether the person is speaking now. */
  update(level: number, now: number): boolean {
    if (level >= this.options.onLevel) {
      this.speaking = true;
      this.quietSince = undefined;
    } else if (this.speaking && level < this.options.offLevel) {
      this.quietSince ??= now;
      if (now - this.quietSince >= this.options.holdMs) {
        this.speaking = false;
        this.quietSince = undefined;
      }
    } else if (level >= this.options.offLevel) {
      this.quietSince = undefined;
    }
    return this.speaking;
  }

  get isSpeaking(): boolean {
    return this.speaking;
  }
}

/** Root-mean-square level of the analyser's current window, 0 (silence) to 1 (full scale). */
export function rmsLevel(analyser: AnalyserNode, buffer: Float32Array<ArrayBuffer>): number {
  analyser.getFloatTimeDomainData(buffer);
  let sum = 0;
  for (const sample of buffer) sum += sample * sample;
  return Math.sqrt(sum / buffer.length);
}
