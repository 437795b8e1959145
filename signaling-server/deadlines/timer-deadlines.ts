import type { Scheduler } from '../../shared/time/time';
import type { Logger } from '../logger';
import { deadlineKey, type DeadlineHandler, type Deadlines } from './deadlines';

interface Entry {
  kind: string;
  id: string;
  tag: string;
  /** The pending timer; null once it has fired. */
  timer: unknown;
}

/** Deadlines as timers in this process: the embedded default, with one node and no Redis. */
export class TimerDeadlines implements Deadlines {
  private readonly handlers = new Map<string, DeadlineHandler>();
  private readonly entries = new Map<string, Entry>();
  private disposed = false;

  constructor(private readonly deps: { scheduler: Scheduler; now: () => number; logger: Logger }) {}

  handle(kind: string, handler: DeadlineHandler): void {
    this.handlers.set(kind, handler);
  }

  set(kind: string, id: string, dueAt: number, tag: string): Promise<void> {
    const key = deadlineKey(kind, id);
    if (this.disposed || this.entries.get(key)?.tag === tag) return Promise.resolve();
    this.stop(key);
    const entry: Entry = { kind, id, tag, timer: null };
    entry.timer = this.deps.scheduler.set(
      () => {
        entry.timer = null;
        this.fire(entry);
      },
      Math.max(0, dueAt - this.deps.now()),
    );
    this.entries.set(key, entry);
    return Promise.resolve();
  }

  cancel(kind: string, id: string): Promise<void> {
    const key = deadlineKey(kind, id);
    this.stop(key);
    this.entries.delete(key);
    return Promise.resolve();
  }

  pending(): Promise<number> {
    let count = 0;
    for (const entry of this.entries.values()) if (entry.timer !== null) count++;
    return Promise.resolve(count);
  }

  dispose(): void {
    this.disposed = true;
    for (const key of this.entries.keys()) this.stop(key);
    this.entries.clear();
  }

  private stop(key: string): void {
    const timer = this.entries.get(key)?.timer;
    if (timer !== null && timer !== undefined) this.deps.scheduler.clear(timer);
  }

  private fire(entry: Entry): void {
    const handler = this.handlers.get(entry.kind);
    if (!handler) return;
    handler(entry.id, entry.tag).catch((error: unknown) => {
      this.deps.logger.error({ evt: 'deadline.failed', kind: entry.kind, err: error }, 'deadline');
    });
  }
}
