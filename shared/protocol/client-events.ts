import type { z } from 'zod';
import type { CirclePreview, PrivateMessage, WaitingList } from '../circle/views';
import type {
  EntranceItem,
  GatheringInvitation,
  GatheringView,
  OwnGathering,
} from '../gathering/gathering';
import type { PackedCircleView, PackedEnteredCircle } from '../circle/wire-views';
import type { AckCallback } from './ack';
import type { TablePlace } from '../tables/tables';
import type {
  BlockList,
  Delivery,
  FacilitatorCheck,
  KnockAccepted,
  ServerFeatures,
  VoiceConfig,
} from './answers';
import {
  awaySetSchema,
  announceSendSchema,
  takingPartSchema,
  barLiftSchema,
  chatSendSchema,
  circleCreateSchema,
  circleEndSchema,
  circleKnockSchema,
  circleLockSchema,
  circlePauseSchema,
  circlePreviewSchema,
  circleResumeSchema,
  emptySchema,
  facilitatorCheckSchema,
  gatheringAcceptSchema,
  gatheringEditSchema,
  gatheringGetSchema,
  gatheringMineSchema,
  gatheringOpenSchema,
  gatheringScheduleSchema,
  gatheringTargetSchema,
  handSetSchema,
  knockResumeSchema,
  memberMuteSchema,
  memberTargetSchema,
  privateMessageSchema,
  reactionSendSchema,
  reportSendSchema,
  roleSetSchema,
  roundStartSchema,
  signalRelaySchema,
  tableSetSchema,
  tableSitSchema,
  voiceSpeakingSchema,
  activityStartSchema,
  activityWordSchema,
  voiceMuteSchema,
  waitingDecisionSchema,
  waitingDeclineSchema,
} from './schemas';

/** Who may send an event, as docs/protocol.md §4 says it. The services enforce it. */
export type Sender =
  | 'anyone'
  | 'guest'
  | 'waiting'
  | 'member'
  | 'host'
  | 'facilitator'
  | 'the holder'
  | 'the holder, or a host'
  | 'the one offered it';

/**
 * What an event costs its sender's flood allowance (server). An event pushed to the whole
 * circle or its hosts costs more than one passed to a single member, so a flood of broadcasts is
 * cut off before it slows the circle; work on the store or a secret sits between.
 */
export const Cost = { point: 1, entry: 2, circle: 4 } as const;

export interface ClientEventSpec<
  S extends z.ZodType = z.ZodType,
  A = unknown,
  P extends Sender = Sender,
> {
  schema: S;
  sender: P;
  cost: number;
  /** The acknowledgement's data type; a marker only, never read at run time. */
  answer: A;
}

/** Names the acknowledgement's data type in the table (the value itself is never used). */
// A type marker is the whole point here: the parameter exists only to be named at each row.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
function answers<A>(): A {
  return undefined as A;
}

function spec<S extends z.ZodType, A, P extends Sender>(
  schema: S,
  sender: P,
  cost: number,
  answer: A,
): ClientEventSpec<S, A, P> {
  return { schema, sender, cost, answer };
}

/**
 * Every client→server event, once: its name (`domain:verb`), the schema its payload must pass,
 * who may send it, what it costs against flooding, and what its acknowledgement carries. The
 * event maps both ends type their sockets with, the server's validation and its handler table
 * are all derived from this.
 */
export const clientEvents = {
  'circle:create': spec(circleCreateSchema, 'guest', Cost.entry, answers<PackedEnteredCircle>()),
  'circle:preview': spec(circlePreviewSchema, 'anyone', Cost.entry, answers<CirclePreview>()),
  'circle:knock': spec(circleKnockSchema, 'guest', Cost.entry, answers<KnockAccepted>()),
  'knock:cancel': spec(emptySchema, 'waiting', Cost.point, answers<null>()),
  'knock:resume': spec(knockResumeSchema, 'guest', Cost.entry, answers<KnockAccepted>()),
  'circle:resume': spec(circleResumeSchema, 'guest', Cost.entry, answers<PackedEnteredCircle>()),
  'circle:sync': spec(emptySchema, 'member', Cost.point, answers<PackedCircleView>()),
  'circle:leave': spec(emptySchema, 'member', Cost.circle, answers<null>()),
  'circle:end': spec(circleEndSchema, 'facilitator', Cost.circle, answers<null>()),
  'waiting:sync': spec(emptySchema, 'host', Cost.point, answers<WaitingList>()),
  'waiting:admit': spec(waitingDecisionSchema, 'host', Cost.circle, answers<null>()),
  'waiting:decline': spec(waitingDeclineSchema, 'host', Cost.point, answers<null>()),
  'circle:lock': spec(circleLockSchema, 'host', Cost.circle, answers<null>()),
  'circle:pause': spec(circlePauseSchema, 'host', Cost.circle, answers<null>()),
  'role:set': spec(roleSetSchema, 'facilitator', Cost.circle, answers<null>()),
  'piece:pass': spec(emptySchema, 'the holder', Cost.circle, answers<null>()),
  'piece:give': spec(memberTargetSchema, 'the holder, or a host', Cost.circle, answers<null>()),
  'piece:take': spec(emptySchema, 'host', Cost.circle, answers<null>()),
  'piece:accept': spec(emptySchema, 'the one offered it', Cost.circle, answers<null>()),
  'piece:decline': spec(emptySchema, 'the one offered it', Cost.circle, answers<null>()),
  'round:start': spec(roundStartSchema, 'host', Cost.circle, answers<null>()),
  'round:end': spec(emptySchema, 'host', Cost.circle, answers<null>()),
  'hand:lower': spec(memberTargetSchema, 'host', Cost.circle, answers<null>()),
  'hand:lowerAll': spec(emptySchema, 'host', Cost.circle, answers<null>()),
  'member:mute': spec(memberMuteSchema, 'host', Cost.circle, answers<null>()),
  'member:remove': spec(memberTargetSchema, 'host', Cost.circle, answers<null>()),
  'bar:lift': spec(barLiftSchema, 'host', Cost.point, answers<null>()),
  'message:private': spec(privateMessageSchema, 'member', Cost.point, answers<PrivateMessage>()),
  'member:block': spec(memberTargetSchema, 'member', Cost.point, answers<BlockList>()),
  'member:unblock': spec(memberTargetSchema, 'member', Cost.point, answers<BlockList>()),
  'report:send': spec(reportSendSchema, 'member', Cost.point, answers<Delivery>()),
  'chat:send': spec(chatSendSchema, 'member', Cost.circle, answers<null>()),
  'chat:clear': spec(emptySchema, 'host', Cost.circle, answers<null>()),
  'announce:send': spec(announceSendSchema, 'host', Cost.circle, answers<null>()),
  'help:alert': spec(emptySchema, 'member', Cost.point, answers<Delivery>()),
  'signal:relay': spec(signalRelaySchema, 'member', Cost.point, answers<null>()),
  'server:features': spec(emptySchema, 'anyone', Cost.point, answers<ServerFeatures>()),
  'facilitator:check': spec(
    facilitatorCheckSchema,
    'anyone',
    Cost.entry,
    answers<FacilitatorCheck>(),
  ),
  'entrance:list': spec(emptySchema, 'anyone', Cost.entry, answers<EntranceItem[]>()),
  'gathering:get': spec(gatheringGetSchema, 'anyone', Cost.entry, answers<GatheringView>()),
  'gathering:schedule': spec(
    gatheringScheduleSchema,
    'anyone',
    Cost.entry,
    answers<OwnGathering>(),
  ),
  'gathering:edit': spec(gatheringEditSchema, 'anyone', Cost.entry, answers<OwnGathering>()),
  'gathering:cancel': spec(gatheringTargetSchema, 'anyone', Cost.entry, answers<null>()),
  'gathering:mine': spec(gatheringMineSchema, 'anyone', Cost.entry, answers<OwnGathering[]>()),
  'gathering:invite': spec(
    gatheringTargetSchema,
    'anyone',
    Cost.entry,
    answers<GatheringInvitation>(),
  ),
  'gathering:accept': spec(
    gatheringAcceptSchema,
    'guest',
    Cost.entry,
    answers<PackedEnteredCircle>(),
  ),
  'gathering:open': spec(gatheringOpenSchema, 'guest', Cost.entry, answers<PackedEnteredCircle>()),
  'voice:config': spec(emptySchema, 'member', Cost.point, answers<VoiceConfig>()),
  'voice:mute': spec(voiceMuteSchema, 'member', Cost.circle, answers<null>()),
  'hand:set': spec(handSetSchema, 'member', Cost.circle, answers<null>()),
  'away:set': spec(awaySetSchema, 'member', Cost.circle, answers<null>()),
  'member:takingPart': spec(takingPartSchema, 'member', Cost.circle, answers<null>()),
  'table:sit': spec(tableSitSchema, 'member', Cost.circle, answers<TablePlace>()),
  'table:leave': spec(emptySchema, 'member', Cost.circle, answers<null>()),
  'table:set': spec(tableSetSchema, 'host', Cost.circle, answers<null>()),
  'voice:speaking': spec(voiceSpeakingSchema, 'member', Cost.point, answers<null>()),
  'activity:start': spec(activityStartSchema, 'member', Cost.circle, answers<null>()),
  'activity:join': spec(emptySchema, 'member', Cost.circle, answers<null>()),
  'activity:leave': spec(emptySchema, 'member', Cost.circle, answers<null>()),
  'activity:word': spec(activityWordSchema, 'member', Cost.circle, answers<null>()),
  'activity:pass': spec(emptySchema, 'member', Cost.circle, answers<null>()),
  'activity:end': spec(emptySchema, 'member', Cost.circle, answers<null>()),
  'reaction:send': spec(reactionSendSchema, 'member', Cost.circle, answers<null>()),
} as const satisfies Record<string, ClientEventSpec>;

export type ClientEventName = keyof typeof clientEvents;

type SchemaOf<E extends ClientEventName> = (typeof clientEvents)[E]['schema'];

/** What a client sends: the payload before parsing (defaults may be left out). */
export type ClientInput<E extends ClientEventName> = z.input<SchemaOf<E>>;
/** What a handler receives: the payload after parsing. */
export type ParsedInput<E extends ClientEventName> = z.output<SchemaOf<E>>;
/** Who may send the event, as a literal type. */
export type SenderOf<E extends ClientEventName> = (typeof clientEvents)[E]['sender'];
/** The data of a successful acknowledgement. */
export type AnswerOf<E extends ClientEventName> = (typeof clientEvents)[E]['answer'];

export type ClientToServerEvents = {
  [E in ClientEventName]: (input: ClientInput<E>, ack: AckCallback<AnswerOf<E>>) => void;
};

export const clientEventNames = Object.keys(clientEvents) as ClientEventName[];

export function isClientEventName(name: unknown): name is ClientEventName {
  return typeof name === 'string' && Object.hasOwn(clientEvents, name);
}
