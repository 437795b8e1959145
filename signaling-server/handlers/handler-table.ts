import type { CircleService } from '../circles/circle-service';
import type { ConversationService } from '../conversation/conversation-service';
import type { FacilitationService } from '../facilitation/facilitation-service';
import type { PieceService } from '../facilitation/piece-service';
import type { PresenceService } from '../presence/presence-service';
import type { HandlerTable } from '../realtime/dispatcher';
import type { SafetyService } from '../safety/safety-service';
import type { VoiceService } from '../voice/voice-service';

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

/** Which service answers each client event (shared/protocol/client-events.ts lists them). */
export function handlerTable(services: RequestServices): HandlerTable {
  const { circles, voice, presence, facilitation, piece, conversation, safety } = services;
  return {
    'circle:create': (s, input) => circles.create(s, input),
    'circle:preview': (s, input) => circles.preview(s, input.code),
    'circle:knock': (s, input) => circles.knock(s, input),
    'knock:cancel': (s) => circles.cancelKnock(s),
    'circle:resume': (s, input) => circles.resume(s, input),
    'circle:leave': (s) => circles.leave(s),
    'circle:end': (s, input) => circles.end(s, input.message),
    'waiting:admit': (s, input) => circles.admit(s, input.waitingId),
    'waiting:decline': (s, input) => circles.decline(s, input.waitingId, input.message),

    'circle:lock': (s, input) => facilitation.lock(s, input.locked),
    'circle:pause': (s, input) => facilitation.pause(s, input.paused),
    'role:set': (s, input) => facilitation.setRole(s, input.memberId, input.role),
    'hand:lower': (s, input) => facilitation.lowerHand(s, input.memberId),
    'member:mute': (s, input) => facilitation.mute(s, input.memberId, input.muted),
    'member:remove': (s, input) => facilitation.remove(s, input.memberId),
    'bar:lift': (s, input) => facilitation.liftBar(s, input.barId),

    'piece:pass': (s) => piece.pass(s),
    'piece:give': (s, input) => piece.give(s, input.memberId),
    'piece:take': (s) => piece.take(s),
    'round:start': (s, input) => piece.startRound(s, input.kind, input.fromMemberId),
    'round:end': (s) => piece.endRound(s),

    'chat:send': (s, input) => conversation.send(s, input.text),
    'chat:clear': (s) => conversation.clear(s),
    'message:private': (s, input) => conversation.sendPrivate(s, input.to, input.text),

    'member:block': (s, input) => safety.block(s, input.memberId),
    'member:unblock': (s, input) => safety.unblock(s, input.memberId),
    'report:send': (s, input) => safety.report(s, input),
    'help:alert': (s) => safety.alert(s),

    'signal:relay': (s, input) => voice.relay(s, input),
    'server:features': () => Promise.resolve(voice.features()),
    'voice:config': (s) => voice.voiceConfig(s),
    'voice:mute': (s, input) => voice.setMuted(s, input.muted),
    'hand:set': (s, input) => presence.setHand(s, input.raised),
    'away:set': (s, input) => presence.setAway(s, input.away),
    'reaction:send': (s, input) => presence.react(s, input.reaction),
  };
}
