import type { FloodPolicy } from '../config';
import type { Logger } from '../logger';
import { costOf } from './event-costs';
import { answerIfUnknown } from './guarded-handlers';
import type { EngawaSocket } from './socket-types';
import { TokenBucket, type Clock } from './token-bucket';

/**
 * The socket's first middleware: each packet pays its event's cost from the socket's bucket.
 * A socket over its rate is told why and closed, once. Packets it had already sent still pass
 * through the middleware after that; they are dropped without a word, so a flood costs one log
 * line and one close however many packets were in flight.
 */
export function guardAgainstFlood(
  socket: EngawaSocket,
  policy: FloodPolicy,
  now: Clock,
  logger: Logger,
): void {
  const bucket = new TokenBucket(policy, now);
  let cutOff = false;
  socket.use((packet, next) => {
    if (cutOff) return;
    if (bucket.take(costOf(packet[0]))) {
      if (!answerIfUnknown(socket, packet, logger)) next();
      return;
    }
    cutOff = true;
    logger.warn({ evt: 'socket.flood', socket: socket.id }, 'flooding socket closed');
    socket.emit('session:closed', { reason: 'rate_limited' });
    socket.disconnect(true);
  });
}
