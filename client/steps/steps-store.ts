import { Emitter } from '../events/emitter';
import {
  MAX_VISITS,
  emptyRecord,
  firstsInOrder,
  localDate,
  parseStepsRecord,
  serializeRecord,
  type FirstStep,
  type StepsRecord,
  type VisitKind,
} from './steps-record';

export {
  FirstSteps,
  VisitKinds,
  type FirstStep,
  type StepsRecord,
  type Visit,
  type VisitKind,
} from './steps-record';

const STORAGE_KEY = 'engawa.steps';

/** Named in the exported file, so a copy can be recognised later. */
export const EXPORT_FORMAT = 'engawa-steps';
export const EXPORT_VERSION = 1;

/** Coming to a social gathering or a one-to-one session is a first of its own, too. */
const firstOfVisit: Partial<Record<VisitKind, FirstStep>> = {
  social: 'socialEvent',
  oneToOne: 'oneToOne',
};

/**
 * The person's steps, under `engawa.steps` in this browser and nowhere else. Every change reads
 * storage again first, so two open tabs add to one record instead of overwriting each other.
 * Storage that is missing or refuses makes the record last for this page only.
 */
export class StepsStore {
  /** After every change made here. */
  readonly changed = new Emitter<[]>();
  private pageOnly: boolean;
  private memory: StepsRecord = emptyRecord();

  constructor(
    private readonly storage: Storage | undefined,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.pageOnly = storage === undefined;
  }

  read(): StepsRecord {
    if (this.pageOnly) return this.memory;
    try {
      this.memory = parseStepsRecord(this.storage?.getItem(STORAGE_KEY));
    } catch {
      this.pageOnly = true;
    }
    return this.memory;
  }

  /** A gathering the person came to, on today's date. */
  recordVisit(kind: VisitKind): void {
    const today = this.today();
    const record = this.read();
    const visits = [...record.visits, { kind, date: today }].slice(-MAX_VISITS);
    const step = firstOfVisit[kind];
    const firsts =
      step === undefined || record.firsts[step] !== undefined
        ? record.firsts
        : { ...record.firsts, [step]: today };
    this.write({ visits, firsts });
  }

  /** Notes a first on today's date; true only the first time, later calls change nothing. */
  recordFirst(step: FirstStep): boolean {
    const record = this.read();
    if (record.firsts[step] !== undefined) return false;
    this.write({ visits: record.visits, firsts: { ...record.firsts, [step]: this.today() } });
    return true;
  }

  /**
   * Takes a first back out; true when there was one. Meant for `outside`, which the person
   * ticks themself and may have ticked by mistake.
   */
  forgetFirst(step: FirstStep): boolean {
    const record = this.read();
    if (record.firsts[step] === undefined) return false;
    const firsts = Object.fromEntries(
      Object.entries(record.firsts).filter(([name]) => name !== step),
    ) as StepsRecord['firsts'];
    this.write({ visits: record.visits, firsts });
    return true;
  }

  /** The whole record as a file the person can keep: readable, with what it is and when. */
  exportJson(): string {
    const record = this.read();
    return JSON.stringify(
      {
        format: EXPORT_FORMAT,
        version: EXPORT_VERSION,
        exportedOn: this.today(),
        firsts: firstsInOrder(record),
        visits: record.visits,
      },
      null,
      2,
    );
  }

  /** `engawa-steps-2026-12-10.json`, dated today. */
  exportFileName(): string {
    return `engawa-steps-${this.today()}.json`;
  }

  erase(): void {
    this.memory = emptyRecord();
    try {
      this.storage?.removeItem(STORAGE_KEY);
    } catch {
      // Nothing more to erase when storage cannot be reached.
    }
    this.changed.emit();
  }

  dispose(): void {
    this.changed.clear();
  }

  private today(): string {
    return localDate(this.now());
  }

  private write(record: StepsRecord): void {
    this.memory = record;
    if (!this.pageOnly) {
      try {
        this.storage?.setItem(STORAGE_KEY, serializeRecord(record));
      } catch {
        // A full or refusing storage: keep the record for this page rather than lose it.
        this.pageOnly = true;
      }
    }
    this.changed.emit();
  }
}
