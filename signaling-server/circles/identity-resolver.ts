import type { Identity } from '../ports/caller';
import type { CircleRecord } from './circle-record';
import type { CircleStore } from './circle-store';

/** A connection's identity as the store confirms it, with the circle read to check it. */
export interface ResolvedIdentity {
  identity: Identity;
  circle: CircleRecord | undefined;
}

/**
 * Who a connection is, checked against the store. Its identity is only a claim: a seat can be
 * taken over from another tab, a circle can end, a waiting person can be declined, a member
 * can be removed. A claim the store no longer backs resolves to a guest.
 */
export class IdentityResolver {
  constructor(private readonly store: CircleStore) {}

  async resolve(connectionId: string, claim: Identity): Promise<ResolvedIdentity> {
    if (claim.kind === 'guest') return { identity: claim, circle: undefined };
    const circle = await this.store.get(claim.circleId);
    const holds =
      claim.kind === 'member'
        ? circle?.members.some((m) => m.id === claim.memberId && m.connectionId === connectionId)
        : circle?.waiting.some((w) => w.id === claim.waitingId);
    if (holds) return { identity: claim, circle };
    return { identity: { kind: 'guest' }, circle: undefined };
  }
}
