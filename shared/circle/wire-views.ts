/**
 * Views as they cross the wire. A member's entry is sent on every join to everyone present, so
 * it leaves out what most members share: a participant's role, and the switches in their usual
 * position (connected; not muted, force-muted or away). Only the page's entry points unpack
 * (entering, `circle:sync`, `circle:delta`); everything past them sees whole `MemberView`s.
 */
import type { CircleDelta } from './circle-delta';
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
export type PackedCircleView = Omit<CircleView, 'members'> & { members: PackedMember[] };
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
  return { ...view, members: view.members.map(packMember) };
}

export function unpackCircleView(packed: PackedCircleView): CircleView {
  return { ...packed, members: packed.members.map(unpackMember) };
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
