import { z } from 'zod';
import { AssignableRoles, PieceModes, ReportReasons, RoundKinds } from '../circle/facilitation';
import { AvatarColors, Reactions } from '../circle/presence';
import { TakingPartChoices } from '../circle/taking-part';
import { GatheringKinds, GatheringLanguages } from '../gathering/gathering';
import { ErrorCode, isErrorCode } from './errors';
import { Limits } from './limits';
import { TableThemes, Tables, tableCountFor } from '../tables/tables';
import { WordChain, WordChainLanguages } from '../activity/word-chain';

/**
 * One schema per client→server event. `z.object` strips unknown keys, so nothing a client adds
 * (including `__proto__` or `constructor`) survives parsing. Free text is only length-capped
 * here (four UTF-16 units per character allowed); its finer rules (pseudonyms, titles, codes,
 * messages) live in shared/circle and give their own error codes. A few checks answer with a
 * specific code instead of `invalid_payload`: their error message is that code (see
 * `errorCodeOfParseFailure`).
 */
const id = z.string().regex(/^[A-Za-z0-9_-]{8,32}$/);
const rawText = (max: number) => z.string().max(max);
/** Free text of at most `chars` characters, capped on the wire at four units per character. */
const text = (chars: number) => rawText(chars * 4);
/** Optional so an older saved form still works; the server then derives one from the id. */
const color = z
  .number()
  .int()
  .min(0)
  .max(AvatarColors.length - 1)
  .optional();
/** A random token each browser keeps (`engawa.device`), so a removed person stays out. */
const device = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);
const rulesInvalid = { error: ErrorCode.RulesInvalid };

export const emptySchema = z.object({});

/** How a circle is set up, whether started at once or scheduled as a gathering. */
const circleSetup = {
  title: text(Limits.titleMaxChars),
  /** What the circle is about; blank means none. */
  topic: text(Limits.topicMaxChars).optional(),
  /** Ground rules, one per line; the client sends its language's defaults unless edited. */
  rules: z
    .array(text(Limits.ruleMaxChars))
    .min(Limits.rulesMin, rulesInvalid)
    .max(Limits.rulesMax, rulesInvalid),
  shareTimeS: z
    .number()
    .int()
    .min(Limits.shareTimeMinS)
    .max(Limits.shareTimeMaxS)
    .default(Limits.shareTimeDefaultS),
  pieceMode: z.enum(PieceModes).default('gentle'),
};

export const circleCreateSchema = z.object({
  ...circleSetup,
  capacity: z.number().int().min(Limits.capacityMin).max(Limits.capacityMax),
  name: rawText(Limits.nameMaxCodeUnits * 2),
  /** Relay-only voice, so no member learns another's IP address. Needs a TURN server. */
  privateVoice: z.boolean().default(false),
  color,
  /** Needed where the server lets only key holders start circles (`facilitatorAccess: keys`). */
  facilitatorKey: rawText(Limits.facilitatorKeyMaxChars).optional(),
});

export const facilitatorCheckSchema = z.object({ key: rawText(Limits.facilitatorKeyMaxChars) });

const facilitatorKey = rawText(Limits.facilitatorKeyMaxChars);
const gatheringId = rawText(32);

/**
 * A gathering as its facilitator sets it up. Numbers are only bounded loosely here, so a
 * duration of 5 hours or a weekly gathering scheduled 1,000 times gets its own error
 * (`duration_invalid`, `repeat_invalid`) rather than `invalid_payload`.
 */
const gatheringFields = {
  ...circleSetup,
  kind: z.enum(GatheringKinds),
  language: z.enum(GatheringLanguages),
  /** The first time, `YYYY-MM-DD` and `HH:MM` on the operator's clock (`ServerFeatures.timeZone`). */
  date: rawText(10),
  time: rawText(5),
  durationMin: z.number().int().min(1).max(100_000),
  /** 1 for once; more repeats it weekly, on the same weekday and time. */
  weeks: z.number().int().min(1).max(1_000_000),
  /** Up to 12 for a circle, 8 to 48 for a social event (`seats_invalid` otherwise). */
  seats: z.number().int().min(Limits.capacityMin).max(Tables.eventSeatsMax),
  /** On the entrance for everyone, or only for those given its link. */
  listed: z.boolean(),
  /** A social event only: false lets people straight in. Missing means a waiting room. */
  waitingRoom: z.boolean().optional(),
};

export const gatheringScheduleSchema = z.object({ facilitatorKey, ...gatheringFields });
export const gatheringEditSchema = z.object({
  facilitatorKey,
  id: gatheringId,
  ...gatheringFields,
});
export const gatheringTargetSchema = z.object({ facilitatorKey, id: gatheringId });
export const gatheringMineSchema = z.object({ facilitatorKey });
export const gatheringGetSchema = z.object({ id: gatheringId });
/** A one-to-one session's invitation: the token from its link, and the person's lobby choices. */
export const gatheringAcceptSchema = z.object({
  id: gatheringId,
  token: rawText(64),
  name: rawText(Limits.nameMaxCodeUnits * 2),
  device: rawText(64),
  color,
});

export const gatheringOpenSchema = z.object({
  facilitatorKey,
  id: gatheringId,
  name: rawText(Limits.nameMaxCodeUnits * 2),
  color,
});

export const circlePreviewSchema = z.object({ code: rawText(32) });

export const circleKnockSchema = z.object({
  code: rawText(32),
  name: rawText(Limits.nameMaxCodeUnits * 2),
  color,
  /** Missing or anything but `true` is answered `rules_not_accepted`. */
  acceptedRules: z.literal(true, { error: ErrorCode.RulesNotAccepted }),
  device,
  /** How they mean to take part; missing means `speak`. */
  takingPart: z.enum(TakingPartChoices).optional(),
});

export const takingPartSchema = z.object({ takingPart: z.enum(TakingPartChoices) });

const tableId = z
  .number()
  .int()
  .min(0)
  .max(tableCountFor(Tables.eventSeatsMax) - 1);

/** A table by number (and perhaps a cushion at it), or "somewhere quiet". */
export const tableSitSchema = z.object({
  table: z.union([tableId, z.literal('quiet')]),
  cushion: z
    .number()
    .int()
    .min(0)
    .max(Tables.cushions - 1)
    .optional(),
});

export const voiceSpeakingSchema = z.object({ speaking: z.boolean() });

export const activityStartSchema = z.object({ language: z.enum(WordChainLanguages) });
/** A word as typed; whether it chains is the rules' to say (`word_invalid` and the like). */
export const activityWordSchema = z.object({ word: text(WordChain.wordMaxChars) });

export const tableSetSchema = z.object({
  table: tableId,
  open: z.boolean().optional(),
  theme: z.enum(TableThemes).optional(),
});

/** A secret handed out once (a seat's resume token, a knock's waiting token). */
const token = z.string().regex(/^[A-Za-z0-9_-]{20,64}$/);

export const circleResumeSchema = z.object({
  code: rawText(32),
  resumeToken: token,
});

/** A knock taken back by a new connection after the old one was lost. */
export const knockResumeSchema = z.object({
  code: rawText(32),
  waitingId: id,
  waitingToken: token,
});

export const circleEndSchema = z.object({
  /** A closing word shown to everyone; blank means none. */
  message: text(Limits.closingMessageMaxChars).optional(),
});

export const waitingDecisionSchema = z.object({ waitingId: id });

export const waitingDeclineSchema = z.object({
  waitingId: id,
  /** A kind word shown to the person declined; blank means none. */
  message: text(Limits.declineMessageMaxChars).optional(),
});

export const circleLockSchema = z.object({ locked: z.boolean() });

export const circlePauseSchema = z.object({ paused: z.boolean() });

export const roleSetSchema = z.object({ memberId: id, role: z.enum(AssignableRoles) });

/** Events that name one other member and nothing else. */
export const memberTargetSchema = z.object({ memberId: id });

export const memberMuteSchema = z.object({ memberId: id, muted: z.boolean() });

export const roundStartSchema = z.object({ kind: z.enum(RoundKinds), fromMemberId: id });

export const barLiftSchema = z.object({ barId: id });

export const privateMessageSchema = z.object({
  to: id,
  text: text(Limits.privateMessageMaxChars),
});

export const reportSendSchema = z.object({
  memberId: id.optional(),
  /** Each reason once; repeats are dropped. */
  reasons: z
    .array(z.enum(ReportReasons))
    .min(1)
    .max(Limits.reportReasonsMax)
    .transform((reasons) => [...new Set(reasons)]),
  text: text(Limits.reportTextMaxChars).optional(),
});

export const chatSendSchema = z.object({ text: text(Limits.chatMaxChars) });
export const announceSendSchema = z.object({ text: text(Limits.announcementMaxChars) });

export const voiceMuteSchema = z.object({ muted: z.boolean() });

export const handSetSchema = z.object({ raised: z.boolean() });

export const awaySetSchema = z.object({ away: z.boolean() });

export const reactionSendSchema = z.object({ reaction: z.enum(Reactions) });

const iceCandidate = z.object({
  candidate: z.string().max(Limits.candidateMaxChars),
  sdpMid: z.string().max(64).nullable().optional(),
  sdpMLineIndex: z.number().int().min(0).max(255).nullable().optional(),
  usernameFragment: z.string().max(256).nullable().optional(),
});

/**
 * Which peer connection between two members a signal belongs to. A fresh id per connection lets
 * each side drop signals meant for a connection it has already replaced (after a reload or a
 * failure), so an old answer never reaches a new offer.
 */
const conn = z
  .string()
  .regex(/^[A-Za-z0-9_-]{4,32}$/)
  .optional();

/**
 * WebRTC signalling, typed: SDP, trickled ICE, and `renegotiate`, which asks the member who
 * starts this pair's connection to start a fresh one.
 */
export const signalPayloadSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('offer'), conn, sdp: z.string().max(Limits.sdpMaxChars) }),
  z.object({ type: z.literal('answer'), conn, sdp: z.string().max(Limits.sdpMaxChars) }),
  z.object({ type: z.literal('candidate'), conn, candidate: iceCandidate }),
  z.object({ type: z.literal('renegotiate'), conn }),
  z.object({ type: z.literal('transceiverRequest'), conn, kind: z.enum(['audio', 'video']) }),
]);

export const signalRelaySchema = z.object({ to: id, signal: signalPayloadSchema });

export type EmptyInput = z.infer<typeof emptySchema>;
export type CircleCreateInput = z.input<typeof circleCreateSchema>;
export type GatheringScheduleInput = z.input<typeof gatheringScheduleSchema>;
export type FacilitatorCheckInput = z.infer<typeof facilitatorCheckSchema>;
export type CirclePreviewInput = z.infer<typeof circlePreviewSchema>;
export type CircleKnockInput = z.infer<typeof circleKnockSchema>;
export type CircleResumeInput = z.infer<typeof circleResumeSchema>;
export type KnockResumeInput = z.infer<typeof knockResumeSchema>;
export type CircleEndInput = z.infer<typeof circleEndSchema>;
export type WaitingDecisionInput = z.infer<typeof waitingDecisionSchema>;
export type WaitingDeclineInput = z.infer<typeof waitingDeclineSchema>;
export type CircleLockInput = z.infer<typeof circleLockSchema>;
export type CirclePauseInput = z.infer<typeof circlePauseSchema>;
export type RoleSetInput = z.infer<typeof roleSetSchema>;
export type MemberTargetInput = z.infer<typeof memberTargetSchema>;
export type MemberMuteInput = z.infer<typeof memberMuteSchema>;
export type RoundStartInput = z.infer<typeof roundStartSchema>;
export type BarLiftInput = z.infer<typeof barLiftSchema>;
export type PrivateMessageInput = z.infer<typeof privateMessageSchema>;
export type ReportSendInput = z.input<typeof reportSendSchema>;
export type ChatSendInput = z.infer<typeof chatSendSchema>;
export type VoiceMuteInput = z.infer<typeof voiceMuteSchema>;
export type HandSetInput = z.infer<typeof handSetSchema>;
export type AwaySetInput = z.infer<typeof awaySetSchema>;
export type ReactionSendInput = z.infer<typeof reactionSendSchema>;
export type SignalPayload = z.infer<typeof signalPayloadSchema>;
export type SignalRelayInput = z.infer<typeof signalRelaySchema>;

/**
 * The code to answer a payload that failed its schema with: a specific one when every problem
 * found carries that code as its message (such as `rules_not_accepted`), else `invalid_payload`.
 */
export function errorCodeOfParseFailure(error: z.ZodError): ErrorCode {
  const codes = new Set(error.issues.map((issue) => issue.message));
  const [only] = codes;
  return codes.size === 1 && isErrorCode(only) ? only : ErrorCode.InvalidPayload;
}
