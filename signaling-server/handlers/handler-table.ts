import type { CircleService } from '../circles/circle-service';
import type { ConversationService } from '../conversation/conversation-service';
import type { FacilitationService } from '../facilitation/facilitation-service';
import type { FacilitatorAccess } from '../facilitators/facilitator-access';
import type { ScheduleService } from '../schedule/schedule-service';
import type { PieceService } from '../facilitation/piece-service';
import type { PresenceService } from '../presence/presence-service';
import type { HandlerTable } from '../realtime/dispatcher';
import type { SafetyService } from '../safety/safety-service';
import type { TableService } from '../tables/table-service';
import type { WordChainService } from '../tables/word-chain-service';
import type { VoiceService } from '../voice/voice-service';

/** The services that answer client requests, one per domain. */
export interface RequestServices {
  circles: CircleService;
  voice: VoiceService;
  presence: PresenceService;
  facilitation: FacilitationService;
  piece: PieceService;
  tables: TableService;
  wordChains: WordChainService;
  conversation: ConversationService;
  safety: SafetyService;
  facilitators: FacilitatorAccess;
  schedule: ScheduleService;
  /** The operator's time zone, which `server:features` reports. */
  timeZone: string;
  /** The operator's default for the daily balance note, which `server:features` reports. */
  balanceMinutes: number | null;
}

/** Which service answers each client event (shared/protocol/client-events.ts lists them). */
export function handlerTable(services: RequestServices): HandlerTable {
  const { circles, voice, presence, facilitation, piece, conversation, safety } = services;
  const { facilitators, schedule, tables, wordChains, timeZone, balanceMinutes } = services;
  return {
    'circle:create': (caller, input) => circles.create(caller, input),
    'circle:preview': (caller, input) => circles.door.preview(caller, input.code),
    'circle:knock': (caller, input) => circles.door.knock(caller, input),
    'knock:cancel': (caller) => circles.door.cancelKnock(caller),
    'knock:resume': (caller, input) => circles.door.resumeKnock(caller, input),
    'circle:resume': (caller, input) => circles.resume(caller, input),
    'circle:sync': (caller) => Promise.resolve(circles.view(caller)),
    'waiting:sync': (caller) => Promise.resolve(circles.door.waitingList(caller)),
    'circle:leave': (caller) => circles.leave(caller),
    'circle:end': (caller, input) => circles.end(caller, input.message),
    'waiting:admit': (caller, input) => circles.door.admit(caller, input.waitingId),
    'waiting:decline': (caller, input) =>
      circles.door.decline(caller, input.waitingId, input.message),

    'circle:lock': (caller, input) => facilitation.lock(caller, input.locked),
    'circle:pause': (caller, input) => facilitation.pause(caller, input.paused),
    'role:set': (caller, input) => facilitation.setRole(caller, input.memberId, input.role),
    'hand:lower': (caller, input) => facilitation.lowerHand(caller, input.memberId),
    'hand:lowerAll': (caller) => facilitation.lowerAllHands(caller),
    'member:mute': (caller, input) => facilitation.mute(caller, input.memberId, input.muted),
    'member:remove': (caller, input) => facilitation.remove(caller, input.memberId),
    'bar:lift': (caller, input) => facilitation.liftBar(caller, input.barId),

    'piece:pass': (caller) => piece.pass(caller),
    'piece:give': (caller, input) => piece.give(caller, input.memberId),
    'piece:take': (caller) => piece.take(caller),
    'piece:accept': (caller) => piece.accept(caller),
    'piece:decline': (caller) => piece.decline(caller),
    'round:start': (caller, input) => piece.startRound(caller, input.kind, input.fromMemberId),
    'round:end': (caller) => piece.endRound(caller),

    'chat:send': (caller, input) => conversation.send(caller, input.text),
    'chat:clear': (caller) => conversation.clear(caller),
    'announce:send': (caller, input) => conversation.announce(caller, input.text),
    'message:private': (caller, input) => conversation.sendPrivate(caller, input.to, input.text),

    'member:block': (caller, input) => safety.block(caller, input.memberId),
    'member:unblock': (caller, input) => safety.unblock(caller, input.memberId),
    'report:send': (caller, input) => safety.report(caller, input),
    'help:alert': (caller) => safety.alert(caller),

    'signal:relay': (caller, input) => voice.relay(caller, input),
    'server:features': () =>
      Promise.resolve({
        ...voice.features(),
        facilitatorAccess: facilitators.mode,
        timeZone,
        balanceMinutes,
      }),
    'facilitator:check': (caller, input) => facilitators.check(caller.address, input.key),

    'entrance:list': () => schedule.entrance(),
    'gathering:get': (_caller, input) => schedule.get(input.id),
    'gathering:schedule': (caller, input) => schedule.schedule(caller, input),
    'gathering:edit': (caller, input) => schedule.edit(caller, input),
    'gathering:cancel': (caller, input) => schedule.cancel(caller, input),
    'gathering:mine': (caller, input) => schedule.mine(caller, input),
    'gathering:open': (caller, input) => schedule.open(caller, input),
    'gathering:invite': (caller, input) => schedule.invite(caller, input),
    'gathering:accept': (caller, input) => schedule.accept(caller, input),
    'voice:config': (caller) => voice.voiceConfig(caller),
    'voice:mute': (caller, input) => voice.setMuted(caller, input.muted),
    'hand:set': (caller, input) => presence.setHand(caller, input.raised),
    'away:set': (caller, input) => presence.setAway(caller, input.away),
    'member:takingPart': (caller, input) => presence.setTakingPart(caller, input.takingPart),
    'reaction:send': (caller, input) => presence.react(caller, input.reaction),

    'table:sit': (caller, input) => tables.sit(caller, input.table, input.cushion),
    'table:leave': (caller) => tables.leave(caller),
    'table:set': (caller, input) => tables.change(caller, input.table, input),
    'voice:speaking': (caller, input) => tables.speaking(caller, input.speaking),
    'activity:start': (caller, input) => wordChains.start(caller, input.language),
    'activity:join': (caller) => wordChains.join(caller),
    'activity:leave': (caller) => wordChains.leave(caller),
    'activity:word': (caller, input) => wordChains.word(caller, input.word),
    'activity:pass': (caller) => wordChains.pass(caller),
    'activity:end': (caller) => wordChains.end(caller),
  };
}
