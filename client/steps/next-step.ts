import type { MessageKey } from '../i18n/en';
import { localDate, type StepsRecord } from './steps-record';

/**
 * Small steps away from the screen that the operator suggests, in the page's language: places
 * to visit (the "Places near you" list) and everyday things ("open the curtains in the
 * morning"). Either list may be empty.
 */
export interface OfflineSteps {
  readonly places: readonly { readonly name: string; readonly description: string }[];
  readonly smallSteps: readonly string[];
}

export const noOfflineSteps: OfflineSteps = { places: [], smallSteps: [] };

export const NextStepKeys = [
  'steps.next.come',
  'steps.next.stay',
  'steps.next.write',
  'steps.next.speak',
  'steps.next.oneToOne',
  'steps.next.social',
  'steps.next.outside',
  'steps.next.place',
  'steps.next.placeAbout',
  'steps.next.small',
  'steps.next.again',
] as const satisfies readonly MessageKey[];
export type NextStepKey = (typeof NextStepKeys)[number];

/** One suggestion, to be put into words by the page: a message key and what fills it in. */
export interface NextStep {
  readonly key: NextStepKey;
  readonly params: Readonly<Record<string, string>>;
}

function step(key: NextStepKey, params: Record<string, string> = {}): NextStep {
  return { key, params };
}

/** Days since 1970 for the date on the browser's clock, so the choice turns once a day. */
function dayNumber(today: Date): number {
  const [year, month, day] = localDate(today).split('-').map(Number);
  return Math.floor(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1) / 86_400_000);
}

function pick<T>(items: readonly T[], index: number): T | undefined {
  return items.length === 0 ? undefined : items[index % items.length];
}

function placeSteps(offline: OfflineSteps): NextStep[] {
  return offline.places
    .filter((place) => place.name.trim() !== '')
    .map((place) =>
      place.description.trim() === ''
        ? step('steps.next.place', { name: place.name.trim() })
        : step('steps.next.placeAbout', {
            name: place.name.trim(),
            description: place.description.trim(),
          }),
    );
}

function smallSteps(offline: OfflineSteps): NextStep[] {
  return offline.smallSteps
    .map((text) => text.trim())
    .filter((text) => text !== '')
    .map((text) => step('steps.next.small', { step: text }));
}

/** Any gathering, or any first made in one (a record cut short may have lost its visits). */
function cameOnce(record: StepsRecord): boolean {
  return (
    record.visits.length > 0 || Object.keys(record.firsts).some((first) => first !== 'outside')
  );
}

/**
 * The steps that fit where the person is, easiest first, and how often (one day in `every`) a
 * step away from the screen takes their place. Offline steps come in once the person has
 * found their feet here, and more often the further they have come.
 */
function fitting(record: StepsRecord, offline: OfflineSteps): { main: NextStep[]; every: number } {
  const { firsts } = record;
  const places = placeSteps(offline);
  const outside = places.length > 0 ? places : [step('steps.next.outside')];
  if (!cameOnce(record)) return { main: [step('steps.next.come')], every: 0 };
  if (firsts.stayedToEnd === undefined) return { main: [step('steps.next.stay')], every: 3 };
  const spoke = firsts.spoke !== undefined || firsts.shared !== undefined;
  if (firsts.wrote === undefined && !spoke) return { main: [step('steps.next.write')], every: 3 };
  if (!spoke) return { main: [step('steps.next.speak')], every: 2 };
  const together = [
    ...(firsts.oneToOne === undefined ? [step('steps.next.oneToOne')] : []),
    ...(firsts.socialEvent === undefined ? [step('steps.next.social')] : []),
  ];
  if (together.length === 2) return { main: together, every: 2 };
  // Done several: now the steps outside lead, and what is left online comes in between.
  if (firsts.outside === undefined) return { main: [...outside, ...together], every: 0 };
  return { main: [...outside, ...together, step('steps.next.again')], every: 0 };
}

/**
 * One gentle suggestion for a next small step, from what the person has done so far. The same
 * record and day give the same suggestion; among steps that fit equally, it turns by the day.
 */
export function suggestNextStep(
  record: StepsRecord,
  offline: OfflineSteps,
  today: Date = new Date(),
): NextStep {
  const day = dayNumber(today);
  const { main, every } = fitting(record, offline);
  const aside = [...smallSteps(offline), ...(every > 0 ? placeSteps(offline) : [])];
  if (every > 0 && aside.length > 0 && day % every === every - 1) {
    const chosen = pick(aside, Math.floor(day / every));
    if (chosen) return chosen;
  }
  // Past the online steps, the operator's small steps join the places in turn.
  const pool = every === 0 && cameOnce(record) ? [...main, ...smallSteps(offline)] : main;
  return pick(pool, day) ?? step('steps.next.come');
}
