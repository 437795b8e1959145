import type { Deadlines } from '../../signaling-server/deadlines/deadlines';

/** Deadlines under test, with a clock the test moves. */
export interface DeadlinesUnderTest {
  deadlines: Deadlines;
  now(): number;
  /** Moves time on and lets everything that fell due run to the end. */
  advance(ms: number): Promise<void>;
  close(): Promise<void>;
}

interface Fired {
  kind: string;
  id: string;
  tag: string;
}

/**
 * What every kind of deadlines promises, run against each (in process, and in a real Redis),
 * so the services that set them behave the same on one node and on many.
 */
export function describeDeadlines(name: string, make: () => Promise<DeadlinesUnderTest>): void {
  describe(`${name}: the deadlines contract`, () => {
    let t: DeadlinesUnderTest;
    let fired: Fired[];

    beforeEach(async () => {
      t = await make();
      fired = [];
      for (const kind of ['seat-hold', 'share-time']) {
        t.deadlines.handle(kind, (id, tag) => {
          fired.push({ kind, id, tag });
          return Promise.resolve();
        });
      }
    });

    afterEach(async () => {
      await t.close();
    });

    it('fires when due, not before, with its id and tag, and once', async () => {
      await t.deadlines.set('seat-hold', 'c1/m1', t.now() + 30_000, 'away@1');
      expect(await t.deadlines.pending()).toBe(1);
      await t.advance(29_000);
      expect(fired).toEqual([]);
      await t.advance(1_000);
      expect(fired).toEqual([{ kind: 'seat-hold', id: 'c1/m1', tag: 'away@1' }]);
      expect(await t.deadlines.pending()).toBe(0);
      await t.advance(60_000);
      expect(fired).toHaveLength(1);
    });

    it('setting it again with the same tag changes nothing, even after it fired', async () => {
      await t.deadlines.set('share-time', 'c1', t.now() + 1_000, 'm1@5');
      await t.deadlines.set('share-time', 'c1', t.now() + 9_000, 'm1@5');
      await t.advance(1_000);
      expect(fired).toHaveLength(1);
      await t.deadlines.set('share-time', 'c1', t.now() + 1_000, 'm1@5');
      await t.advance(10_000);
      expect(fired).toHaveLength(1);
    });

    it('a new tag moves the deadline and fires with the new tag only', async () => {
      await t.deadlines.set('share-time', 'c1', t.now() + 1_000, 'm1@5');
      await t.advance(500);
      await t.deadlines.set('share-time', 'c1', t.now() + 1_000, 'm2@6');
      expect(await t.deadlines.pending()).toBe(1);
      await t.advance(600);
      expect(fired).toEqual([]);
      await t.advance(400);
      expect(fired).toEqual([{ kind: 'share-time', id: 'c1', tag: 'm2@6' }]);
    });

    it('keeps kinds and ids apart, and fires them in their own time', async () => {
      await t.deadlines.set('seat-hold', 'c1/a', t.now() + 100, 'x');
      await t.deadlines.set('seat-hold', 'c1/b', t.now() + 2_000, 'x');
      await t.deadlines.set('share-time', 'c1/a', t.now() + 2_000, 'x');
      await t.advance(1_000);
      expect(fired).toEqual([{ kind: 'seat-hold', id: 'c1/a', tag: 'x' }]);
      await t.advance(1_000);
      expect(fired.map((f) => `${f.kind} ${f.id}`).sort()).toEqual([
        'seat-hold c1/a',
        'seat-hold c1/b',
        'share-time c1/a',
      ]);
    });

    it('cancel stops it, and forgets its tag so the same tag can be set again', async () => {
      await t.deadlines.set('seat-hold', 'c1/m1', t.now() + 100, 'away@1');
      await t.deadlines.cancel('seat-hold', 'c1/m1');
      expect(await t.deadlines.pending()).toBe(0);
      await t.advance(1_000);
      expect(fired).toEqual([]);
      await t.deadlines.set('seat-hold', 'c1/m1', t.now() + 100, 'away@1');
      await t.advance(100);
      expect(fired).toHaveLength(1);
    });

    it('cancelling what was never set does nothing to the others', async () => {
      await t.deadlines.set('seat-hold', 'c1/m1', t.now() + 100, 'x');
      await t.deadlines.cancel('seat-hold', 'c1/other');
      await t.advance(100);
      expect(fired).toHaveLength(1);
    });

    it('a deadline already past when set fires at once', async () => {
      await t.deadlines.set('share-time', 'c1', t.now() - 5_000, 'late');
      await t.advance(0);
      expect(fired).toEqual([{ kind: 'share-time', id: 'c1', tag: 'late' }]);
    });

    it('a handler that fails does not stop the others', async () => {
      t.deadlines.handle('broken', () => Promise.reject(new Error('no')));
      await t.deadlines.set('broken', 'c1', t.now() + 100, 'x');
      await t.deadlines.set('seat-hold', 'c1/m1', t.now() + 100, 'x');
      await t.advance(100);
      expect(fired).toEqual([{ kind: 'seat-hold', id: 'c1/m1', tag: 'x' }]);
    });

    it('after dispose, nothing more fires here', async () => {
      await t.deadlines.set('seat-hold', 'c1/m1', t.now() + 100, 'x');
      t.deadlines.dispose();
      await t.advance(1_000);
      expect(fired).toEqual([]);
    });
  });
}
