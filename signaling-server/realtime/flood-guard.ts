import { Cost, clientEvents, isClientEventName } from '../../shared/protocol/client-events';
import type { FloodPolicy } from '../config';
import type { Logger } from '../logger';
import type { Cooldown } from '../limits/limit-store';
import type { EngawaSocket } from './socket-types';
import type { Clock } from '../../shared/time/time';
import { TokenBucket } from './token-bucket';

/** What an event costs its sender's bucket; an unknown one, as little as the cheapest. */
export function costOf(event: unknown): number {
  return isClientEventName(event) ? clientEvents[event].cost : Cost.point;
}

/**
 * The socket's one middleware: each packet pays its event's cost from the socket's bucket, then
 * goes to `dispatch`. A socket over its rate is told why and closed, once. Packets it had already
 * sent still pass through here after that; they are dropped without a word, so a flood costs one
 * log line and one close however many packets were in flight. A member cut off is held out of
 * their seat for a while (`penalties`), so taking it straight back to flood again does not pay.
 */
export function guardAndDispatch(
  socket: EngawaSocket,
  policies: { guest: FloodPolicy; member: FloodPolicy },
  deps: {
    now: Clock;
    logger: Logger;
    penalties: Cooldown;
    dispatch: (socket: EngawaSocket, packet: unknown[]) => void;
  },
): void {
  // A socket spends from the guest bucket until it is seated, then from the member one: a
  // mesh's signalling needs far more than a lobby, and a socket that is nobody yet gets little.
  const guest = new TokenBucket(policies.guest, deps.now);
  const member = new TokenBucket(policies.member, deps.now);
  let cutOff = false;
  // Never calling `next`: Socket.IO's per-event listeners are not used at all.
  socket.use((packet) => {
    if (cutOff) return;
    const bucket = socket.data.identity.kind === 'member' ? member : guest;
    if (bucket.take(costOf(packet[0]))) {
      deps.dispatch(socket, packet);
      return;
    }
    cutOff = true;
    const identity = socket.data.identity;
    if (identity.kind === 'member') {
      deps.penalties.take(identity.memberId).catch((error: unknown) => {
        deps.logger.error({ evt: 'socket.penalty_failed', err: error }, 'penalty not kept');
      });
    }
    deps.logger.warn({ evt: 'socket.flood', socket: socket.id }, 'flooding socket closed');
    socket.emit('session:closed', { reason: 'rate_limited' });
    socket.disconnect(true);
  });
}
