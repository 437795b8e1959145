import { Emitter } from '../events/emitter';

/**
 * How long this browser has had Engawa open today, so that a gentle note can suggest a break
 * once a day. Counted in local storage (`engawa.balance`), shared by every tab of the browser;
 * the limit is the operator's default unless the person chose their own
 * (`engawa.balanceLimit`). Nothing here leaves the browser.
 */

const STATE_KEY = 'engawa.balance';
const LIMIT_KEY = 'engawa.balanceLimit';

/** How often an open page counts. */
export const BALANCE_TICK_MS = 15_000;

/** The operator's default when the server does not say otherwise. */
export const DEFAULT_BALANCE_MINUTES = 120;

/** The limits a person may choose; `default` follows the operator, `off` never shows a note. */
export const LimitChoices = ['default', 60, 90, 120, 180, 240, 'off'] as const;
export type LimitChoice = (typeof LimitChoices)[number];

/** What is stored: today's local date, the time counted on it, and the last count. */
export interface BalanceState {
  readonly date: string;
  readonly usedMs: number;
  /** Whether today's note has been shown (in any tab). */
  readonly noted: boolean;
  /** When any tab last counted, in ms since 1970. */
  readonly lastTick: number;
}

/**
 * Where local days begin and end. The browser's own zone in the page; a fixed offset in tests,
 * so they do not depend on the machine they run on.
 */
export interface LocalDays {
  /** `YYYY-MM-DD` of the local day holding `at`. */
  dateOf(at: number): string;
  /** When the local day holding `at` began. */
  startOf(at: number): number;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** The browser's zone, daylight saving and all. */
export const browserDays: LocalDays = {
  dateOf(at) {
    const date = new Date(at);
    return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  },
  startOf(at) {
    const date = new Date(at);
    return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
  },
};

const DAY_MS = 86_400_000;

/** A zone a fixed number of minutes east of UTC (Tokyo is 540). */
export function fixedOffsetDays(offsetMinutes: number): LocalDays {
  const offset = offsetMinutes * 60_000;
  return {
    dateOf(at) {
      const date = new Date(at + offset);
      return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
    },
    startOf(at) {
      return Math.floor((at + offset) / DAY_MS) * DAY_MS - offset;
    },
  };
}

/** The stored state, or undefined when it is missing or not one. */
export function parseBalanceState(value: unknown): BalanceState | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { date, usedMs, noted, lastTick } = value as Record<string, unknown>;
  if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  if (typeof usedMs !== 'number' || !Number.isFinite(usedMs) || usedMs < 0) return undefined;
  if (typeof lastTick !== 'number' || !Number.isFinite(lastTick)) return undefined;
  if (typeof noted !== 'boolean') return undefined;
  return { date, usedMs, noted, lastTick };
}

function parseStoredState(text: string | null | undefined): BalanceState | undefined {
  if (!text) return undefined;
  try {
    return parseBalanceState(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/**
 * The state after a count at `now`. The time since the last count (by any tab, so two tabs
 * never count the same minutes twice) is added, except that a gap longer than two intervals
 * (a sleeping laptop, every Engawa page closed) counts as one interval only. A hidden tab the
 * browser wakes only once a minute therefore counts less than its time: the note may come
 * later, never sooner. A count that crosses local midnight keeps only the part after it, for
 * the new day, whose note has not been shown.
 */
export function advanceBalance(
  previous: BalanceState | undefined,
  now: number,
  days: LocalDays,
  intervalMs: number = BALANCE_TICK_MS,
): BalanceState {
  const date = days.dateOf(now);
  // A last count more than a day ahead is not a clock set back a little: start again.
  if (!previous || previous.lastTick > now + DAY_MS)
    return { date, usedMs: 0, noted: false, lastTick: now };
  const elapsed = now - previous.lastTick;
  // A clock set back, or another tab that counted just now: nothing to add.
  const counted = elapsed <= 0 ? 0 : elapsed > 2 * intervalMs ? intervalMs : elapsed;
  const lastTick = Math.max(now, previous.lastTick);
  if (previous.date === date) {
    return { date, usedMs: previous.usedMs + counted, noted: previous.noted, lastTick };
  }
  return { date, usedMs: Math.min(counted, now - days.startOf(now)), noted: false, lastTick };
}

/** True when today's count has reached the limit and today's note is still to come. */
export function isNoteDue(state: BalanceState, limitMinutes: number | null): boolean {
  return limitMinutes !== null && !state.noted && state.usedMs >= limitMinutes * 60_000;
}

/** The person's stored choice; anything unknown reads as following the operator. */
export function parseLimitChoice(value: unknown): LimitChoice {
  if (value === 'off') return 'off';
  if (typeof value === 'string' && /^\d{2,3}$/.test(value)) {
    const minutes = Number(value);
    for (const choice of LimitChoices) if (choice === minutes) return choice;
  }
  return 'default';
}

/** The operator's minutes as given by the server: null (no note) or a sane length of time. */
export function sanitizeOperatorMinutes(value: unknown): number | null {
  if (value === null) return null;
  if (typeof value === 'number' && Number.isFinite(value) && value >= 1 && value <= 24 * 60) {
    return Math.round(value);
  }
  return DEFAULT_BALANCE_MINUTES;
}

/** The limit in force, in minutes, or null when no note is to be shown. */
export function effectiveLimit(choice: LimitChoice, operatorMinutes: number | null): number | null {
  if (choice === 'default') return operatorMinutes;
  if (choice === 'off') return null;
  return choice;
}

export interface BalanceClockOptions {
  /** The operator's default in minutes, null for no note. */
  operatorMinutes?: number | null;
  now?: () => number;
  days?: LocalDays;
  intervalMs?: number;
}

/**
 * Counts today's time in Engawa, for this browser. `tick()` is called every `intervalMs` by
 * every open page; it answers true once a day, when the limit is first reached. Storage that is
 * missing or refuses makes the count last for this page only.
 */
export class BalanceClock {
  /** After the limit or the operator's default changes. */
  readonly changed = new Emitter<[]>();
  readonly intervalMs: number;
  private readonly now: () => number;
  private readonly days: LocalDays;
  private operator: number | null;
  private pageOnly: boolean;
  private state: BalanceState | undefined;
  private choice: LimitChoice = 'default';

  constructor(
    private readonly storage: Storage | undefined,
    options: BalanceClockOptions = {},
  ) {
    this.operator = sanitizeOperatorMinutes(
      options.operatorMinutes === undefined ? DEFAULT_BALANCE_MINUTES : options.operatorMinutes,
    );
    this.now = options.now ?? (() => Date.now());
    this.days = options.days ?? browserDays;
    this.intervalMs = options.intervalMs ?? BALANCE_TICK_MS;
    this.pageOnly = storage === undefined;
  }

  /** Counts the time since the last count; true when the note is due now (once a day). */
  tick(): boolean {
    const next = advanceBalance(this.load(), this.now(), this.days, this.intervalMs);
    const due = isNoteDue(next, this.limitMinutes());
    this.save(due ? { ...next, noted: true } : next);
    return due;
  }

  /** Today's counted time, in ms, as of the last count. */
  usedMs(): number {
    const state = this.load();
    return state?.date === this.days.dateOf(this.now()) ? state.usedMs : 0;
  }

  get operatorMinutes(): number | null {
    return this.operator;
  }

  /** The operator's default, once the server has said it. */
  setOperatorMinutes(minutes: number | null): void {
    const next = sanitizeOperatorMinutes(minutes);
    if (next === this.operator) return;
    this.operator = next;
    this.changed.emit();
  }

  limitChoice(): LimitChoice {
    if (!this.pageOnly) {
      try {
        this.choice = parseLimitChoice(this.storage?.getItem(LIMIT_KEY));
      } catch {
        this.pageOnly = true;
      }
    }
    return this.choice;
  }

  /** The person's own limit; `default` forgets it and follows the operator again. */
  setLimitChoice(choice: LimitChoice): void {
    this.choice = choice;
    if (!this.pageOnly) {
      try {
        if (choice === 'default') this.storage?.removeItem(LIMIT_KEY);
        else this.storage?.setItem(LIMIT_KEY, String(choice));
      } catch {
        this.pageOnly = true;
      }
    }
    this.changed.emit();
  }

  /** The limit in force, in minutes, or null when no note is to be shown. */
  limitMinutes(): number | null {
    return effectiveLimit(this.limitChoice(), this.operator);
  }

  dispose(): void {
    this.changed.clear();
  }

  private load(): BalanceState | undefined {
    if (this.pageOnly) return this.state;
    let text: string | null | undefined;
    try {
      text = this.storage?.getItem(STATE_KEY);
    } catch {
      // Storage refused: the count goes on in this page from here.
      this.pageOnly = true;
      return this.state;
    }
    this.state = parseStoredState(text);
    return this.state;
  }

  private save(state: BalanceState): void {
    this.state = state;
    if (this.pageOnly) return;
    try {
      this.storage?.setItem(STATE_KEY, JSON.stringify(state));
    } catch {
      this.pageOnly = true;
    }
  }
}
