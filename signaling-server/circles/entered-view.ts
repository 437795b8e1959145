import type { EnteredCircle } from '../../shared/circle/views';
import type { VoicePolicy } from '../config';
import type { ChatMessage } from '../../shared/circle/views';
import { buildVoiceConfig } from '../voice/voice-config';
import { blockedBy, isBlockedBetween } from './block-rules';
import type { CircleRecord } from './circle-record';
import { toCircleView, toModerationState, toWaitingList } from './circle-views';
import { isHostRole } from '../../shared/circle/facilitation';
import * as rules from './circle-rules';

/**
 * Everything a member needs on taking a seat, in one answer: who they are, the circle, the chat
 * so far, a host's waiting room and moderation state, and the ICE servers that let voice start
 * without another round trip.
 */
export function toEnteredCircle(
  circle: CircleRecord,
  memberId: string,
  resumeToken: string,
  context: { chat: readonly ChatMessage[]; voice: VoicePolicy; now: number },
): EnteredCircle {
  const role = rules.findMember(circle, memberId)?.role;
  const host = role !== undefined && isHostRole(role);
  return {
    self: { memberId, resumeToken, blocked: blockedBy(circle, memberId) },
    circle: toCircleView(circle, context.now),
    chat: context.chat.filter((line) => !isBlockedBetween(circle, memberId, line.from)),
    ...(host ? { waiting: toWaitingList(circle), moderation: toModerationState(circle) } : {}),
    ...voiceFor(circle, memberId, context),
  };
}

function voiceFor(
  circle: CircleRecord,
  memberId: string,
  context: { voice: VoicePolicy; now: number },
): Pick<EnteredCircle, 'voice'> {
  try {
    const voice = buildVoiceConfig(context.voice, {
      memberId,
      privateVoice: circle.privateVoice,
      nowMs: context.now,
    });
    return { voice };
  } catch {
    // A private circle on a server without TURN: the page asks `voice:config`, which says why.
    return {};
  }
}
