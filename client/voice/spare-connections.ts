/** Runs `work` in the page's first quiet moment `afterMs` from now; returns what cancels it. */
export type WhenIdle = (work: () => void, afterMs: number) => () => void;

/**
 * A spare taken is replaced only this much later: links open in bursts (someone let in), and
 * a new spare made between their steps would hold up the answers they wait for.
 */
const REPLACE_AFTER_MS = 2_000;

export interface SpareConnectionsOptions {
  /** Makes a peer connection (the browser's `RTCPeerConnection`; a fake in tests). */
  make(config: RTCConfiguration): RTCPeerConnection;
  whenIdle: WhenIdle;
  /**
   * What spares are made with: no ICE servers, so a spare gathers and reveals nothing. Only
   * settings `setConfiguration` may change later can differ from what a link asks for; the
   * bundle policy cannot, so it must be the links' own.
   */
  base: RTCConfiguration;
}

/**
 * Peer connections made ahead of need, in the page's quiet moments. Making one costs a slow
 * computer tens of milliseconds, more while its cores are busy with other members' work; a
 * link that opens just as someone is let in (or answers a newcomer) takes one already made.
 * A spare gets the link's ICE servers and transport policy as it is taken, before it gathers
 * a single candidate, so relay-only circles stay relay-only.
 */
export class SpareConnections {
  private readonly spares: RTCPeerConnection[] = [];
  private wanted = 0;
  private cancelIdle: (() => void) | undefined;
  private disposed = false;

  constructor(private readonly options: SpareConnectionsOptions) {}

  /** How many spares are ready now. */
  get size(): number {
    return this.spares.length;
  }

  /** Keeps this many spares, made one per quiet moment; extra ones are closed. */
  keep(count: number): void {
    if (this.disposed) return;
    this.wanted = count;
    for (const extra of this.spares.splice(count)) extra.close();
    this.refill(0);
  }

  /** A connection for a link: a spare set up with `config`, or a new one if none is ready. */
  take(config: RTCConfiguration): RTCPeerConnection {
    let spare: RTCPeerConnection | undefined;
    while ((spare = this.spares.shift())) {
      try {
        spare.setConfiguration(config);
        this.refill(REPLACE_AFTER_MS);
        return spare;
      } catch {
        // A setting a spare cannot take (another bundle policy): it is of no use to anyone.
        spare.close();
      }
    }
    this.refill(REPLACE_AFTER_MS);
    return this.options.make(config);
  }

  dispose(): void {
    this.disposed = true;
    this.cancelIdle?.();
    this.cancelIdle = undefined;
    for (const spare of this.spares.splice(0)) spare.close();
  }

  private refill(afterMs: number): void {
    if (this.disposed || this.cancelIdle || this.spares.length >= this.wanted) return;
    this.cancelIdle = this.options.whenIdle(() => {
      this.cancelIdle = undefined;
      if (this.disposed || this.spares.length >= this.wanted) return;
      this.spares.push(this.options.make(this.options.base));
      this.refill(0);
    }, afterMs);
  }
}

/** A timer, then `requestIdleCallback` where the browser has it (Safari has not). */
export const browserIdle: WhenIdle = (work, afterMs) => {
  let idle: number | undefined;
  const timer = setTimeout(() => {
    if (typeof requestIdleCallback === 'function') {
      idle = requestIdleCallback(work, { timeout: IDLE_TIMEOUT_MS });
    } else {
      work();
    }
  }, afterMs);
  return () => {
    clearTimeout(timer);
    if (idle !== undefined) cancelIdleCallback(idle);
  };
};

/** A page that is never idle still gets its spares, late. */
const IDLE_TIMEOUT_MS = 5_000;
