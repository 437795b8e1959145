import {
  EXPORT_FORMAT,
  FirstSteps,
  StepsStore,
  VisitKinds,
} from '../../../../client/steps/steps-store';
import { MAX_VISITS } from '../../../../client/steps/steps-record';
import { MemoryStorage } from './memory-storage';

const KEY = 'engawa.steps';

/** A clock the test moves by hand; dates are local, as the store writes them. */
function clock(start = new Date(2026, 11, 10, 19, 30)): {
  now: () => Date;
  set: (d: Date) => void;
} {
  let current = start;
  return {
    now: () => current,
    set: (date) => {
      current = date;
    },
  };
}

describe('StepsStore', () => {
  it('starts empty, with nothing stored until something happens', () => {
    const storage = new MemoryStorage();
    const store = new StepsStore(storage.asStorage, clock().now);
    expect(store.read()).toEqual({ visits: [], firsts: {} });
    expect(storage.items.size).toBe(0);
  });

  it('records a visit with its kind and local date only, under engawa.steps', () => {
    const storage = new MemoryStorage();
    const store = new StepsStore(storage.asStorage, clock().now);
    store.recordVisit('support');
    expect(store.read().visits).toEqual([{ kind: 'support', date: '2026-12-10' }]);
    const stored = JSON.parse(storage.items.get(KEY) ?? 'null') as Record<string, unknown>;
    expect(Object.keys(stored).sort()).toEqual(['firsts', 'version', 'visits']);
    expect(stored.visits).toEqual([{ kind: 'support', date: '2026-12-10' }]);
  });

  it('uses the local date, not the UTC one', () => {
    // 00:30 local on the 11th: whatever the machine's zone, the record says the 11th.
    const store = new StepsStore(
      new MemoryStorage().asStorage,
      () => new Date(2026, 11, 11, 0, 30),
    );
    store.recordVisit('family');
    expect(store.read().visits[0]?.date).toBe('2026-12-11');
  });

  it('keeps visits in order and reads them back in a new store (a reload)', () => {
    const storage = new MemoryStorage();
    const time = clock();
    const store = new StepsStore(storage.asStorage, time.now);
    store.recordVisit('support');
    time.set(new Date(2026, 11, 17, 19));
    store.recordVisit('family');
    const again = new StepsStore(storage.asStorage, time.now);
    expect(again.read().visits).toEqual([
      { kind: 'support', date: '2026-12-10' },
      { kind: 'family', date: '2026-12-17' },
    ]);
  });

  it('makes a social gathering and a one-to-one session firsts of their own, once', () => {
    const time = clock();
    const store = new StepsStore(new MemoryStorage().asStorage, time.now);
    store.recordVisit('social');
    store.recordVisit('support');
    expect(store.read().firsts).toEqual({ socialEvent: '2026-12-10' });
    time.set(new Date(2026, 11, 20, 10));
    store.recordVisit('oneToOne');
    store.recordVisit('social');
    expect(store.read().firsts).toEqual({ socialEvent: '2026-12-10', oneToOne: '2026-12-20' });
  });

  it('says a first is new only the first time, and keeps its first date', () => {
    const time = clock();
    const store = new StepsStore(new MemoryStorage().asStorage, time.now);
    expect(store.recordFirst('wrote')).toBe(true);
    time.set(new Date(2027, 0, 5, 12));
    expect(store.recordFirst('wrote')).toBe(false);
    expect(store.recordFirst('spoke')).toBe(true);
    expect(store.read().firsts).toEqual({ wrote: '2026-12-10', spoke: '2027-01-05' });
  });

  it('tells its listeners after each change, and not after a first that was not new', () => {
    const store = new StepsStore(new MemoryStorage().asStorage, clock().now);
    const heard = jest.fn();
    store.changed.on(heard);
    store.recordVisit('support');
    store.recordFirst('wrote');
    store.recordFirst('wrote');
    store.erase();
    expect(heard).toHaveBeenCalledTimes(3);
    store.dispose();
    store.recordVisit('support');
    expect(heard).toHaveBeenCalledTimes(3);
  });

  it('can take back the visit outside, which the person ticks themself', () => {
    const store = new StepsStore(new MemoryStorage().asStorage, clock().now);
    store.recordFirst('wrote');
    store.recordFirst('outside');
    expect(store.forgetFirst('outside')).toBe(true);
    expect(store.forgetFirst('outside')).toBe(false);
    expect(store.read().firsts).toEqual({ wrote: '2026-12-10' });
  });

  it('adds to what another tab stored meanwhile, rather than overwriting it', () => {
    const storage = new MemoryStorage();
    const one = new StepsStore(storage.asStorage, clock().now);
    const two = new StepsStore(storage.asStorage, clock().now);
    one.read();
    two.read();
    one.recordVisit('support');
    two.recordFirst('wrote');
    expect(one.read()).toEqual({
      visits: [{ kind: 'support', date: '2026-12-10' }],
      firsts: { wrote: '2026-12-10' },
    });
  });

  it(`keeps the last ${String(MAX_VISITS)} visits`, () => {
    const storage = new MemoryStorage();
    const store = new StepsStore(storage.asStorage, clock().now);
    for (let i = 0; i < MAX_VISITS + 3; i++) store.recordVisit(i < 3 ? 'family' : 'support');
    const { visits } = new StepsStore(storage.asStorage, clock().now).read();
    expect(visits).toHaveLength(MAX_VISITS);
    expect(visits.every((visit) => visit.kind === 'support')).toBe(true);
  });

  describe('export', () => {
    it('is pretty JSON with the format, version and date, and the record', () => {
      const store = new StepsStore(new MemoryStorage().asStorage, clock().now);
      store.recordVisit('support');
      store.recordFirst('stayedToEnd');
      const text = store.exportJson();
      expect(text).toContain('\n  "format"');
      expect(JSON.parse(text)).toEqual({
        format: EXPORT_FORMAT,
        version: 1,
        exportedOn: '2026-12-10',
        firsts: { stayedToEnd: '2026-12-10' },
        visits: [{ kind: 'support', date: '2026-12-10' }],
      });
    });

    it('names the file after today', () => {
      const store = new StepsStore(undefined, clock().now);
      expect(store.exportFileName()).toBe('engawa-steps-2026-12-10.json');
    });

    it('lists the firsts in a fixed order, whatever order they came in', () => {
      const store = new StepsStore(new MemoryStorage().asStorage, clock().now);
      store.recordFirst('outside');
      store.recordFirst('wrote');
      const parsed = JSON.parse(store.exportJson()) as { firsts: object };
      expect(Object.keys(parsed.firsts)).toEqual(['wrote', 'outside']);
    });
  });

  describe('erase', () => {
    it('empties the record and removes the key from storage', () => {
      const storage = new MemoryStorage();
      storage.items.set('engawa.color', '3');
      const store = new StepsStore(storage.asStorage, clock().now);
      store.recordVisit('support');
      store.recordFirst('wrote');
      store.erase();
      expect(store.read()).toEqual({ visits: [], firsts: {} });
      expect(storage.items.has(KEY)).toBe(false);
      // Only its own key.
      expect(storage.items.get('engawa.color')).toBe('3');
      expect(new StepsStore(storage.asStorage, clock().now).read().visits).toEqual([]);
    });

    it('lets the firsts be new again afterwards', () => {
      const store = new StepsStore(new MemoryStorage().asStorage, clock().now);
      store.recordFirst('spoke');
      store.erase();
      expect(store.recordFirst('spoke')).toBe(true);
    });
  });

  describe('without usable storage, the record lasts for the page', () => {
    it.each([
      ['absent', () => undefined],
      [
        'blocked',
        () => {
          const storage = new MemoryStorage();
          storage.blocked = true;
          return storage.asStorage;
        },
      ],
    ])('storage %s', (_name, make) => {
      const store = new StepsStore(make(), clock().now);
      store.recordVisit('support');
      expect(store.recordFirst('wrote')).toBe(true);
      expect(store.recordFirst('wrote')).toBe(false);
      expect(store.read().visits).toHaveLength(1);
      expect(() => {
        store.erase();
      }).not.toThrow();
      expect(store.read().visits).toHaveLength(0);
    });

    it('a full storage keeps what this page added', () => {
      const storage = new MemoryStorage();
      const store = new StepsStore(storage.asStorage, clock().now);
      store.recordVisit('support');
      storage.full = true;
      store.recordVisit('family');
      expect(store.read().visits.map((visit) => visit.kind)).toEqual(['support', 'family']);
    });
  });

  describe('corrupt storage is salvaged, never fatal', () => {
    const read = (text: string): ReturnType<StepsStore['read']> => {
      const storage = new MemoryStorage();
      storage.items.set(KEY, text);
      return new StepsStore(storage.asStorage, clock().now).read();
    };

    it.each([
      ['not JSON', '{"visits": [ {"kind": "sup'],
      ['an empty string', ''],
      ['null', 'null'],
      ['a number', '42'],
      ['a string', '"visits"'],
      ['an array', '[{"kind":"support","date":"2026-12-10"}]'],
      ['wrong types', '{"visits": "many", "firsts": ["wrote"]}'],
    ])('%s reads as an empty record', (_name, text) => {
      expect(read(text)).toEqual({ visits: [], firsts: {} });
    });

    it('keeps the valid entries of a mixed list and drops the rest', () => {
      const record = read(
        JSON.stringify({
          visits: [
            { kind: 'support', date: '2026-12-10' },
            { kind: 'party', date: '2026-12-11' },
            { kind: 'family', date: '2026-02-30' },
            { kind: 'family', date: '10/12/2026' },
            { kind: 'family', date: 20261210 },
            null,
            'support',
            ['support', '2026-12-10'],
            { kind: 'social' },
            { kind: 'oneToOne', date: '2026-12-12', name: 'Aiko', said: 'secret' },
            { kind: 'toString', date: '2026-12-12' },
          ],
          firsts: {
            wrote: '2026-12-10',
            spoke: 'yesterday',
            shared: 5,
            stayedToEnd: null,
            somethingElse: '2026-12-10',
            outside: '2026-12-31',
          },
        }),
      );
      expect(record).toEqual({
        visits: [
          { kind: 'support', date: '2026-12-10' },
          // Only the known fields come through: never a name or words.
          { kind: 'oneToOne', date: '2026-12-12' },
        ],
        firsts: { wrote: '2026-12-10', outside: '2026-12-31' },
      });
    });

    it('never reads prototype-pollution keys, nor lets them through', () => {
      const record = read(
        '{"__proto__": {"visits": [{"kind":"support","date":"2026-12-10"}]},' +
          '"constructor": {"prototype": {"polluted": true}},' +
          '"visits": [{"__proto__": {"kind": "support", "date": "2026-12-10"}}],' +
          '"firsts": {"__proto__": {"wrote": "2026-12-10"}, "constructor": "2026-12-10",' +
          ' "toString": "2026-12-10", "spoke": "2026-12-11"}}',
      );
      expect(record).toEqual({ visits: [], firsts: { spoke: '2026-12-11' } });
      expect(Object.getPrototypeOf(record.firsts)).toBe(Object.prototype);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(({} as Record<string, unknown>).wrote).toBeUndefined();
    });

    it('a salvaged record can be added to, and the next write stores it clean', () => {
      const storage = new MemoryStorage();
      storage.items.set(
        KEY,
        '{"visits":[{"kind":"support","date":"2026-12-01"},{"kind":"??"}],"firsts":{"wrote":1}}',
      );
      const store = new StepsStore(storage.asStorage, clock().now);
      expect(store.recordFirst('wrote')).toBe(true);
      expect(JSON.parse(storage.items.get(KEY) ?? 'null')).toEqual({
        version: 1,
        visits: [{ kind: 'support', date: '2026-12-01' }],
        firsts: { wrote: '2026-12-10' },
      });
    });
  });

  it('exports every kind and every first it knows', () => {
    expect(VisitKinds).toEqual(['support', 'family', 'oneToOne', 'social']);
    expect(FirstSteps).toEqual([
      'stayedToEnd',
      'wrote',
      'spoke',
      'shared',
      'socialEvent',
      'oneToOne',
      'outside',
    ]);
  });
});
