import { Rooms, type EngawaServer } from '../realtime/socket-types';
import type { CircleRecord } from './circle-record';
import * as rules from './circle-rules';

/** Tells everyone in the circle what it looks like now. */
export function broadcastState(io: EngawaServer, circle: CircleRecord): void {
  io.to(Rooms.circle(circle.id)).emit('circle:state', rules.toCircleView(circle));
}

/** Tells the circle's facilitators who is waiting at the door. */
export function sendWaitingList(io: EngawaServer, circle: CircleRecord): void {
  io.to(Rooms.facilitators(circle.id)).emit('waiting:list', rules.toWaitingViews(circle));
}
