/**
 * Views as they cross the wire. A member's entry is sent on every join to everyone present, so
 * it leaves out what most members share: a participant's role, and the switches in their usual
 * position (connected; not muted, force-muted or away). A whole circle view, sent to everyone
 * who enters, likewise leaves out its fields at rest (no topic, nothing raised or held, no
 * tables). Only the page's entry points unpack (entering, `circle:sync`, `circle:delta`);
 * everything past them sees whole views.
 */
import { sameJson, type CircleDelta } from './circle-delta';
import type { CircleView, EnteredCircle, MemberView } from './views';

/** What a member's entry says when it leaves a field out. */
const USUAL = {
  role: 'participant',
  connected: true,
  muted: false,
  forceMuted: false,
  away: false,
  takingPart: 'speak',
  place: null,
} as const satisfies Partial<MemberView>;

type Usual = keyof typeof USUAL;

export type PackedMember = Omit<MemberView, Usual> & Partial<Pick<MemberView, Usual>>;
/** What a whole circle view says when it leaves a field out; made afresh for each view. */
function circleAtRest() {
  return {
    topic: null,
    locked: false,
    paused: false,
    privateVoice: false,
    hands: [],
    piece: { holder: null, heldSinceMs: null, round: null, offeredTo: null },
    tables: [],
    activities: [],
  } satisfies Partial<CircleView>;
}

type AtRest = keyof ReturnType<typeof circleAtRest>;

export type PackedCircleView = Omit<CircleView, 'members' | AtRest> &
  Partial<Pick<CircleView, AtRest>> & { members: PackedMember[] };
export type PackedEnteredCircle = Omit<EnteredCircle, 'circle'> & { circle: PackedCircleView };
export type PackedCircleDelta = Omit<CircleDelta, 'members'> & { members?: PackedMember[] };

const usualKeys = Object.keys(USUAL) as Usual[];

export function packMember(member: MemberView): PackedMember {
  const unusual = (key: Usual) => member[key] !== USUAL[key];
  return Object.fromEntries(
    Object.entries(member).filter(
      ([key]) => !usualKeys.includes(key as Usual) || unusual(key as Usual),
    ),
  ) as PackedMember;
}

export function unpackMember(packed: PackedMember): MemberView {
  return { ...USUAL, ...packed };
}

export function packCircleView(view: CircleView): PackedCircleView {
  const rest: Record<string, unknown> = circleAtRest();
  const kept = Object.entries(view).filter(
    ([key, value]) => !(key in rest) || !sameJson(value, rest[key]),
  );
  return { ...Object.fromEntries(kept), members: view.members.map(packMember) } as PackedCircleView;
}

export function unpackCircleView(packed: PackedCircleView): CircleView {
  return { ...circleAtRest(), ...packed, members: packed.members.map(unpackMember) };
}

export function packEntered(entered: EnteredCircle): PackedEnteredCircle {
  return { ...entered, circle: packCircleView(entered.circle) };
}

export function unpackEntered(packed: PackedEnteredCircle): EnteredCircle {
  return { ...packed, circle: unpackCircleView(packed.circle) };
}

export function packDelta(delta: CircleDelta): PackedCircleDelta {
  return delta.members ? { ...delta, members: delta.members.map(packMember) } : delta;
}

export function unpackDelta(packed: PackedCircleDelta): CircleDelta {
  const { members, ...rest } = packed;
  return members ? { ...rest, members: members.map(unpackMember) } : rest;
}
