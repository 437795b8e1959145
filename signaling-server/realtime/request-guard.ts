import type { ClientEventName, Sender, SenderOf } from '../../shared/protocol/client-events';
import { EngawaError, ErrorCode } from '../../shared/protocol/errors';
import type { IdentityResolver } from '../circles/identity-resolver';
import type { Caller, SeatedCaller, SeatedMember, WaitingCaller } from '../ports/caller';
import { SocketCaller } from './socket-caller';
import type { EngawaSocket } from './socket-types';

/** The caller a handler of event E receives: seated for members' events, waiting, or anyone. */
export type CallerOf<E extends ClientEventName> =
  SenderOf<E> extends 'anyone' | 'guest'
    ? Caller
    : SenderOf<E> extends 'waiting'
      ? WaitingCaller
      : SeatedCaller;

class GuardedCaller extends SocketCaller {
  constructor(
    socket: EngawaSocket,
    private readonly seated: SeatedMember | undefined,
  ) {
    super(socket);
  }

  get seat(): SeatedMember {
    if (!this.seated) throw EngawaError.of(ErrorCode.NotInCircle);
    return this.seated;
  }

  get waiting(): { circleId: string; waitingId: string } {
    const identity = this.identity;
    if (identity.kind !== 'waiting') throw EngawaError.of(ErrorCode.NotWaiting);
    return { circleId: identity.circleId, waitingId: identity.waitingId };
  }
}

/**
 * Resolves who sent a request, against the store, before any service sees it, and refuses
 * what the event's sender rule rules out: a guest's event from someone already waiting or
 * seated, a waiting person's from anyone else, a member's from anyone not holding a seat on
 * this connection. Finer rules (host, facilitator, holder) need the circle and stay with the
 * circle rules.
 */
export async function guardRequest(
  socket: EngawaSocket,
  sender: Sender,
  resolver: IdentityResolver,
): Promise<Caller & SeatedCaller & WaitingCaller> {
  const { identity, circle } = await resolver.resolve(socket.id, socket.data.identity);
  // A claim the store no longer backs is dropped here for good.
  socket.data.identity = identity;
  const seated =
    identity.kind === 'member' && circle
      ? { circleId: identity.circleId, memberId: identity.memberId, circle }
      : undefined;
  switch (sender) {
    case 'anyone':
      break;
    case 'guest':
      if (identity.kind !== 'guest') throw EngawaError.of(ErrorCode.AlreadyInCircle);
      break;
    case 'waiting':
      if (identity.kind !== 'waiting') throw EngawaError.of(ErrorCode.NotWaiting);
      break;
    case 'member':
    case 'host':
    case 'facilitator':
    case 'the holder':
    case 'the holder, or a host':
    case 'the one offered it':
      if (!seated) throw EngawaError.of(ErrorCode.NotInCircle);
      break;
  }
  return new GuardedCaller(socket, seated);
}
