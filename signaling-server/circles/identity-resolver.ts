import { EngawaError, ErrorCode } from '../../shared/protocol/errors';
import type { EngawaSocket, Identity } from '../realtime/socket-types';
import type { CircleRecord } from './circle-record';
import type { CircleStore } from './circle-store';

/** A member holding their seat with this socket, and the circle as it was just read. */
export interface SeatedMember {
  circleId: string;
  memberId: string;
  circle: CircleRecord;
}

/**
 * Who a socket is, checked against the store. `socket.data.identity` is only a claim: a seat
 * can be taken over from another tab, a circle can end, a waiting person can be declined, a
 * member can be removed, so every request that depends on it asks here first.
 */
export class IdentityResolver {
  constructor(private readonly store: CircleStore) {}

  /** The socket's identity, downgraded to guest if the store says it no longer holds. */
  async currentIdentity(socket: EngawaSocket): Promise<Identity> {
    return (await this.resolve(socket)).identity;
  }

  async requireMember(socket: EngawaSocket): Promise<{ circleId: string; memberId: string }> {
    const { circleId, memberId } = await this.requireSeated(socket);
    return { circleId, memberId };
  }

  /** Like `requireMember`, also handing back the circle it read to check. */
  async requireSeated(socket: EngawaSocket): Promise<SeatedMember> {
    const { identity, circle } = await this.resolve(socket);
    if (identity.kind !== 'member' || !circle) throw EngawaError.of(ErrorCode.NotInCircle);
    return { circleId: identity.circleId, memberId: identity.memberId, circle };
  }

  async assertNotEngaged(socket: EngawaSocket): Promise<void> {
    const identity = await this.currentIdentity(socket);
    if (identity.kind !== 'guest') throw EngawaError.of(ErrorCode.AlreadyInCircle);
  }

  private async resolve(
    socket: EngawaSocket,
  ): Promise<{ identity: Identity; circle: CircleRecord | undefined }> {
    const identity = socket.data.identity;
    if (identity.kind === 'guest') return { identity, circle: undefined };
    const circle = await this.store.get(identity.circleId);
    const holds =
      identity.kind === 'member'
        ? circle?.members.some((m) => m.id === identity.memberId && m.connectionId === socket.id)
        : circle?.waiting.some((w) => w.id === identity.waitingId);
    if (holds) return { identity, circle };
    socket.data.identity = { kind: 'guest' };
    return { identity: socket.data.identity, circle: undefined };
  }
}
