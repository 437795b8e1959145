import fc from 'fast-check';

import { BitReader, BitWriter } from '../../../../shared/pose/bits';
import { dequantize, fixedPoint, quantize } from '../../../../shared/pose/fixed-point';

describe('BitWriter / BitReader', () => {
  it('round-trips any run of fields at any bit offset', () => {
    const field = fc
      .integer({ min: 1, max: 31 })
      .chain((width) => fc.tuple(fc.constant(width), fc.integer({ min: 0, max: 2 ** width - 1 })));
    fc.assert(
      fc.property(fc.array(field, { maxLength: 20 }), (fields) => {
        const bits = fields.reduce((sum, [width]) => sum + width, 0);
        const out = new BitWriter(Math.ceil(bits / 8));
        for (const [width, value] of fields) out.write(value, width);
        expect(out.bitsWritten).toBe(bits);
        const input = new BitReader(out.bytes);
        for (const [width, value] of fields) expect(input.read(width)).toBe(value);
      }),
    );
  });

  it('writes most significant bit first and reads zeros past the end', () => {
    const out = new BitWriter(2);
    out.write(0b101, 3);
    out.skip(2);
    out.write(0b111, 3);
    out.write(0xff, 8);
    expect(Array.from(out.bytes)).toEqual([0b10100111, 0xff]);
    const input = new BitReader(new Uint8Array([0x80]));
    expect(input.read(1)).toBe(1);
    expect(input.read(16)).toBe(0);
  });
});

describe('fixed point', () => {
  const fp = fixedPoint(12, 1.2);

  it('keeps 0 and the range ends exact, and mirrors ±v', () => {
    expect(dequantize(fp, quantize(fp, 0))).toBe(0);
    expect(dequantize(fp, quantize(fp, 1.2))).toBeCloseTo(1.2, 15);
    expect(dequantize(fp, quantize(fp, -1.2))).toBeCloseTo(-1.2, 15);
    fc.assert(
      fc.property(fc.double({ min: -1.2, max: 1.2, noNaN: true }), (v) => {
        expect(dequantize(fp, quantize(fp, -v))).toBeCloseTo(-dequantize(fp, quantize(fp, v)), 15);
      }),
    );
  });

  it('fits in its bits and rounds to within half a step', () => {
    fc.assert(
      fc.property(fc.double({ min: -1.2, max: 1.2, noNaN: true }), (v) => {
        const code = quantize(fp, v);
        expect(code).toBeGreaterThanOrEqual(0);
        expect(code).toBeLessThan(2 ** fp.bits);
        expect(Math.abs(dequantize(fp, code) - v)).toBeLessThanOrEqual(fp.step / 2 + 1e-15);
      }),
    );
  });

  it('clamps out-of-range and infinite values, sends NaN as 0, and reads the spare top code as the range end', () => {
    expect(quantize(fp, 50)).toBe(quantize(fp, 1.2));
    expect(quantize(fp, -Infinity)).toBe(0);
    expect(dequantize(fp, quantize(fp, Number.NaN))).toBe(0);
    expect(dequantize(fp, 2 ** fp.bits - 1)).toBeCloseTo(1.2, 15);
  });
});
