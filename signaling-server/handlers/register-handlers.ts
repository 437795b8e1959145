import type { CircleService } from '../circles/circle-service';
import type { ConversationService } from '../conversation/conversation-service';
import type { FacilitationService } from '../facilitation/facilitation-service';
import type { PieceService } from '../facilitation/piece-service';
import type { Logger } from '../logger';
import type { PresenceService } from '../presence/presence-service';
import { onValidated, type Handler } from '../realtime/guarded-handlers';
import type { EngawaSocket } from '../realtime/socket-types';
import type { SafetyService } from '../safety/safety-service';
import type { VoiceService } from '../voice/voice-service';
import { ClientEvent, type ClientEventName } from '../../shared/protocol/events';

/** The services that answer client requests, one per domain. */
export interface RequestServices {
  circles: CircleService;
  voice: VoiceService;
  presence: PresenceService;
  facilitation: FacilitationService;
  piece: PieceService;
  conversation: ConversationService;
  safety: SafetyService;
}

/** Wires every client event to the service for its domain. Each one passes its schema first. */
export function registerHandlers(
  socket: EngawaSocket,
  services: RequestServices,
  logger: Logger,
): void {
  const { circles, voice, presence, facilitation, piece, conversation, safety } = services;
  const on = <E extends ClientEventName>(event: E, handler: Handler<E>): void => {
    onValidated(socket, event, handler, logger);
  };

  on(ClientEvent.CircleCreate, (s, input) => circles.create(s, input));
  on(ClientEvent.CirclePreview, (s, input) => circles.preview(s, input.code));
  on(ClientEvent.CircleKnock, (s, input) => circles.knock(s, input));
  on(ClientEvent.KnockCancel, (s) => circles.cancelKnock(s));
  on(ClientEvent.CircleResume, (s, input) => circles.resume(s, input));
  on(ClientEvent.CircleLeave, (s) => circles.leave(s));
  on(ClientEvent.CircleEnd, (s, input) => circles.end(s, input.message));
  on(ClientEvent.WaitingAdmit, (s, input) => circles.admit(s, input.waitingId));
  on(ClientEvent.WaitingDecline, (s, input) => circles.decline(s, input.waitingId, input.message));

  on(ClientEvent.CircleLock, (s, input) => facilitation.lock(s, input.locked));
  on(ClientEvent.CirclePause, (s, input) => facilitation.pause(s, input.paused));
  on(ClientEvent.RoleSet, (s, input) => facilitation.setRole(s, input.memberId, input.role));
  on(ClientEvent.HandLower, (s, input) => facilitation.lowerHand(s, input.memberId));
  on(ClientEvent.MemberMute, (s, input) => facilitation.mute(s, input.memberId, input.muted));
  on(ClientEvent.MemberRemove, (s, input) => facilitation.remove(s, input.memberId));
  on(ClientEvent.BarLift, (s, input) => facilitation.liftBar(s, input.barId));

  on(ClientEvent.PiecePass, (s) => piece.pass(s));
  on(ClientEvent.PieceGive, (s, input) => piece.give(s, input.memberId));
  on(ClientEvent.PieceTake, (s) => piece.take(s));
  on(ClientEvent.RoundStart, (s, input) => piece.startRound(s, input.kind, input.fromMemberId));
  on(ClientEvent.RoundEnd, (s) => piece.endRound(s));

  on(ClientEvent.ChatSend, (s, input) => conversation.send(s, input.text));
  on(ClientEvent.ChatClear, (s) => conversation.clear(s));
  on(ClientEvent.MessagePrivate, (s, input) => conversation.sendPrivate(s, input.to, input.text));

  on(ClientEvent.MemberBlock, (s, input) => safety.block(s, input.memberId));
  on(ClientEvent.MemberUnblock, (s, input) => safety.unblock(s, input.memberId));
  on(ClientEvent.ReportSend, (s, input) => safety.report(s, input));
  on(ClientEvent.HelpAlert, (s) => safety.alert(s));

  on(ClientEvent.SignalRelay, (s, input) => voice.relay(s, input));
  on(ClientEvent.ServerFeatures, () => Promise.resolve(voice.features()));
  on(ClientEvent.VoiceConfig, (s) => voice.voiceConfig(s));
  on(ClientEvent.VoiceMute, (s, input) => voice.setMuted(s, input.muted));
  on(ClientEvent.HandSet, (s, input) => presence.setHand(s, input.raised));
  on(ClientEvent.AwaySet, (s, input) => presence.setAway(s, input.away));
  on(ClientEvent.ReactionSend, (s, input) => presence.react(s, input.reaction));
}
