import { Tables } from '../../shared/tables/tables';

/**
 * Reports this member's speaking state to far tables at a bounded pace: a change goes out at
 * once when the last report is old enough, otherwise once the pace allows, and only if it still
 * differs from what was last said. A burst of starts and stops becomes at most two reports a
 * second, and the last one is always the truth.
 */
export class SpeakingReporter {
  private sent = false;
  private wanted = false;
  private lastAt = -Infinity;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly send: (speaking: boolean) => void,
    private readonly now: () => number = () => performance.now(),
    private readonly intervalMs: number = Tables.speakingReportMs,
  ) {}

  set(speaking: boolean): void {
    this.wanted = speaking;
    this.flush();
  }

  /** Forgets what was said (a new table, a new connection): the next change is sent afresh. */
  reset(): void {
    this.cancel();
    this.sent = false;
    this.wanted = false;
  }

  dispose(): void {
    this.cancel();
  }

  private flush(): void {
    if (this.timer !== undefined) return;
    if (this.wanted === this.sent) return;
    const waitMs = this.lastAt + this.intervalMs - this.now();
    if (waitMs > 0) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.flush();
      }, waitMs);
      return;
    }
    this.sent = this.wanted;
    this.lastAt = this.now();
    this.send(this.wanted);
  }

  private cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
