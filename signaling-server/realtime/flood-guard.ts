import type { FloodPolicy } from '../config';
import type { Logger } from '../logger';
import type { MemberCooldown } from './member-cooldown';
import { costOf } from './event-costs';
import { answerIfUnknown } from './guarded-handlers';
import type { EngawaSocket } from './socket-types';
import { TokenBucket, type Clock } from './token-bucket';

/**
 * The socket's first middleware: each packet pays its event's cost from the socket's bucket.
 * A socket over its rate is told why and closed, once. Packets it had already sent still pass
 * through the middleware after that; they are dropped without a word, so a flood costs one log
 * line and one close however many packets were in flight. A member cut off is held out of
 * their seat for a while (`penalties`), so taking it straight back to flood again does not pay.
 */
export function guardAgainstFlood(
  socket: EngawaSocket,
  policies: { guest: FloodPolicy; member: FloodPolicy },
  now: Clock,
  logger: Logger,
  penalties: MemberCooldown,
): void {
  // A socket spends from the guest bucket until it is seated, then from the member one: a
  // mesh's signalling needs far more than a lobby, and a socket that is nobody yet gets little.
  const guest = new TokenBucket(policies.guest, now);
  const member = new TokenBucket(policies.member, now);
  let cutOff = false;
  socket.use((packet, next) => {
    if (cutOff) return;
    const bucket = socket.data.identity.kind === 'member' ? member : guest;
    if (bucket.take(costOf(packet[0]))) {
      if (!answerIfUnknown(socket, packet, logger)) next();
      return;
    }
    cutOff = true;
    const identity = socket.data.identity;
    if (identity.kind === 'member') penalties.take(identity.memberId);
    logger.warn({ evt: 'socket.flood', socket: socket.id }, 'flooding socket closed');
    socket.emit('session:closed', { reason: 'rate_limited' });
    socket.disconnect(true);
  });
}
