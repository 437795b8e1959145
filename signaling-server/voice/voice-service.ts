import { EngawaError, ErrorCode } from '../../shared/protocol/errors';
import type { ServerFeatures, VoiceConfig } from '../../shared/protocol/answers';
import type { SignalRelayInput } from '../../shared/protocol/schemas';
import { isBlockedBetween } from '../circles/block-rules';
import type { CircleBroadcaster } from '../circles/circle-broadcasts';
import * as rules from '../circles/circle-rules';
import type { CircleStore } from '../circles/circle-store';
import { IdentityResolver } from '../circles/identity-resolver';
import type { VoicePolicy } from '../config';
import type { Logger } from '../logger';
import { Rooms, type EngawaServer, type EngawaSocket } from '../realtime/socket-types';
import { isRelayOnlySignal } from './relay-only';
import { buildVoiceConfig, serverFeatures } from './voice-config';

export interface VoiceServiceDeps {
  io: EngawaServer;
  store: CircleStore;
  broadcast: CircleBroadcaster;
  logger: Logger;
  now: () => number;
  /** STUN/TURN servers and credential lifetime handed to members for peer-to-peer voice. */
  voice: VoicePolicy;
}

/**
 * Everything members need to talk to each other: what the server offers, ICE servers and TURN
 * credentials, their own mute switch, and relaying WebRTC signals between them. Voice flows
 * peer to peer; the server only carries the set-up. Like the circle service, it learns who a
 * socket is only from `socket.data.identity`, re-checked against the store.
 */
export class VoiceService {
  private readonly identity: IdentityResolver;

  constructor(private readonly deps: VoiceServiceDeps) {
    this.identity = new IdentityResolver(deps.store);
  }

  /** The hot path of every call set-up, so it reads the circle once instead of twice. */
  async relay(socket: EngawaSocket, input: SignalRelayInput): Promise<null> {
    const identity = socket.data.identity;
    if (identity.kind !== 'member') throw EngawaError.of(ErrorCode.NotInCircle);
    const { circleId, memberId } = identity;
    const circle = await this.deps.store.get(circleId);
    if (!circle || rules.findMember(circle, memberId)?.connectionId !== socket.id) {
      socket.data.identity = { kind: 'guest' };
      throw EngawaError.of(ErrorCode.NotInCircle);
    }
    const recipient = rules.findMember(circle, input.to);
    if (!recipient || recipient.id === memberId) throw EngawaError.of(ErrorCode.RecipientNotFound);
    // A block cuts the pair off both ways; the blocked side learns only that it cannot connect.
    if (isBlockedBetween(circle, memberId, recipient.id)) throw EngawaError.of(ErrorCode.Blocked);
    if (circle.privateVoice && !isRelayOnlySignal(input.signal)) {
      // A host or server-reflexive candidate would tell the peer this member's own address.
      this.deps.logger.warn(
        { evt: 'relay.non_relay_candidate', circle: circleId, member: memberId },
        'non-relay candidate refused in a private circle',
      );
      throw EngawaError.of(ErrorCode.InvalidPayload);
    }
    this.deps.io
      .to(Rooms.member(recipient.id))
      .emit('signal:relay', { from: memberId, signal: input.signal });
    return null;
  }

  /** What this server offers; anyone may ask, even a guest. */
  features(): ServerFeatures {
    return serverFeatures(this.deps.voice);
  }

  /** ICE servers and, with TURN, fresh credentials: only for a member holding their seat. */
  async voiceConfig(socket: EngawaSocket): Promise<VoiceConfig> {
    const { circleId, memberId } = await this.identity.requireMember(socket);
    const circle = await this.deps.store.get(circleId);
    if (!circle) throw EngawaError.of(ErrorCode.NotInCircle);
    return buildVoiceConfig(this.deps.voice, {
      memberId,
      privateVoice: circle.privateVoice,
      nowMs: this.deps.now(),
    });
  }

  /**
   * A member's own microphone switch; the circle hears of it only when it changes. Turning it
   * on is refused while a facilitator has muted them.
   */
  async setMuted(socket: EngawaSocket, muted: boolean): Promise<null> {
    const { circleId, memberId } = await this.identity.requireMember(socket);
    const { circle, changed } = await this.deps.store.update(circleId, (c) => ({
      circle: c,
      changed: rules.setMuted(c, memberId, muted),
    }));
    if (changed) this.deps.broadcast.state(circle);
    return null;
  }
}
