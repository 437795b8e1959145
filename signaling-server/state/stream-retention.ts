import type { Redis } from 'ioredis';
import type { Scheduler } from '../../shared/time/time';

export interface StreamRetentionOptions {
  /** How long an entry stays: enough for a node to catch up after a short outage. */
  keepMs: number;
  /** How often older entries are dropped. */
  everyMs: number;
  scheduler: Scheduler;
  now: () => number;
}

/**
 * Keeps the stream that carries pushes between nodes (chat lines and private messages among
 * them) short: every `everyMs`, entries older than `keepMs` go. A stream entry's id is the time
 * it was added, so `XTRIM MINID` drops by age without reading anything.
 */
export class StreamRetention {
  private timer: unknown;
  private trimming: Promise<void> = Promise.resolve();
  private disposed = false;

  constructor(
    private readonly redis: Redis,
    private readonly stream: string,
    private readonly options: StreamRetentionOptions,
  ) {
    this.schedule();
  }

  /** Drops what is older than the retention now. */
  trim(): Promise<void> {
    this.trimming = this.redis
      .xtrim(this.stream, 'MINID', this.options.now() - this.options.keepMs)
      .then(
        () => undefined,
        () => undefined /* Redis away: the outage is logged once elsewhere */,
      );
    return this.trimming;
  }

  /** The trim last started, finished. */
  settled(): Promise<void> {
    return this.trimming;
  }

  dispose(): void {
    this.disposed = true;
    this.options.scheduler.clear(this.timer);
  }

  private schedule(): void {
    this.timer = this.options.scheduler.set(() => {
      if (this.disposed) return;
      void this.trim();
      this.schedule();
    }, this.options.everyMs);
  }
}
