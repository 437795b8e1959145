import type { Logger } from '../logger';

/**
 * Logs a repeating task's failures once per outage, and its recovery once, rather than on
 * every attempt while Redis is away. `evt` names the task, e.g. `deadline.sweep`.
 */
export class OutageLog {
  private failing = false;

  constructor(
    private readonly logger: Logger,
    private readonly evt: string,
  ) {}

  failed(error: unknown): void {
    if (this.failing) return;
    this.failing = true;
    this.logger.warn({ evt: `${this.evt}_failed`, err: error }, `${this.evt} failed`);
  }

  /** True when this success ends an outage. */
  succeeded(): boolean {
    if (!this.failing) return false;
    this.failing = false;
    this.logger.info({ evt: `${this.evt}_recovered` }, `${this.evt} recovered`);
    return true;
  }
}
