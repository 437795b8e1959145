import { EngawaError, ErrorCode } from '../../shared/protocol/errors';
import type { EngawaSocket, Identity } from '../realtime/socket-types';
import type { CircleStore } from './circle-store';

/**
 * Who a socket is, checked against the store. `socket.data.identity` is only a claim: a seat
 * can be taken over from another tab, a circle can end, a waiting person can be declined, so
 * every request that depends on it asks here first.
 */
export class IdentityResolver {
  constructor(private readonly store: CircleStore) {}

  /** The socket's identity, downgraded to guest if the store says it no longer holds. */
  async currentIdentity(socket: EngawaSocket): Promise<Identity> {
    const identity = socket.data.identity;
    if (identity.kind === 'guest') return identity;
    const circle = await this.store.get(identity.circleId);
    const holds =
      identity.kind === 'member'
        ? circle?.members.some((m) => m.id === identity.memberId && m.connectionId === socket.id)
        : circle?.waiting.some((w) => w.id === identity.waitingId);
    if (holds) return identity;
    socket.data.identity = { kind: 'guest' };
    return socket.data.identity;
  }

  async requireMember(socket: EngawaSocket): Promise<{ circleId: string; memberId: string }> {
    const identity = await this.currentIdentity(socket);
    if (identity.kind !== 'member') throw EngawaError.of(ErrorCode.NotInCircle);
    return identity;
  }

  async assertNotEngaged(socket: EngawaSocket): Promise<void> {
    const identity = await this.currentIdentity(socket);
    if (identity.kind !== 'guest') throw EngawaError.of(ErrorCode.AlreadyInCircle);
  }
}
