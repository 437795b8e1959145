/** Milliseconds now; injected so tests can move time. */
export type Clock = () => number;

/** Starts and cancels one-off timers; injected so tests can fire them at will. */
export interface Scheduler {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realScheduler: Scheduler = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};
