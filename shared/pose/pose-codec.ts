/**
 * Compact binary presence frames for the peer-to-peer data channel (20–30 Hz, unordered,
 * unreliable): one fixed-size 30-byte frame per update, always the same size so a receiver can
 * reject anything else before parsing, with 2 bytes left under the 32-byte cap for a later version.
 *
 * Positions use Babylon world axes (left-handed, metres, y up) relative to an origin both ends
 * agree on, normally the circle's centre on the floor (seats are within ~1.7 m of it).
 *
 *  bits  field
 *     4  codec version (POSE_CODEC_VERSION)
 *     2  left hand state:  0 absent, 1 tracked, 2 tracking lost (3 is invalid)
 *     2  right hand state
 *    16  seq, wrapping uint16 (compare with isNewer)
 *  3×16  head position x, y, z: ±8 m in 0.24 mm steps
 *    32  head rotation, smallest three: 2-bit index + 3×10 bits in 0.0014 steps
 *  3×12  left hand position minus the decoded head position: ±1.2 m in 0.59 mm steps
 *    32  left hand rotation
 *  3×12  right hand position minus the decoded head position
 *    32  right hand rotation
 *   240  = 30 bytes. An absent hand's 68 bits are zero and ignored.
 *
 * Why this split: 16 bits still give sub-millimetre steps over ±8 m, so the head range is wide
 * enough that someone who stands up and walks round a large circle is not clamped. Hands
 * are sent relative to the head because they never stray far from it, which buys 4 bits an axis;
 * they are taken from the head *as decoded*, so head and hand rounding errors do not add up.
 * Rotation errors stay under 0.28° (derivation in the tests), below what anyone can see on an
 * avatar or a pointing ray.
 *
 * Inputs are never rejected for their numbers: positions outside the range are clamped (so are
 * ±Infinity), a NaN coordinate is sent as 0, a rotation that is NaN, infinite or all zeros is sent
 * as the identity, and seq is taken modulo 2^16 — throwing inside the XR frame loop would be
 * worse than one odd frame, and a receiver can never be handed a non-finite number.
 * `decodePose` throws `EngawaError` (and nothing else) on bytes that are not a frame.
 */
import { EngawaError, ErrorCode } from '../protocol/errors';
import { BitReader, BitWriter } from './bits';
import { dequantize, fixedPoint, quantize, type FixedPoint } from './fixed-point';
import { toSeq } from './sequence';
import {
  readRotation,
  ROTATION_BITS,
  ROTATION_COMPONENT,
  writeRotation,
  type Quat,
} from './smallest-three';

export type { Quat } from './smallest-three';
export { isNewer, toSeq, SEQ_MODULUS } from './sequence';
export { ROTATION_COMPONENT } from './smallest-three';

export interface Vec3 {
  x: number;
  y: number;
  z: number;
}

export interface Pose {
  position: Vec3;
  rotation: Quat;
}

export interface HandPose extends Pose {
  /**
   * False when the hand is there but tracking was lost: the pose is the last one known, so the
   * receiver can hold or fade the hand instead of popping it out of existence.
   */
  tracked: boolean;
}

export interface PoseFrame {
  seq: number;
  head: Pose;
  /** Absent for someone without hands, such as a desktop user. */
  left?: HandPose;
  right?: HandPose;
}

/** Bumped whenever the layout changes; a frame from any other version is refused. */
export const POSE_CODEC_VERSION = 1;

export const HEAD_POSITION = fixedPoint(16, 8);
export const HAND_OFFSET = fixedPoint(12, 1.2);

export const HEAD_POSITION_STEP_M = HEAD_POSITION.step;
export const HAND_OFFSET_STEP_M = HAND_OFFSET.step;
export const ROTATION_STEP = ROTATION_COMPONENT.step;

const HandState = { Absent: 0, Tracked: 1, Lost: 2 } as const;
type HandState = (typeof HandState)[keyof typeof HandState];

const VERSION_BITS = 4;
const HAND_STATE_BITS = 2;
const SEQ_BITS = 16;
const HAND_BITS = 3 * HAND_OFFSET.bits + ROTATION_BITS;
const POSE_BITS =
  VERSION_BITS +
  2 * HAND_STATE_BITS +
  SEQ_BITS +
  3 * HEAD_POSITION.bits +
  ROTATION_BITS +
  2 * HAND_BITS;

/** Every frame is exactly this many bytes (30). */
export const POSE_BYTES = Math.ceil(POSE_BITS / 8);

const ORIGIN: Vec3 = { x: 0, y: 0, z: 0 };

export function encodePose(pose: PoseFrame): Uint8Array {
  const out = new BitWriter(POSE_BYTES);
  out.write(POSE_CODEC_VERSION, VERSION_BITS);
  out.write(handState(pose.left), HAND_STATE_BITS);
  out.write(handState(pose.right), HAND_STATE_BITS);
  out.write(toSeq(pose.seq), SEQ_BITS);
  const head = writeVec3(out, HEAD_POSITION, pose.head.position, ORIGIN);
  writeRotation(out, pose.head.rotation);
  for (const hand of [pose.left, pose.right]) {
    if (hand) {
      writeVec3(out, HAND_OFFSET, hand.position, head);
      writeRotation(out, hand.rotation);
    } else {
      out.skip(HAND_BITS);
    }
  }
  return out.bytes;
}

/**
 * Throws `EngawaError` with `ProtocolMismatch` for a frame from another codec version and
 * `InvalidPayload` for anything else that is not a frame (wrong type or length, an invalid hand
 * state); any 30 bytes that pass those checks decode to finite positions and unit rotations.
 */
export function decodePose(bytes: Uint8Array): PoseFrame {
  // Typed as Uint8Array, but data channels also deliver strings; check rather than trust.
  if (!(bytes instanceof Uint8Array) || bytes.length === 0) {
    throw EngawaError.of(ErrorCode.InvalidPayload);
  }
  const input = new BitReader(bytes);
  // Version before length, so a longer frame from a newer client reads as "please update".
  if (input.read(VERSION_BITS) !== POSE_CODEC_VERSION) {
    throw EngawaError.of(ErrorCode.ProtocolMismatch);
  }
  if (bytes.length !== POSE_BYTES) throw EngawaError.of(ErrorCode.InvalidPayload);
  const leftState = readHandState(input);
  const rightState = readHandState(input);
  const seq = input.read(SEQ_BITS);
  const position = readVec3(input, HEAD_POSITION, ORIGIN);
  const frame: PoseFrame = { seq, head: { position, rotation: readRotation(input) } };
  const left = readHand(input, leftState, position);
  const right = readHand(input, rightState, position);
  if (left) frame.left = left;
  if (right) frame.right = right;
  return frame;
}

function handState(hand: HandPose | undefined): HandState {
  if (!hand) return HandState.Absent;
  return hand.tracked ? HandState.Tracked : HandState.Lost;
}

function readHandState(input: BitReader): HandState {
  const state = input.read(HAND_STATE_BITS);
  switch (state) {
    case HandState.Absent:
    case HandState.Tracked:
    case HandState.Lost:
      return state;
    default:
      throw EngawaError.of(ErrorCode.InvalidPayload);
  }
}

/** Writes `v - origin` and returns the position the receiver will decode. */
function writeVec3(out: BitWriter, fp: FixedPoint, v: Vec3, origin: Vec3): Vec3 {
  const axis = (value: number, from: number): number => {
    const code = quantize(fp, value - from);
    out.write(code, fp.bits);
    return from + dequantize(fp, code);
  };
  return { x: axis(v.x, origin.x), y: axis(v.y, origin.y), z: axis(v.z, origin.z) };
}

function readVec3(input: BitReader, fp: FixedPoint, origin: Vec3): Vec3 {
  return {
    x: origin.x + dequantize(fp, input.read(fp.bits)),
    y: origin.y + dequantize(fp, input.read(fp.bits)),
    z: origin.z + dequantize(fp, input.read(fp.bits)),
  };
}

function readHand(input: BitReader, state: HandState, head: Vec3): HandPose | undefined {
  if (state === HandState.Absent) {
    input.skip(HAND_BITS);
    return undefined;
  }
  const position = readVec3(input, HAND_OFFSET, head);
  return { position, rotation: readRotation(input), tracked: state === HandState.Tracked };
}
