/**
 * Seats in a circle as integration tests set them up: taken in order, let in without being
 * taken, and taken back from a new connection.
 */
import { defaultColorFor } from '../../shared/circle/presence';
import type { EnteredCircle, MemberView } from '../../shared/circle/views';
import type { KnockAdmission } from '../../shared/protocol/server-events';
import {
  createCircle,
  expectError,
  expectOk,
  join,
  request,
  waitForEvent,
  type AckOf,
  type Facilitator,
  type Harness,
  type Participant,
  type TestSocket,
} from './server-harness';

/** The facilitator, then one participant for each name given, in seat order. */
export type SeatedCircle<Names extends readonly string[]> = [
  Facilitator,
  ...{ -readonly [K in keyof Names]: Participant },
];

/** A new circle (set up as `createCircle` takes it) with `names` seated in seats 1, 2, … */
export async function seatCircle<const Names extends readonly string[]>(
  h: Harness,
  names: Names,
  setup: Parameters<typeof createCircle>[1] = {},
): Promise<SeatedCircle<Names>> {
  const facilitator = await createCircle(h, setup);
  const participants: Participant[] = [];
  // One after another: seats follow the order people are let in.
  for (const name of names) participants.push(await join(h, facilitator, name));
  return [facilitator, ...participants] as SeatedCircle<Names>;
}

/** Seat 0 of a new circle: its facilitator, present, named as `createCircle` names them. */
export function facilitatorSeat(memberId: string, color = defaultColorFor(memberId)): MemberView {
  return {
    id: memberId,
    name: 'ひろし',
    role: 'facilitator',
    seat: 0,
    arrival: 0,
    connected: true,
    muted: false,
    forceMuted: false,
    color,
    away: false,
    takingPart: 'speak',
    place: null,
  };
}

/**
 * Admits a knock and waits until the knocker is told, without taking the seat (no
 * `circle:resume`): the seat is held for them, and they are not yet in the circle.
 */
export async function admitOnly(
  facilitator: { socket: TestSocket },
  knocker: { socket: TestSocket; waitingId: string },
): Promise<KnockAdmission> {
  const admitted = waitForEvent(knocker.socket, 'knock:admitted');
  expectOk(await request(facilitator.socket, 'waiting:admit', { waitingId: knocker.waitingId }));
  return admitted;
}

async function askForSeat(
  h: Harness,
  code: string,
  member: { resumeToken: string },
): Promise<{ socket: TestSocket; ack: AckOf<'circle:resume'> }> {
  const socket = await h.connect();
  const ack = await request(socket, 'circle:resume', { code, resumeToken: member.resumeToken });
  return { socket, ack };
}

/** Takes `member`'s seat back on a new connection, as their page does after a reload. */
export async function resumeSeat(
  h: Harness,
  code: string,
  member: { resumeToken: string },
): Promise<{ socket: TestSocket; entered: EnteredCircle }> {
  const { socket, ack } = await askForSeat(h, code, member);
  return { socket, entered: expectOk(ack) };
}

/** A reload: `member`'s connection closes and a new one takes the seat straight back. */
export function reload(
  h: Harness,
  code: string,
  member: { socket: TestSocket; resumeToken: string },
): Promise<{ socket: TestSocket; entered: EnteredCircle }> {
  member.socket.disconnect();
  return resumeSeat(h, code, member);
}

/** A new connection asking for `member`'s seat is refused: the seat is gone for good. */
export async function expectSeatGone(
  h: Harness,
  code: string,
  member: { resumeToken: string },
): Promise<void> {
  expectError((await askForSeat(h, code, member)).ack, 'resume_refused');
}
