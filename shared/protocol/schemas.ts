import { z } from 'zod';
import { ClientEvent, type ClientEventName } from './events';
import { AvatarColors, Reactions } from '../circle/presence';
import { Limits } from './limits';

/**
 * One schema per client→server event. `z.object` strips unknown keys, so nothing a client adds
 * (including `__proto__` or `constructor`) survives parsing. Free text is only length-capped
 * here; its finer rules (pseudonyms, titles, codes) live in shared/circle and give their own
 * error codes.
 */
const id = z.string().regex(/^[A-Za-z0-9_-]{8,32}$/);
const rawText = (max: number) => z.string().max(max);
/** Optional so an older saved form still works; the server then derives one from the id. */
const color = z
  .number()
  .int()
  .min(0)
  .max(AvatarColors.length - 1)
  .optional();

export const emptySchema = z.object({});

export const circleCreateSchema = z.object({
  title: rawText(Limits.titleMaxChars * 4),
  capacity: z.number().int().min(Limits.capacityMin).max(Limits.capacityMax),
  name: rawText(Limits.nameMaxCodeUnits * 2),
  /** Relay-only voice, so no member learns another's IP address. Needs a TURN server. */
  privateVoice: z.boolean().default(false),
  color,
});

export const circleKnockSchema = z.object({
  code: rawText(32),
  name: rawText(Limits.nameMaxCodeUnits * 2),
  color,
});

export const circleResumeSchema = z.object({
  code: rawText(32),
  resumeToken: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/),
});

export const waitingDecisionSchema = z.object({ waitingId: id });

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
export type CircleKnockInput = z.infer<typeof circleKnockSchema>;
export type CircleResumeInput = z.infer<typeof circleResumeSchema>;
export type WaitingDecisionInput = z.infer<typeof waitingDecisionSchema>;
export type VoiceMuteInput = z.infer<typeof voiceMuteSchema>;
export type HandSetInput = z.infer<typeof handSetSchema>;
export type AwaySetInput = z.infer<typeof awaySetSchema>;
export type ReactionSendInput = z.infer<typeof reactionSendSchema>;
export type SignalPayload = z.infer<typeof signalPayloadSchema>;
export type SignalRelayInput = z.infer<typeof signalRelaySchema>;

/** The schema of every client event; the server registers no handler without one. */
export const clientEventSchemas = {
  [ClientEvent.CircleCreate]: circleCreateSchema,
  [ClientEvent.CircleKnock]: circleKnockSchema,
  [ClientEvent.KnockCancel]: emptySchema,
  [ClientEvent.CircleResume]: circleResumeSchema,
  [ClientEvent.CircleLeave]: emptySchema,
  [ClientEvent.CircleEnd]: emptySchema,
  [ClientEvent.WaitingAdmit]: waitingDecisionSchema,
  [ClientEvent.WaitingDecline]: waitingDecisionSchema,
  [ClientEvent.SignalRelay]: signalRelaySchema,
  [ClientEvent.ServerFeatures]: emptySchema,
  [ClientEvent.VoiceConfig]: emptySchema,
  [ClientEvent.VoiceMute]: voiceMuteSchema,
  [ClientEvent.HandSet]: handSetSchema,
  [ClientEvent.AwaySet]: awaySetSchema,
  [ClientEvent.ReactionSend]: reactionSendSchema,
} as const satisfies Record<ClientEventName, z.ZodType>;
