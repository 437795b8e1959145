/**
 * Decides which moment of a remote sender's timeline to draw now. Frames carry their send time
 * (seq × tick, see pose-timing.ts) on the sender's clock; this tracks the offset from that clock
 * to ours, measures how often frames arrive, and plays the sender's timeline back a little late
 * (the playout delay) so that the next frame has normally arrived before it is needed.
 *
 * Left to itself the played time never runs backwards and changes speed only within limits, so
 * a new delay or offset estimate shows as motion a little faster or slower for a while, never as
 * a jump. Only two things move it otherwise: `rewindTo`, for when the pose on screen stood still
 * waiting for a frame, and a jump when the sender's clock has plainly restarted.
 */
export interface PlayoutOptions {
  /** The playout delay is about twice the mean gap between arrivals, kept within these. */
  minDelayMs: number;
  maxDelayMs: number;
  /** The gap assumed before any has been measured (25 Hz). */
  nominalIntervalMs: number;
  /** Weight of each new gap in the running mean (an exponentially weighted moving average). */
  gapSmoothing: number;
  /** Longer gaps are pauses (a still sender's keep-alives, a burst of loss), not its rate. */
  pauseGapMs: number;
  /** Most the played time may run ahead of real time while catching up: 0.1 = 10 % faster. */
  maxSpeedUp: number;
  /** Most it may run behind while falling back: 0.5 = half speed. Slowing down skips nothing. */
  maxSlowDown: number;
  /** Time constant of those corrections; small errors are absorbed over about this long. */
  correctionMs: number;
  /** An error larger than this (a sender that restarted its clock) is corrected at once. */
  snapMs: number;
  /**
   * How fast the offset estimate rises between arrivals (ms per ms). It is a running minimum of
   * arrival minus send time, the least-delayed frame being the best evidence of the clocks'
   * offset; the slow rise lets it follow clock drift and a route that became slower.
   */
  offsetCreep: number;
}

export const defaultPlayout: PlayoutOptions = {
  minDelayMs: 60,
  maxDelayMs: 200,
  nominalIntervalMs: 40,
  gapSmoothing: 0.1,
  pauseGapMs: 250,
  maxSpeedUp: 0.1,
  maxSlowDown: 0.5,
  correctionMs: 250,
  snapMs: 500,
  offsetCreep: 0.02,
};

export class PlayoutClock {
  private offset: number | undefined;
  private lastArrivalMs: number | undefined;
  private meanGap: number;
  private gapSamples = 0;
  private played: number | undefined;
  private lastNowMs: number | undefined;

  constructor(private readonly options: PlayoutOptions = defaultPlayout) {
    this.meanGap = options.nominalIntervalMs;
  }

  /** The running mean of the gaps between arrivals, pauses left out. */
  get meanGapMs(): number {
    return this.meanGap;
  }

  /** How far behind the sender the played time aims to be, beyond the clocks' offset. */
  get targetDelayMs(): number {
    const { minDelayMs, maxDelayMs } = this.options;
    return Math.min(maxDelayMs, Math.max(minDelayMs, 2 * this.meanGap));
  }

  /** The moment of the sender's timeline drawn at the last `advance`; undefined before one. */
  get playedMs(): number | undefined {
    return this.played;
  }

  /**
   * Takes note of a frame sent at `sentMs` (sender's clock) and received at `receivedAtMs` (ours).
   * Commutative for frames received at the same moment, so a burst gives the same estimate in
   * any order.
   */
  observe(sentMs: number, receivedAtMs: number): void {
    const { gapSmoothing, pauseGapMs, offsetCreep, snapMs } = this.options;
    const last = this.lastArrivalMs;
    if (last !== undefined && receivedAtMs >= last) {
      const gap = receivedAtMs - last;
      if (gap <= pauseGapMs) {
        // A plain mean over the first few gaps (the nominal one counting as the first), so the
        // delay fits the real rate within a few frames instead of after a second or two.
        this.gapSamples++;
        const weight = Math.max(gapSmoothing, 1 / (this.gapSamples + 1));
        this.meanGap += weight * (gap - this.meanGap);
      }
      if (this.offset !== undefined) this.offset += offsetCreep * gap;
    }
    if (last === undefined || receivedAtMs > last) this.lastArrivalMs = receivedAtMs;

    const offset = receivedAtMs - sentMs;
    if (this.offset === undefined || offset < this.offset || offset - this.offset > snapMs) {
      this.offset = offset;
    } else if (this.played !== undefined && sentMs < this.played) {
      // It came after its moment had been drawn: the route is slower than the estimate says.
      // Make room now rather than creep, or every frame would keep arriving late; a one-off
      // straggler costs little, as the next punctual frame pulls the minimum back down.
      this.offset = Math.max(this.offset, offset - this.targetDelayMs / 2);
    }
  }

  /**
   * Moves the played time on to `nowMs` (our clock) and returns true when it had to jump (the
   * first call, or a sender whose clock restarted) rather than glide.
   */
  advance(nowMs: number): boolean {
    if (this.offset === undefined) return false;
    const target = nowMs - this.offset - this.targetDelayMs;
    if (this.played === undefined || this.lastNowMs === undefined) {
      this.played = target;
      this.lastNowMs = nowMs;
      return true;
    }
    const { maxSpeedUp, maxSlowDown, correctionMs, snapMs } = this.options;
    const dt = Math.max(0, nowMs - this.lastNowMs);
    this.lastNowMs = Math.max(this.lastNowMs, nowMs);
    const free = this.played + dt;
    const error = target - free;
    if (Math.abs(error) > snapMs) {
      this.played = target;
      return true;
    }
    // Proportional, so a few milliseconds of error are absorbed unseen; capped, so a large one
    // plays a little fast (skipping as little as possible) or slow (never backwards).
    const correction = (error * dt) / correctionMs;
    this.played = free + Math.min(maxSpeedUp * dt, Math.max(-maxSlowDown * dt, correction));
    return false;
  }

  /**
   * Takes the played time back to `sentMs` when it has run past it. The caller uses this when a
   * frame turns up shortly after the one on screen ran out: the pose stood still while it waited,
   * so carrying on from where it stood shows no jump, and the lost time is made up by playing a
   * little faster.
   */
  rewindTo(sentMs: number): void {
    if (this.played !== undefined && this.played > sentMs) this.played = sentMs;
  }

  /** Forgets the sender's clock (it restarted), keeping what was learnt about the arrival rate. */
  forgetSender(): void {
    this.offset = undefined;
    this.played = undefined;
    this.lastNowMs = undefined;
    this.lastArrivalMs = undefined;
  }
}
