import { EngawaError, ErrorCode } from '../../shared/protocol/errors';
import type { CircleRecord, WaitingRecord } from '../../signaling-server/circles/circle-record';
import * as rules from '../../signaling-server/circles/circle-rules';
import { markChanged } from '../../signaling-server/circles/members';
import type { CircleStore } from '../../signaling-server/circles/circle-store';
import { knockRecord } from './knock-record';

/**
 * The behaviour every circle store must have, whatever holds the circles: the memory store's
 * unit test and the Redis store's test against a real redis-server both run it.
 */

export function circleRecord(id: string, code: string): CircleRecord {
  return rules.createCircleRecord({
    id,
    code,
    title: `Circle ${id}`,
    capacity: 4,
    facilitator: {
      id: `fac-${id}`,
      name: 'ファシリ',
      resumeTokenHash: 'hash',
      connectionId: `conn-${id}`,
      now: 1000,
    },
  });
}

/** Someone knocking, as the update tests add them. */
const SAKURA: WaitingRecord = {
  id: 'waiting-1',
  name: 'さくら',
  since: 5,
  color: 3,
  deviceHash: null,
  tokenHash: 'hash',
  connectionId: 'conn-sakura',
  awaySince: null,
};

export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

export function describeCircleStore(
  name: string,
  open: () => Promise<{ store: CircleStore; close: () => Promise<void> }>,
): void {
  describe(`${name}: what every circle store promises`, () => {
    let store: CircleStore;
    let close: () => Promise<void>;

    beforeEach(async () => {
      ({ store, close } = await open());
    });
    afterEach(async () => {
      await close();
    });

    it('never hands out the stored object, not even as the result of update', async () => {
      await store.insert(circleRecord('circle-a', 'AAAA-AAAA-AAA'));
      const returned = await store.update('circle-a', (c) => c);
      returned.title = 'changed outside the store';
      expect((await store.get('circle-a'))?.title).not.toBe('changed outside the store');
    });

    describe('insert', () => {
      it('stores a circle and finds it by id and by code', async () => {
        const a = circleRecord('circle-a', 'AAAA-AAAA-AAA');
        expect(await store.insert(a)).toBe(true);
        expect(await store.get('circle-a')).toEqual(a);
        expect(await store.findIdByCode('AAAA-AAAA-AAA')).toBe('circle-a');
        expect(await store.count()).toBe(1);
      });

      it('refuses a second circle with a code already in use', async () => {
        const first = circleRecord('circle-a', 'AAAA-AAAA-AAA');
        await store.insert(first);
        expect(await store.insert(circleRecord('circle-b', 'AAAA-AAAA-AAA'))).toBe(false);
        expect(await store.findIdByCode('AAAA-AAAA-AAA')).toBe('circle-a');
        expect(await store.get('circle-b')).toBeUndefined();
        expect(await store.get('circle-a')).toEqual(first);
        expect(await store.count()).toBe(1);
      });

      it('refuses a second circle with an id already in use', async () => {
        await store.insert(circleRecord('circle-a', 'AAAA-AAAA-AAA'));
        expect(await store.insert(circleRecord('circle-a', 'BBBB-BBBB-BBB'))).toBe(false);
        expect(await store.findIdByCode('BBBB-BBBB-BBB')).toBeUndefined();
        expect((await store.get('circle-a'))?.code).toBe('AAAA-AAAA-AAA');
      });

      it('keeps its own copy of the inserted circle', async () => {
        const a = circleRecord('circle-a', 'AAAA-AAAA-AAA');
        await store.insert(a);
        a.title = 'changed by the caller';
        a.members.pop();
        const stored = await store.get('circle-a');
        expect(stored?.title).toBe('Circle circle-a');
        expect(stored?.members).toHaveLength(1);
      });
    });

    describe('get', () => {
      it('returns a fresh copy each time', async () => {
        await store.insert(circleRecord('circle-a', 'AAAA-AAAA-AAA'));
        const first = await store.get('circle-a');
        const second = await store.get('circle-a');
        expect(first).not.toBe(second);
        expect(first).toEqual(second);
        if (!first) throw new Error('missing circle');
        first.title = 'mutated';
        for (const member of first.members) member.connectionId = null;
        first.waiting.push(knockRecord({ id: 'w', name: 'w', since: 0 }));
        const again = await store.get('circle-a');
        expect(again).toEqual(second);
      });

      it('answers undefined for an unknown id or code', async () => {
        expect(await store.get('nope')).toBeUndefined();
        expect(await store.findIdByCode('ZZZZ-ZZZZ-ZZZ')).toBeUndefined();
      });
    });

    describe('update', () => {
      it('stores the change and returns what the change returns', async () => {
        await store.insert(circleRecord('circle-a', 'AAAA-AAAA-AAA'));
        const result = await store.update('circle-a', (c) => {
          rules.addWaiting(c, knockRecord({ ...SAKURA }));
          markChanged(c);
          return { waiting: c.waiting.length, revision: c.revision };
        });
        expect(result).toEqual({ waiting: 1, revision: 2 });
        const stored = await store.get('circle-a');
        expect(stored?.waiting).toEqual([SAKURA]);
        expect(stored?.revision).toBe(2);
      });

      it('is atomic: a change that throws halfway stores nothing', async () => {
        await store.insert(circleRecord('circle-a', 'AAAA-AAAA-AAA'));
        const before = await store.get('circle-a');
        const error = await rejection(
          store.update('circle-a', (c) => {
            rules.addWaiting(c, knockRecord({ ...SAKURA }));
            c.title = 'half-done';
            rules.removeMember(c, 'not-a-member', 1000); // throws NotInCircle
            return c;
          }),
        );
        expect(error).toBeInstanceOf(EngawaError);
        expect((error as EngawaError).code).toBe(ErrorCode.NotInCircle);
        expect(await store.get('circle-a')).toEqual(before);
      });

      it('wraps a thrown non-Error in an Error and still stores nothing', async () => {
        await store.insert(circleRecord('circle-a', 'AAAA-AAAA-AAA'));
        const before = await store.get('circle-a');
        const error = await rejection(
          store.update('circle-a', (c) => {
            c.title = 'half-done';
            // eslint-disable-next-line @typescript-eslint/only-throw-error -- the case under test
            throw 'plain string';
          }),
        );
        expect(error).toBeInstanceOf(Error);
        expect((error as Error).message).toBe('plain string');
        expect(await store.get('circle-a')).toEqual(before);
      });

      it('rejects with circle_not_found for an unknown circle without calling the change', async () => {
        const change = jest.fn();
        const error = await rejection(store.update('nope', change));
        expect(error).toBeInstanceOf(EngawaError);
        expect((error as EngawaError).code).toBe(ErrorCode.CircleNotFound);
        expect(change).not.toHaveBeenCalled();
      });

      it('applies successive updates on top of each other', async () => {
        await store.insert(circleRecord('circle-a', 'AAAA-AAAA-AAA'));
        for (let i = 0; i < 3; i++) {
          await store.update('circle-a', (c) => {
            rules.addWaiting(
              c,
              knockRecord({
                id: `waiting-${i}`,
                name: `n${i}`,
                since: i,
                color: null,
                deviceHash: null,
              }),
            );
            markChanged(c);
          });
        }
        const stored = await store.get('circle-a');
        expect(stored?.waiting.map((w) => w.id)).toEqual(['waiting-0', 'waiting-1', 'waiting-2']);
        expect(stored?.revision).toBe(4);
      });
    });

    describe('delete', () => {
      it('removes the circle and frees its code for a new circle', async () => {
        await store.insert(circleRecord('circle-a', 'AAAA-AAAA-AAA'));
        await store.insert(circleRecord('circle-b', 'BBBB-BBBB-BBB'));
        await store.delete('circle-a');
        expect(await store.get('circle-a')).toBeUndefined();
        expect(await store.findIdByCode('AAAA-AAAA-AAA')).toBeUndefined();
        expect(await store.count()).toBe(1);
        expect(await store.findIdByCode('BBBB-BBBB-BBB')).toBe('circle-b');

        expect(await store.insert(circleRecord('circle-c', 'AAAA-AAAA-AAA'))).toBe(true);
        expect(await store.findIdByCode('AAAA-AAAA-AAA')).toBe('circle-c');
      });

      it('makes later updates fail with circle_not_found', async () => {
        await store.insert(circleRecord('circle-a', 'AAAA-AAAA-AAA'));
        await store.delete('circle-a');
        const error = await rejection(store.update('circle-a', (c) => c));
        expect((error as EngawaError).code).toBe(ErrorCode.CircleNotFound);
      });

      it('ignores an unknown id', async () => {
        await store.insert(circleRecord('circle-a', 'AAAA-AAAA-AAA'));
        await store.delete('nope');
        expect(await store.count()).toBe(1);
      });
    });
  });
}
