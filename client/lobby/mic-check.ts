import type { Translator } from '../i18n/i18n';
import type { MessageKey } from '../i18n/en';
import { byId, el, listen } from '../ui/dom';
import { listMicrophones, openMicrophone, stopStream, type MicProblem } from '../voice/microphone';
import { rmsLevel } from '../voice/voice-activity';

export interface MicChoice {
  stream: MediaStream | undefined;
  startMuted: boolean;
  problem: MicProblem | undefined;
}

/**
 * The lobby's microphone check: pick a microphone, watch its level, play a test sound, choose to
 * enter muted. Whatever it opened is handed to the circle, so nobody is asked twice.
 */
export class MicCheck {
  private readonly section = byId('mic-check');
  private readonly select = byId<HTMLSelectElement>('mic-select');
  private readonly meter = byId<HTMLMeterElement>('mic-level');
  private readonly message = byId('mic-message');
  private stream: MediaStream | undefined;
  private problem: MicProblem | undefined;
  private context: AudioContext | undefined;
  private frame = 0;
  private shown: MessageKey | undefined;

  private readonly disposers: (() => void)[];

  constructor(private readonly i18n: Translator) {
    this.disposers = [
      i18n.onChange(() => {
        if (this.shown) this.showMessage(this.shown);
      }),
      listen(byId('mic-start'), 'click', () => {
        void this.openAsync();
      }),
      listen(this.select, 'change', () => {
        void this.openAsync(this.select.value);
      }),
      listen(byId('speaker-test'), 'click', () => {
        this.playTestSound();
      }),
    ];
  }

  /** Shows the check inside a form, above its error line (until then it is hidden). */
  placeIn(form: HTMLFormElement): void {
    form.insertBefore(this.section, form.querySelector('.form-error'));
    this.section.hidden = false;
  }

  /** Opens the microphone now if the person has not checked it yet. */
  async choiceAsync(): Promise<MicChoice> {
    if (!this.stream && !this.problem) await this.openAsync();
    const choice: MicChoice = {
      stream: this.stream,
      startMuted: byId<HTMLInputElement>('start-muted').checked,
      problem: this.problem,
    };
    this.stopMeter();
    this.stream = undefined;
    return choice;
  }

  /** Lets go of a microphone opened for the check: the person chose not to speak after all. */
  release(): void {
    this.stopMeter();
    stopStream(this.stream);
    this.stream = undefined;
  }

  /** The check is shown only to someone who will use a microphone. */
  setNeeded(needed: boolean): void {
    this.section.hidden = !needed;
  }

  dispose(): void {
    for (const dispose of this.disposers.splice(0)) dispose();
    this.stopMeter();
    stopStream(this.stream);
    this.stream = undefined;
  }

  private async openAsync(deviceId?: string): Promise<void> {
    this.stopMeter();
    stopStream(this.stream);
    this.stream = undefined;
    const result = await openMicrophone(deviceId);
    // The note warned of the browser's question; once answered it has nothing left to say.
    byId('mic-prompt-note').hidden = true;
    if (!result.ok) {
      this.problem = result.problem;
      this.showMessage(`mic.${result.problem}`);
      return;
    }
    this.problem = undefined;
    this.stream = result.stream;
    byId('mic-controls').hidden = false;
    byId('mic-start').hidden = true;
    this.showMessage('mic.ready');
    await this.fillDevices(result.stream);
    this.startMeter(result.stream);
  }

  private async fillDevices(stream: MediaStream): Promise<void> {
    const current = stream.getAudioTracks()[0]?.getSettings().deviceId;
    const devices = await listMicrophones();
    this.select.replaceChildren(
      ...devices.map((device, index) => {
        const option = el('option', {
          textContent: device.label || `${this.i18n.t('mic.device')} ${index + 1}`,
        });
        option.value = device.deviceId;
        option.selected = device.deviceId === current;
        return option;
      }),
    );
  }

  private startMeter(stream: MediaStream): void {
    this.context ??= new AudioContext();
    const source = this.context.createMediaStreamSource(stream);
    const analyser = this.context.createAnalyser();
    analyser.fftSize = 512;
    source.connect(analyser);
    const buffer = new Float32Array(analyser.fftSize);
    const draw = () => {
      // Speech sits around 0.02–0.2 RMS; scale so a normal voice fills most of the meter.
      this.meter.value = Math.min(1, rmsLevel(analyser, buffer) * 5);
      this.frame = requestAnimationFrame(draw);
    };
    draw();
  }

  private stopMeter(): void {
    cancelAnimationFrame(this.frame);
    this.meter.value = 0;
    void this.context?.close().catch(() => undefined);
    this.context = undefined;
  }

  /** A soft two-note chime, made here rather than downloaded. */
  private playTestSound(): void {
    const context = new AudioContext();
    const start = context.currentTime + 0.05;
    [523.25, 659.25].forEach((frequency, i) => {
      const osc = new OscillatorNode(context, { frequency, type: 'sine' });
      const gain = new GainNode(context, { gain: 0 });
      const t = start + i * 0.35;
      gain.gain.linearRampToValueAtTime(0.25, t + 0.04);
      gain.gain.exponentialRampToValueAtTime(0.001, t + 0.9);
      osc.connect(gain).connect(context.destination);
      osc.start(t);
      osc.stop(t + 1);
    });
    setTimeout(() => void context.close().catch(() => undefined), 2_000);
  }

  private showMessage(key: MessageKey): void {
    this.shown = key;
    this.message.textContent = this.i18n.t(key);
  }
}
