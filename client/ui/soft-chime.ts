/** After the last chime, the audio context is closed: an open one keeps an audio thread busy. */
const CLOSE_AFTER_MS = 2_500;

/**
 * A soft, short chime (a share time that passed, a knock at the door): a quiet sine that fades
 * in and out, made on the spot so no sound file is fetched. Each use has its own pitch.
 */
export class SoftChime {
  private context: AudioContext | undefined;
  private closeTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly frequency: number) {}

  play(): void {
    if (typeof AudioContext === 'undefined') return;
    this.context ??= new AudioContext();
    const context = this.context;
    const start = context.currentTime;
    const tone = context.createOscillator();
    const gain = context.createGain();
    tone.type = 'sine';
    tone.frequency.value = this.frequency;
    gain.gain.setValueAtTime(0, start);
    gain.gain.linearRampToValueAtTime(0.06, start + 0.15);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 1.6);
    tone.connect(gain).connect(context.destination);
    tone.start(start);
    tone.stop(start + 1.7);
    tone.addEventListener('ended', () => {
      tone.disconnect();
      gain.disconnect();
    });
    void context.resume().catch(() => undefined);
    clearTimeout(this.closeTimer);
    this.closeTimer = setTimeout(() => {
      this.dispose();
    }, CLOSE_AFTER_MS);
  }

  dispose(): void {
    clearTimeout(this.closeTimer);
    void this.context?.close().catch(() => undefined);
    this.context = undefined;
  }
}
