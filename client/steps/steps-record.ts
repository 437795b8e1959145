/**
 * "Your steps": what a person did here, kept in their own browser only. It holds the kind and
 * the local date of each gathering they came to, and the date each first happened; never a
 * name, never anything that was said.
 */

export const VisitKinds = ['support', 'family', 'oneToOne', 'social'] as const;
export type VisitKind = (typeof VisitKinds)[number];

export const FirstSteps = [
  'stayedToEnd',
  'wrote',
  'spoke',
  'shared',
  'socialEvent',
  'oneToOne',
  'outside',
] as const;
export type FirstStep = (typeof FirstSteps)[number];

/** A calendar date on the person's own clock, `YYYY-MM-DD`. */
export type LocalDate = string;

export interface Visit {
  readonly kind: VisitKind;
  readonly date: LocalDate;
}

export interface StepsRecord {
  /** Oldest first. */
  readonly visits: readonly Visit[];
  readonly firsts: Readonly<Partial<Record<FirstStep, LocalDate>>>;
}

/** Only the most recent visits are kept: enough for years of weekly gatherings. */
export const MAX_VISITS = 500;

/** Written into what is stored, so a later version can tell an older record apart. */
export const STEPS_RECORD_VERSION = 1;

export function emptyRecord(): StepsRecord {
  return { visits: [], firsts: {} };
}

export function isVisitKind(value: unknown): value is VisitKind {
  return typeof value === 'string' && (VisitKinds as readonly string[]).includes(value);
}

export function isFirstStep(value: unknown): value is FirstStep {
  return typeof value === 'string' && (FirstSteps as readonly string[]).includes(value);
}

/** The date on the browser's clock, as the record writes it. */
export function localDate(date: Date): LocalDate {
  const year = String(date.getFullYear()).padStart(4, '0');
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${year}-${month}-${day}`;
}

/** A real calendar date in the record's form: `2026-02-30` and `2026-2-3` are not. */
export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string') return false;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 2000 || month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last day of this one.
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Noon on that date, so formatting it in the browser's zone never slips to a neighbour. */
export function dateOf(date: LocalDate): Date {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(year ?? 2000, (month ?? 1) - 1, day ?? 1, 12);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function salvageVisit(value: unknown): Visit | undefined {
  if (!isPlainObject(value)) return undefined;
  const { kind, date } = value;
  return isVisitKind(kind) && isLocalDate(date) ? { kind, date } : undefined;
}

/**
 * Whatever can be kept from a stored value. What storage holds may have been cut short, edited
 * by hand or written by another version: every entry that is valid survives, the rest is
 * dropped, and nothing in it can throw or reach past the known fields (`__proto__` and friends
 * are never read, only the names in `FirstSteps`).
 */
export function salvageRecord(value: unknown): StepsRecord {
  if (!isPlainObject(value)) return emptyRecord();
  const visits: Visit[] = [];
  if (Array.isArray(value.visits)) {
    // From the end, so a long list costs no more than the visits that are kept.
    const stored: unknown[] = value.visits;
    for (let i = stored.length - 1; i >= 0 && visits.length < MAX_VISITS; i--) {
      const visit = salvageVisit(stored[i]);
      if (visit) visits.push(visit);
    }
    visits.reverse();
  }
  const firsts: Partial<Record<FirstStep, LocalDate>> = {};
  const storedFirsts = value.firsts;
  if (isPlainObject(storedFirsts)) {
    for (const step of FirstSteps) {
      const date = Object.hasOwn(storedFirsts, step) ? storedFirsts[step] : undefined;
      if (isLocalDate(date)) firsts[step] = date;
    }
  }
  return { visits, firsts };
}

/** The stored text as a record; anything that is not JSON reads as an empty one. */
export function parseStepsRecord(text: string | null | undefined): StepsRecord {
  if (typeof text !== 'string') return emptyRecord();
  try {
    return salvageRecord(JSON.parse(text));
  } catch {
    return emptyRecord();
  }
}

/** The form kept in storage: the fields in a fixed order, with the version. */
export function serializeRecord(record: StepsRecord): string {
  return JSON.stringify({
    version: STEPS_RECORD_VERSION,
    visits: record.visits.map(({ kind, date }) => ({ kind, date })),
    firsts: firstsInOrder(record),
  });
}

/** The firsts in the order of `FirstSteps`, with only those that happened. */
export function firstsInOrder(record: StepsRecord): Partial<Record<FirstStep, LocalDate>> {
  const firsts: Partial<Record<FirstStep, LocalDate>> = {};
  for (const step of FirstSteps) {
    const date = record.firsts[step];
    if (date !== undefined) firsts[step] = date;
  }
  return firsts;
}
