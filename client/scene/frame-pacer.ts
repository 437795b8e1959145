/**
 * Paces the desktop render loop. While the person looks around, every display frame is drawn;
 * otherwise a calm circle is drawn at about 30 frames a second, which still carries remote
 * movement (poses arrive at 25 Hz) and leaves the machine's time to the voices: on a weak laptop
 * the audio and its connections matter more than extra frames. A headset session is not paced.
 */
export interface FramePacerOptions {
  /** Frame interval while nothing is being steered. */
  idleIntervalMs: number;
  /** How long after the last input frames stay at the display's full rate. */
  activeWindowMs: number;
}

export const defaultFramePacing: FramePacerOptions = {
  idleIntervalMs: 1000 / 30,
  activeWindowMs: 1000,
};

/** Display frames come a little early or late; without slack a 60 Hz display would draw 20 fps. */
const FRAME_SLACK_MS = 4;

export class FramePacer {
  private lastFrameMs = -Infinity;
  private lastInputMs = -Infinity;

  constructor(private readonly options: FramePacerOptions = defaultFramePacing) {}

  /** The person moved the view (pointer, touch, keys). */
  noteInput(nowMs: number): void {
    this.lastInputMs = nowMs;
  }

  /** Whether the display frame at `nowMs` should be drawn; records it when it should. */
  shouldDraw(nowMs: number): boolean {
    const steering = nowMs - this.lastInputMs < this.options.activeWindowMs;
    const due = nowMs - this.lastFrameMs >= this.options.idleIntervalMs - FRAME_SLACK_MS;
    if (!steering && !due) return false;
    this.lastFrameMs = nowMs;
    return true;
  }
}
