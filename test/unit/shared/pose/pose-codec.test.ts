import fc from 'fast-check';

import { EngawaError, ErrorCode } from '../../../../shared/protocol/errors';
import {
  decodePose,
  encodePose,
  HAND_OFFSET,
  HAND_OFFSET_STEP_M,
  HEAD_POSITION,
  HEAD_POSITION_STEP_M,
  POSE_BYTES,
  POSE_CODEC_VERSION,
  ROTATION_STEP,
  type PoseFrame,
  type Quat,
} from '../../../../shared/pose/pose-codec';
import { angleBetween, anyFrame, inRangeFrame, maxAxisError, seq, unitQuat } from './arbitraries';

const IDENTITY: Quat = { x: 0, y: 0, z: 0, w: 1 };
const ORIGIN = { x: 0, y: 0, z: 0 };

/**
 * The worst rotation error, derived from the bit depth. Each of the three small components is
 * off by at most δ = step/2, so the three together by at most √3·δ. Rebuilding the largest
 * component maps them onto the unit sphere, stretching distances by at most 1/a where a is the
 * largest component; a ≥ 1/2 for any unit quaternion, and along the way from the true to the
 * rounded components a² ≥ 1 − 3(1/2 + δ)². The geodesic between the two quaternions is therefore
 * at most √3·δ / a_min, and the rotation angle is twice that: 0.276° for 10-bit components.
 */
const HALF_ROTATION_STEP = ROTATION_STEP / 2;
const MAX_ROTATION_ERROR_RAD =
  (2 * Math.sqrt(3) * HALF_ROTATION_STEP) /
  Math.sqrt(0.25 - 3 * HALF_ROTATION_STEP - 3 * HALF_ROTATION_STEP ** 2);

/** Float arithmetic in the codec adds a few ulps on top of half a step. */
const FLOAT_SLACK = 1e-12;
const MAX_HEAD_ERROR_M = HEAD_POSITION_STEP_M / 2 + FLOAT_SLACK;
const MAX_HAND_ERROR_M = HAND_OFFSET_STEP_M / 2 + FLOAT_SLACK;

function frame(overrides: Partial<PoseFrame> = {}): PoseFrame {
  return { seq: 0, head: { position: ORIGIN, rotation: IDENTITY }, ...overrides };
}

function roundTrip(pose: PoseFrame): PoseFrame {
  return decodePose(encodePose(pose));
}

function rotationRoundTrip(rotation: Quat): Quat {
  return roundTrip(frame({ head: { position: ORIGIN, rotation } })).head.rotation;
}

function isUnitAndFinite(q: Quat): boolean {
  return (
    [q.x, q.y, q.z, q.w].every(Number.isFinite) &&
    Math.abs(Math.hypot(q.x, q.y, q.z, q.w) - 1) < 1e-12
  );
}

function expectUnitAndFinite(q: Quat): void {
  expect(isUnitAndFinite(q)).toBe(true);
}

/** One boolean per frame: property runs call this thousands of times and expect() is not free. */
function expectFiniteFrame(f: PoseFrame): void {
  const ok =
    Number.isInteger(f.seq) &&
    f.seq >= 0 &&
    f.seq <= 0xffff &&
    [f.head, f.left, f.right].every(
      (part) =>
        !part ||
        ([part.position.x, part.position.y, part.position.z].every(Number.isFinite) &&
          isUnitAndFinite(part.rotation)),
    );
  if (!ok) throw new Error(`not a finite frame: ${JSON.stringify(f)}`);
}

/** Worst errors of one round trip; `sameShape` covers seq, which hands exist, and `tracked`. */
function roundTripErrors(pose: PoseFrame): {
  sameShape: boolean;
  headM: number;
  handM: number;
  rotationRad: number;
} {
  const got = roundTrip(pose);
  let sameShape = got.seq === pose.seq;
  let handM = 0;
  let rotationRad = angleBetween(got.head.rotation, pose.head.rotation);
  for (const side of ['left', 'right'] as const) {
    const sent = pose[side];
    const hand = got[side];
    if (!sent || !hand) {
      sameShape &&= !sent && !(side in got);
      continue;
    }
    sameShape &&= hand.tracked === sent.tracked;
    handM = Math.max(handM, maxAxisError(hand.position, sent.position));
    rotationRad = Math.max(rotationRad, angleBetween(hand.rotation, sent.rotation));
  }
  return {
    sameShape,
    headM: maxAxisError(got.head.position, pose.head.position),
    handM,
    rotationRad,
  };
}

/**
 * The decoded frame, or the code of the EngawaError that decoding threw. Anything else thrown
 * propagates and fails the test: garbage must never raise an undocumented error.
 */
function tryDecode(bytes: unknown): PoseFrame | string {
  try {
    return decodePose(bytes as Uint8Array);
  } catch (error) {
    if (error instanceof EngawaError) return error.code;
    throw error;
  }
}

describe('layout', () => {
  it('is a fixed 30 bytes, within the 32-byte budget', () => {
    expect(POSE_BYTES).toBe(30);
    expect(POSE_BYTES).toBeLessThanOrEqual(32);
  });

  it('has the steps the layout table promises', () => {
    expect(HEAD_POSITION_STEP_M).toBeCloseTo(0.000244, 6);
    expect(HAND_OFFSET_STEP_M).toBeCloseTo(0.000586, 6);
    expect(ROTATION_STEP).toBeCloseTo(0.001384, 6);
    expect((MAX_ROTATION_ERROR_RAD * 180) / Math.PI).toBeLessThan(0.28);
  });

  it('matches a golden frame byte for byte (a change here must bump POSE_CODEC_VERSION)', () => {
    const bytes = encodePose({
      seq: 0xabcd,
      head: { position: { x: 0, y: 1.1, z: -1.5 }, rotation: IDENTITY },
      left: {
        position: { x: -0.25, y: 0.8, z: -1.2 },
        rotation: { x: 0, y: 1, z: 0, w: 0 },
        tracked: true,
      },
    });
    expect(Buffer.from(bytes).toString('hex')).toBe(
      '14abcd7fff919867ffdff7fdff6555ff9ff5ff7fdff00000000000000000',
    );
  });

  it('puts the version in the top nibble and seq big-endian in bytes 1–2', () => {
    const bytes = encodePose(frame({ seq: 0x1234 }));
    expect((bytes[0] ?? 0) >> 4).toBe(POSE_CODEC_VERSION);
    expect([bytes[1], bytes[2]]).toEqual([0x12, 0x34]);
  });
});

describe('round trip', () => {
  it('returns positions within half a step and rotations within the derived bound', () => {
    fc.assert(
      fc.property(inRangeFrame, (pose) => {
        const e = roundTripErrors(pose);
        return (
          e.sameShape &&
          e.headM <= MAX_HEAD_ERROR_M &&
          // Hands are sent relative to the decoded head, so head error does not add to theirs.
          e.handM <= MAX_HAND_ERROR_M &&
          e.rotationRad <= MAX_ROTATION_ERROR_RAD
        );
      }),
      { numRuns: 5000 },
    );
  });

  it('always encodes to exactly POSE_BYTES and decodes to finite numbers, whatever the input', () => {
    fc.assert(
      fc.property(anyFrame, (pose) => {
        const bytes = encodePose(pose);
        expect(bytes).toHaveLength(POSE_BYTES);
        expectFiniteFrame(decodePose(bytes));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps seq, taking any integer modulo 2^16', () => {
    fc.assert(
      fc.property(seq, (s) => {
        expect(roundTrip(frame({ seq: s })).seq).toBe(s);
      }),
    );
    fc.assert(
      fc.property(fc.maxSafeInteger(), (n) => {
        expect(roundTrip(frame({ seq: n })).seq).toBe(((n % 0x10000) + 0x10000) % 0x10000);
      }),
    );
    expect(roundTrip(frame({ seq: 0x10000 })).seq).toBe(0);
    expect(roundTrip(frame({ seq: -1 })).seq).toBe(0xffff);
    expect(roundTrip(frame({ seq: Number.NaN })).seq).toBe(0);
  });

  it('keeps each hand state: absent, tracked, tracking lost', () => {
    const hand = (tracked: boolean) => ({
      position: { x: 0.2, y: -0.3, z: 0.4 },
      rotation: IDENTITY,
      tracked,
    });
    const desktop = roundTrip(frame());
    expect('left' in desktop || 'right' in desktop).toBe(false);

    const lost = roundTrip(frame({ left: hand(false), right: hand(true) }));
    expect(lost.left?.tracked).toBe(false);
    expect(lost.right?.tracked).toBe(true);

    const rightOnly = roundTrip(frame({ right: hand(false) }));
    expect(rightOnly.left).toBeUndefined();
    expect(rightOnly.right?.position.x).toBeCloseTo(0.2, 3);
  });
});

describe('clamping', () => {
  it('clamps the head to ±8 m on each axis', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), (v) => {
        const got = roundTrip(
          frame({ head: { position: { x: v, y: -v, z: v }, rotation: IDENTITY } }),
        );
        const clamped = Math.min(Math.max(v, -HEAD_POSITION.range), HEAD_POSITION.range);
        expect(Math.abs(got.head.position.x - clamped)).toBeLessThanOrEqual(MAX_HEAD_ERROR_M);
        expect(Math.abs(got.head.position.y + clamped)).toBeLessThanOrEqual(MAX_HEAD_ERROR_M);
      }),
    );
    const far = roundTrip(
      frame({ head: { position: { x: 100, y: -Infinity, z: 8.5 }, rotation: IDENTITY } }),
    );
    expect(far.head.position.x).toBeCloseTo(8, 12);
    expect(far.head.position.y).toBeCloseTo(-8, 12);
    expect(far.head.position.z).toBeCloseTo(8, 12);
  });

  it('clamps a hand to ±1.2 m of the decoded head on each axis', () => {
    const head = { x: 1, y: 1.1, z: -1.5 };
    const got = roundTrip(
      frame({
        head: { position: head, rotation: IDENTITY },
        left: { position: { x: 9, y: -Infinity, z: -1.5 }, rotation: IDENTITY, tracked: true },
      }),
    );
    const left = got.left?.position;
    expect(left?.x).toBeCloseTo(got.head.position.x + HAND_OFFSET.range, 12);
    expect(left?.y).toBeCloseTo(got.head.position.y - HAND_OFFSET.range, 12);
    expect(left?.z).toBeCloseTo(-1.5, 3);
  });

  it('sends a NaN coordinate as 0 (the origin for the head, the head for a hand)', () => {
    const got = roundTrip(
      frame({
        head: { position: { x: Number.NaN, y: 1.1, z: 0.5 }, rotation: IDENTITY },
        right: { position: { x: 0.3, y: Number.NaN, z: 0.5 }, rotation: IDENTITY, tracked: true },
      }),
    );
    expect(got.head.position.x).toBe(0);
    expect(got.right?.position.y).toBeCloseTo(got.head.position.y, 12);
  });
});

describe('rotations', () => {
  it('encodes q and -q to the same bytes', () => {
    fc.assert(
      fc.property(unitQuat, (q) => {
        const neg = { x: -q.x, y: -q.y, z: -q.z, w: -q.w };
        expect(encodePose(frame({ head: { position: ORIGIN, rotation: neg } }))).toEqual(
          encodePose(frame({ head: { position: ORIGIN, rotation: q } })),
        );
      }),
    );
  });

  it('normalizes any non-zero finite quaternion, however large or small', () => {
    fc.assert(
      fc.property(unitQuat, fc.double({ min: 1e-300, max: 1e300, noNaN: true }), (q, k) => {
        const scaled = { x: q.x * k, y: q.y * k, z: q.z * k, w: q.w * k };
        fc.pre([scaled.x, scaled.y, scaled.z, scaled.w].some((v) => v !== 0));
        expect(angleBetween(rotationRoundTrip(scaled), q)).toBeLessThanOrEqual(
          MAX_ROTATION_ERROR_RAD,
        );
      }),
    );
  });

  const half = 0.5;
  const r = Math.SQRT1_2;
  const cases: [string, Quat, Quat][] = [
    ['identity', IDENTITY, IDENTITY],
    ['negated identity', { x: 0, y: 0, z: 0, w: -1 }, IDENTITY],
    ['180° about x', { x: 1, y: 0, z: 0, w: 0 }, { x: 1, y: 0, z: 0, w: 0 }],
    ['180° about y, negated', { x: 0, y: -1, z: 0, w: 0 }, { x: 0, y: 1, z: 0, w: 0 }],
    ['180° about z', { x: 0, y: 0, z: 1, w: 0 }, { x: 0, y: 0, z: 1, w: 0 }],
    ['180° about a diagonal (tie)', { x: r, y: -r, z: 0, w: 0 }, { x: r, y: -r, z: 0, w: 0 }],
    ['90° about y (tie with w)', { x: 0, y: r, z: 0, w: r }, { x: 0, y: r, z: 0, w: r }],
    [
      'all four equal',
      { x: half, y: half, z: half, w: half },
      { x: half, y: half, z: half, w: half },
    ],
    [
      'four equal magnitudes, mixed signs',
      { x: -half, y: half, z: -half, w: half },
      { x: half, y: -half, z: half, w: -half },
    ],
    ['near-zero components', { x: 1e-9, y: -1e-12, z: 5e-324, w: 1 }, IDENTITY],
    ['not normalized', { x: 0, y: 0, z: 0, w: 7 }, IDENTITY],
    ['huge', { x: 1e308, y: 1e308, z: 1e308, w: 1e308 }, { x: half, y: half, z: half, w: half }],
    ['subnormal', { x: 5e-324, y: 0, z: 0, w: 0 }, { x: 1, y: 0, z: 0, w: 0 }],
    // hypot(5e-324, 5e-324) rounds to 5e-324, so normalizing without rescaling gives (1, 1, 0, 0).
    ['two subnormals', { x: 5e-324, y: 5e-324, z: 0, w: 0 }, { x: r, y: r, z: 0, w: 0 }],
    ['all zero → identity', { x: 0, y: 0, z: 0, w: 0 }, IDENTITY],
    ['NaN → identity', { x: Number.NaN, y: 0, z: 0, w: 1 }, IDENTITY],
    ['Infinity → identity', { x: Infinity, y: 0, z: 0, w: 1 }, IDENTITY],
    ['-Infinity → identity', { x: 0, y: 0, z: -Infinity, w: -Infinity }, IDENTITY],
  ];

  it.each(cases)('%s', (_name, input, expected) => {
    const got = rotationRoundTrip(input);
    expectUnitAndFinite(got);
    expect(angleBetween(got, expected)).toBeLessThanOrEqual(MAX_ROTATION_ERROR_RAD);
    // And as the same representative: largest component positive.
    const dot = got.x * expected.x + got.y * expected.y + got.z * expected.z + got.w * expected.w;
    expect(dot).toBeGreaterThan(0);
  });

  it('returns 0, ±1 and ±1/√2 components exactly, since they sit on quantization codes', () => {
    for (const q of [
      IDENTITY,
      { x: 1, y: 0, z: 0, w: 0 },
      { x: 0, y: 0, z: 1, w: 0 },
      { x: r, y: -r, z: 0, w: 0 },
      { x: 0, y: r, z: 0, w: r },
    ]) {
      const got = rotationRoundTrip(q);
      for (const key of ['x', 'y', 'z', 'w'] as const) expect(got[key]).toBeCloseTo(q[key], 15);
    }
  });

  it('keeps a small yaw (the most common head motion) to within the bound', () => {
    for (let deg = -180; deg <= 180; deg += 0.25) {
      const a = (deg * Math.PI) / 180;
      const yaw = { x: 0, y: Math.sin(a / 2), z: 0, w: Math.cos(a / 2) };
      expect(angleBetween(rotationRoundTrip(yaw), yaw)).toBeLessThanOrEqual(MAX_ROTATION_ERROR_RAD);
    }
  });
});

describe('decodePose on bad input', () => {
  const garbageCodes: string[] = [ErrorCode.InvalidPayload, ErrorCode.ProtocolMismatch];

  it('throws only EngawaError for random bytes of any length, or decodes finite numbers', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4 * POSE_BYTES }), (bytes) => {
        const result = tryDecode(bytes);
        if (typeof result === 'string') expect(garbageCodes).toContain(result);
        else expectFiniteFrame(result);
      }),
      { numRuns: 5000 },
    );
  });

  it('decodes any right-sized v1 bytes to finite positions and unit rotations', () => {
    const v1Frame = fc.uint8Array({ minLength: POSE_BYTES, maxLength: POSE_BYTES }).map((bytes) => {
      bytes[0] = (POSE_CODEC_VERSION << 4) | ((bytes[0] ?? 0) & 0x0f);
      return bytes;
    });
    fc.assert(
      fc.property(v1Frame, (bytes) => {
        const result = tryDecode(bytes);
        // Only a hand state of 3 is refused once version and length are right.
        const flags = bytes[0] ?? 0;
        if (((flags >> 2) & 3) === 3 || (flags & 3) === 3) {
          expect(result).toBe(ErrorCode.InvalidPayload);
        } else if (typeof result === 'string') {
          throw new Error(`refused a valid frame: ${result}`);
        } else {
          expectFiniteFrame(result);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('refuses a wrong length as InvalidPayload', () => {
    const good = encodePose(frame());
    expect(tryDecode(new Uint8Array())).toBe(ErrorCode.InvalidPayload);
    expect(tryDecode(good.subarray(0, POSE_BYTES - 1))).toBe(ErrorCode.InvalidPayload);
    const long = new Uint8Array(POSE_BYTES + 1);
    long.set(good);
    expect(tryDecode(long)).toBe(ErrorCode.InvalidPayload);
  });

  it('refuses another version as ProtocolMismatch, even at another length', () => {
    for (const version of [0, 2, 15]) {
      for (const length of [POSE_BYTES, 32]) {
        const bytes = new Uint8Array(length);
        bytes[0] = version << 4;
        expect(tryDecode(bytes)).toBe(ErrorCode.ProtocolMismatch);
      }
    }
  });

  it('refuses the unused hand state 3 as InvalidPayload', () => {
    const bytes = encodePose(frame());
    bytes[0] = (bytes[0] ?? 0) | 0b1100;
    expect(tryDecode(bytes)).toBe(ErrorCode.InvalidPayload);
  });

  it.each([
    ['a string', 'x'.repeat(POSE_BYTES)],
    ['an ArrayBuffer', new ArrayBuffer(POSE_BYTES)],
    ['a plain array', Array.from(encodePose(frame()))],
    ['null', null],
    ['undefined', undefined],
    ['a number', 30],
  ])('refuses %s as InvalidPayload', (_name, value) => {
    expect(tryDecode(value)).toBe(ErrorCode.InvalidPayload);
  });

  it('accepts a Node Buffer (simple-peer delivers those)', () => {
    const got = decodePose(Buffer.from(encodePose(frame({ seq: 7 }))));
    expect(got.seq).toBe(7);
  });
});
