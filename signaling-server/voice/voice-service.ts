import { EngawaError, ErrorCode } from '../../shared/protocol/errors';
import type { ServerFeatures, VoiceConfig } from '../../shared/protocol/answers';
import type { SignalRelayInput } from '../../shared/protocol/schemas';
import { shareVoice } from '../../shared/tables/tables';
import { isBlockedBetween } from '../circles/block-rules';
import type { CircleChanges } from '../circles/circle-changes';
import * as rules from '../circles/circle-rules';
import type { VoicePolicy } from '../config';
import type { Logger } from '../logger';
import type { SeatedCaller } from '../ports/caller';
import type { Notifier } from '../ports/notifier';
import { isRelayOnlySignal } from './relay-only';
import { buildVoiceConfig, serverFeatures } from './voice-config';

export interface VoiceServiceDeps {
  notify: Notifier;
  changes: CircleChanges;
  logger: Logger;
  now: () => number;
  /** STUN/TURN servers and credential lifetime handed to members for peer-to-peer voice. */
  voice: VoicePolicy;
}

/**
 * Everything members need to talk to each other: what the server offers, ICE servers and TURN
 * credentials, their own mute switch, and relaying WebRTC signals between them. Voice flows
 * peer to peer; the server only carries the set-up.
 */
export class VoiceService {
  constructor(private readonly deps: VoiceServiceDeps) {}

  /** The hot path of every call set-up: it uses the circle the guard read, and no other. */
  relay(caller: SeatedCaller, input: SignalRelayInput): Promise<null> {
    const { circleId, memberId, circle } = caller.seat;
    const recipient = rules.findMember(circle, input.to);
    if (!recipient || recipient.id === memberId) throw EngawaError.of(ErrorCode.RecipientNotFound);
    // A block cuts the pair off both ways; the blocked side learns only that it cannot connect.
    if (isBlockedBetween(circle, memberId, recipient.id)) throw EngawaError.of(ErrorCode.Blocked);
    // At a social event voice stays at one table, so a page's links stay few however many come.
    const sender = rules.findMember(circle, memberId);
    if (!shareVoice(circle.kind === 'social', sender?.place, recipient.place)) {
      throw EngawaError.of(ErrorCode.NotAtYourTable);
    }
    if (circle.privateVoice && !isRelayOnlySignal(input.signal)) {
      // A host or server-reflexive candidate would tell the peer this member's own address.
      this.deps.logger.warn(
        { evt: 'relay.non_relay_candidate', circle: circleId, member: memberId },
        'non-relay candidate refused in a private circle',
      );
      throw EngawaError.of(ErrorCode.InvalidPayload);
    }
    this.deps.notify.toMembers([recipient.id], 'signal:relay', {
      from: memberId,
      signal: input.signal,
    });
    return Promise.resolve(null);
  }

  /** What this server offers; anyone may ask, even a guest. */
  features(): Pick<ServerFeatures, 'privateVoice'> {
    return serverFeatures(this.deps.voice);
  }

  /** ICE servers and, with TURN, fresh credentials: only for a member holding their seat. */
  voiceConfig(caller: SeatedCaller): Promise<VoiceConfig> {
    const { memberId, circle } = caller.seat;
    return Promise.resolve(
      buildVoiceConfig(this.deps.voice, {
        memberId,
        privateVoice: circle.privateVoice,
        nowMs: this.deps.now(),
      }),
    );
  }

  /**
   * A member's own microphone switch; the circle hears of it only when it changes. Turning it
   * on is refused while a facilitator has muted them.
   */
  async setMuted(caller: SeatedCaller, muted: boolean): Promise<null> {
    await this.deps.changes.byMember(
      caller.seat,
      muted ? 'member.muted' : 'member.unmuted',
      (c, memberId) => rules.setMuted(c, memberId, muted),
      'debug',
    );
    return null;
  }
}
