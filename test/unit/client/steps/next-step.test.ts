import { en } from '../../../../client/i18n/en';
import { ja } from '../../../../client/i18n/ja';
import {
  NextStepKeys,
  noOfflineSteps,
  suggestNextStep,
  type NextStep,
  type OfflineSteps,
} from '../../../../client/steps/next-step';
import type { FirstStep, StepsRecord } from '../../../../client/steps/steps-record';

const offline: OfflineSteps = {
  places: [
    { name: 'Hikikomori Support Centre', description: 'Open on weekdays.' },
    { name: 'Community library', description: '' },
  ],
  smallSteps: ['Open the curtains in the morning', 'Walk to the corner shop'],
};

function record(firsts: FirstStep[], visits = 1): StepsRecord {
  return {
    visits: Array.from({ length: visits }, () => ({ kind: 'support', date: '2026-12-01' })),
    firsts: Object.fromEntries(firsts.map((step) => [step, '2026-12-01'])),
  };
}

/** A month of suggestions, one a day, from 1 January 2027 on the local clock. */
function month(steps: StepsRecord, given: OfflineSteps = noOfflineSteps): NextStep[] {
  return Array.from({ length: 30 }, (_, i) =>
    suggestNextStep(steps, given, new Date(2027, 0, 1 + i, 9)),
  );
}

const keysOf = (steps: NextStep[]): Set<string> => new Set(steps.map((step) => step.key));

describe('suggestNextStep', () => {
  it('with nothing yet, suggests coming to sit and listen, every day, whatever the operator lists', () => {
    expect(keysOf(month(record([], 0)))).toEqual(new Set(['steps.next.come']));
    expect(keysOf(month(record([], 0), offline))).toEqual(new Set(['steps.next.come']));
  });

  it('with only a tick outside, still suggests coming once', () => {
    expect(keysOf(month(record(['outside'], 0), offline))).toEqual(new Set(['steps.next.come']));
  });

  it('after coming without staying to the end, suggests staying to the end once', () => {
    expect(keysOf(month(record([])))).toEqual(new Set(['steps.next.stay']));
  });

  it('after staying, suggests one line in the chat', () => {
    expect(keysOf(month(record(['stayedToEnd'])))).toEqual(new Set(['steps.next.write']));
  });

  it('after writing, suggests saying one word', () => {
    expect(keysOf(month(record(['stayedToEnd', 'wrote'])))).toEqual(new Set(['steps.next.speak']));
  });

  it.each<FirstStep[]>([
    ['stayedToEnd', 'spoke'],
    ['stayedToEnd', 'wrote', 'shared'],
  ])('after speaking or sharing (%p), suggests a one-to-one or a social gathering', (...firsts) => {
    expect(keysOf(month(record(firsts)))).toEqual(
      new Set(['steps.next.oneToOne', 'steps.next.social']),
    );
  });

  it('does not suggest what was already done', () => {
    expect(keysOf(month(record(['stayedToEnd', 'spoke', 'oneToOne'])))).not.toContain(
      'steps.next.oneToOne',
    );
  });

  it('after several steps, suggests a place outside from the operator’s list, each in turn', () => {
    const steps = month(record(['stayedToEnd', 'spoke', 'oneToOne', 'socialEvent']), offline);
    const places = steps.filter((step) => step.key.startsWith('steps.next.place'));
    expect(places.length).toBeGreaterThan(0);
    expect(new Set(places.map((step) => step.params.name))).toEqual(
      new Set(['Hikikomori Support Centre', 'Community library']),
    );
    expect(steps).toContainEqual({
      key: 'steps.next.placeAbout',
      params: { name: 'Hikikomori Support Centre', description: 'Open on weekdays.' },
    });
    expect(steps).toContainEqual({
      key: 'steps.next.place',
      params: { name: 'Community library' },
    });
  });

  it('after several steps and no list from the operator, suggests a place outside in general', () => {
    expect(keysOf(month(record(['stayedToEnd', 'spoke', 'oneToOne', 'socialEvent'])))).toEqual(
      new Set(['steps.next.outside']),
    );
  });

  it('after going outside too, also says to come again as you are', () => {
    const keys = keysOf(
      month(record(['stayedToEnd', 'spoke', 'oneToOne', 'socialEvent', 'outside'])),
    );
    expect(keys).toEqual(new Set(['steps.next.outside', 'steps.next.again']));
  });

  it('brings in the operator’s small steps once the person has some steps online', () => {
    for (const firsts of [[], ['stayedToEnd'], ['stayedToEnd', 'wrote']] as FirstStep[][]) {
      const steps = month(record(firsts), offline);
      const small = steps.filter((step) => step.key === 'steps.next.small');
      expect(small.length).toBeGreaterThan(0);
      // Still mostly the step online that fits.
      expect(small.length).toBeLessThan(steps.length / 2);
      expect(new Set(small.map((step) => step.params.step))).toEqual(new Set(offline.smallSteps));
    }
  });

  it('ignores blank entries from the operator', () => {
    const blank: OfflineSteps = { places: [{ name: '  ', description: 'x' }], smallSteps: [' '] };
    const keys = keysOf(month(record(['stayedToEnd', 'spoke', 'oneToOne', 'socialEvent']), blank));
    expect(keys).toEqual(new Set(['steps.next.outside']));
  });

  it('is the same all day for the same record, and turns from one day to the next', () => {
    const steps = record(['stayedToEnd', 'spoke']);
    const morning = suggestNextStep(steps, offline, new Date(2027, 0, 4, 0, 5));
    const evening = suggestNextStep(steps, offline, new Date(2027, 0, 4, 23, 55));
    expect(evening).toEqual(morning);
    const week = Array.from({ length: 7 }, (_, i) =>
      suggestNextStep(steps, offline, new Date(2027, 0, 4 + i, 12)),
    );
    expect(keysOf(week).size).toBeGreaterThan(1);
  });

  it('answers with message keys that both languages have', () => {
    for (const key of NextStepKeys) {
      expect(en[key]).toBeTruthy();
      expect(ja[key]).toBeTruthy();
    }
  });
});
