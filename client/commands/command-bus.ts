import type { Command, CommandOf, CommandSource, CommandType } from './commands';

/**
 * What the controls show, whichever surface draws them: the page's buttons and the VR menu both
 * render their toggles from this one state, so they never disagree.
 */
export interface CommandState {
  /** The person's own microphone switch (not whether push to talk is currently holding it). */
  muted: boolean;
  pushToTalk: boolean;
  handRaised: boolean;
  away: boolean;
  helpOpen: boolean;
  /** Immersive VR is supported here, so "Enter VR" is offered. */
  xrAvailable: boolean;
}

export const initialCommandState: Readonly<CommandState> = Object.freeze({
  muted: false,
  pushToTalk: false,
  handRaised: false,
  away: false,
  helpOpen: false,
  xrAvailable: false,
});

export type CommandHandler<T extends CommandType> = (
  command: CommandOf<T>,
  source: CommandSource,
) => void;
export type RunListener = (command: Command, source: CommandSource) => void;
export type StateListener = (
  state: Readonly<CommandState>,
  previous: Readonly<CommandState>,
) => void;

/**
 * The one place commands go. Each kind of command has exactly one handler, so a key press, a
 * click and a VR menu selection all do the same thing; listeners hear every command that ran
 * (for status announcements).
 */
export class CommandBus {
  // Stored loosely; `handle` is the only writer and keys each handler by its own type.
  private readonly handlers = new Map<
    CommandType,
    (command: Command, source: CommandSource) => void
  >();
  private readonly runListeners = new Set<RunListener>();
  private readonly stateListeners = new Set<StateListener>();
  private current: Readonly<CommandState>;

  constructor(initial: Partial<CommandState> = {}) {
    this.current = Object.freeze({ ...initialCommandState, ...initial });
  }

  get state(): Readonly<CommandState> {
    return this.current;
  }

  /**
   * Registers the handler for one kind of command and returns its removal. A second handler for
   * the same kind is a wiring mistake, so it throws rather than silently replacing the first.
   */
  handle<T extends CommandType>(type: T, handler: CommandHandler<T>): () => void {
    if (this.handlers.has(type)) throw new Error(`A handler for ${type} is already registered`);
    const stored = (command: Command, source: CommandSource) => {
      handler(command as CommandOf<T>, source);
    };
    this.handlers.set(type, stored);
    return () => {
      if (this.handlers.get(type) === stored) this.handlers.delete(type);
    };
  }

  has(type: CommandType): boolean {
    return this.handlers.has(type);
  }

  /** Runs a command; false (and nothing announced) when no handler takes its kind. */
  run(command: Command, source: CommandSource): boolean {
    const handler = this.handlers.get(command.type);
    if (!handler) return false;
    handler(command, source);
    for (const listener of [...this.runListeners]) listener(command, source);
    return true;
  }

  /** Hears every command after its handler ran; returns the unsubscribe function. */
  onRun(listener: RunListener): () => void {
    this.runListeners.add(listener);
    return () => this.runListeners.delete(listener);
  }

  /** Changes part of the state; listeners hear only real changes. */
  set(partial: Partial<CommandState>): void {
    const next: CommandState = { ...this.current };
    for (const key of Object.keys(partial) as (keyof CommandState)[]) {
      const value = partial[key];
      if (typeof value === 'boolean') next[key] = value;
    }
    const changed = (Object.keys(next) as (keyof CommandState)[]).some(
      (key) => next[key] !== this.current[key],
    );
    if (!changed) return;
    const previous = this.current;
    this.current = Object.freeze(next);
    for (const listener of [...this.stateListeners]) listener(this.current, previous);
  }

  /**
   * Calls `listener` now with the current state (so a view draws itself at once), then after
   * every change. Returns the unsubscribe function.
   */
  subscribe(listener: StateListener): () => void {
    this.stateListeners.add(listener);
    listener(this.current, this.current);
    return () => this.stateListeners.delete(listener);
  }

  /** Drops every handler and listener and returns the state to its start. */
  dispose(): void {
    this.handlers.clear();
    this.runListeners.clear();
    this.stateListeners.clear();
    this.current = initialCommandState;
  }
}
