import fc from 'fast-check';

import { isNewer, SEQ_MODULUS, toSeq } from '../../../../shared/pose/sequence';

const seq = fc.integer({ min: 0, max: SEQ_MODULUS - 1 });
const HALF = SEQ_MODULUS / 2;

describe('isNewer', () => {
  it('is irreflexive and antisymmetric', () => {
    fc.assert(
      fc.property(seq, seq, (a, b) => {
        expect(isNewer(a, a)).toBe(false);
        expect(isNewer(a, b) && isNewer(b, a)).toBe(false);
      }),
    );
  });

  it('orders any two distinct values except those exactly half the ring apart', () => {
    fc.assert(
      fc.property(seq, seq, (a, b) => {
        fc.pre(a !== b && toSeq(a - b) !== HALF);
        expect(isNewer(a, b) !== isNewer(b, a)).toBe(true);
      }),
    );
    expect(isNewer(HALF, 0) || isNewer(0, HALF)).toBe(false);
  });

  it('counts up to half the ring ahead as newer, across the wrap', () => {
    fc.assert(
      fc.property(seq, fc.integer({ min: 1, max: HALF - 1 }), (a, k) => {
        expect(isNewer(toSeq(a + k), a)).toBe(true);
        expect(isNewer(a, toSeq(a + k))).toBe(false);
      }),
    );
    expect(isNewer(0, 0xffff)).toBe(true);
    expect(isNewer(5, 0xfffa)).toBe(true);
    expect(isNewer(0xffff, 0)).toBe(false);
  });

  it('lets a receiver that drops stale frames end on the last one sent, despite reordering', () => {
    fc.assert(
      fc.property(
        seq,
        fc.integer({ min: 1, max: 200 }),
        fc.array(fc.nat(), { minLength: 200, maxLength: 200 }),
        (start, count, keys) => {
          const sent = Array.from({ length: count }, (_, i) => toSeq(start + i));
          // Delivered in a scrambled order, as an unordered data channel may.
          const delivered = sent
            .map((s, i) => ({ s, key: keys[i] ?? 0 }))
            .sort((p, q) => p.key - q.key)
            .map((p) => p.s);
          let last: number | undefined;
          for (const s of delivered) if (last === undefined || isNewer(s, last)) last = s;
          expect(last).toBe(sent[sent.length - 1]);
        },
      ),
    );
  });
});

describe('toSeq', () => {
  it('reduces any safe integer modulo 2^16', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (n) => {
        expect(toSeq(n)).toBe(((n % SEQ_MODULUS) + SEQ_MODULUS) % SEQ_MODULUS);
      }),
    );
  });
});
