/**
 * Every error that crosses the wire is one of these codes. User-facing text for each code lives
 * in the client's i18n table; server-side exception text never reaches a client.
 */
export const ErrorCode = {
  InvalidPayload: 'invalid_payload',
  UnknownEvent: 'unknown_event',
  RateLimited: 'rate_limited',
  TooManyAttempts: 'too_many_attempts',
  ProtocolMismatch: 'protocol_mismatch',
  OriginRefused: 'origin_refused',
  NameRequired: 'name_required',
  NameTooLong: 'name_too_long',
  NameInvalidCharacters: 'name_invalid_characters',
  NameInvisible: 'name_invisible',
  TitleInvalid: 'title_invalid',
  TopicInvalid: 'topic_invalid',
  /** Ground rules: 1–12 lines, each a visible line of at most 200 characters. */
  RulesInvalid: 'rules_invalid',
  /** A chat line, private message, report, decline or closing message breaks the text rules. */
  TextInvalid: 'text_invalid',
  CodeInvalid: 'code_invalid',
  CircleNotFound: 'circle_not_found',
  CircleFull: 'circle_full',
  /** The facilitators have closed the door for now; people already waiting stay. */
  CircleLocked: 'circle_locked',
  /** This browser was removed from this circle and may not knock again. */
  Barred: 'barred',
  /** Knocking needs the ground rules read and accepted. */
  RulesNotAccepted: 'rules_not_accepted',
  AlreadyInCircle: 'already_in_circle',
  NotInCircle: 'not_in_circle',
  NotWaiting: 'not_waiting',
  /** Only a facilitator (or, where allowed, a co-facilitator) may do this. */
  NotFacilitator: 'not_facilitator',
  /** The request names someone it may not be used on (the facilitator, yourself, a peer). */
  NotPermitted: 'not_permitted',
  MemberNotFound: 'member_not_found',
  /** That member is disconnected or has stepped out right now. */
  MemberUnavailable: 'member_unavailable',
  /** Only the member holding the talking piece may do this. */
  NotHolder: 'not_holder',
  /** Their microphone stays off while they take part another way than speaking. */
  SpeakNotChosen: 'speak_not_chosen',
  /** A round calls only on those who chose to speak, and nobody here has. */
  NobodySpeaking: 'nobody_speaking',
  /** Only the member the talking piece is offered to may take it or let it go by. */
  NotOffered: 'not_offered',
  /** Tables are only at a social event. */
  NotSocialEvent: 'not_a_social_event',
  /** No table by that number at this event. */
  TableNotFound: 'table_not_found',
  /** Every cushion at that table is taken (or, for "somewhere quiet", at every open table). */
  TableFull: 'table_full',
  /** A host has closed that table for now. */
  TableClosed: 'table_closed',
  /** Someone else sits on that cushion. */
  CushionTaken: 'cushion_taken',
  /** Voice is set up only between people at the same table. */
  NotAtYourTable: 'not_at_your_table',
  /** Sit at a table first: a table's activity belongs to the people at it. */
  NotAtATable: 'not_at_a_table',
  /** The table already has an activity going; join it instead. */
  ActivityRunning: 'activity_running',
  /** Nothing is going on at this member's table to join or play. */
  NoActivity: 'no_activity',
  /** It is someone else's turn in the word chain (or the sender is only watching). */
  NotYourTurn: 'not_your_turn',
  /** Not a word the chain can read: kana or letters, as the chain began, at most 20. */
  WordInvalid: 'word_invalid',
  /** The word does not start with the sound the last word ended with. */
  WordDoesNotChain: 'word_does_not_chain',
  WordUsed: 'word_used',
  /** A word ending in ん would end the chain; another is asked for. */
  WordEndsWithN: 'word_ends_with_n',
  BarNotFound: 'bar_not_found',
  /** A facilitator muted this member; only a facilitator can let them speak again. */
  MutedByFacilitator: 'muted_by_facilitator',
  /** One of the two has blocked the other; nothing passes between them. */
  Blocked: 'blocked',
  WaitingNotFound: 'waiting_not_found',
  WaitingRoomFull: 'waiting_room_full',
  RecipientNotFound: 'recipient_not_found',
  ResumeRefused: 'resume_refused',
  ServerBusy: 'server_busy',
  /** Private (relay-only) voice was asked for, but this server has no TURN server configured. */
  PrivateVoiceUnavailable: 'private_voice_unavailable',
  /** The shared store (Redis, with several nodes) cannot be reached; nothing was changed. */
  StoreUnavailable: 'store_unavailable',
  /** This server lets only facilitators with a key start a circle, and none was given. */
  FacilitatorKeyRequired: 'facilitator_key_required',
  /** The facilitator key is not one this server issued, or it was revoked. */
  FacilitatorKeyInvalid: 'facilitator_key_invalid',
  /** A gathering's date or time is not a real one, or more than a year ahead. */
  TimeInvalid: 'time_invalid',
  /** A gathering cannot start in the past. */
  StartInPast: 'start_in_past',
  /** A gathering lasts 15 minutes to 4 hours. */
  DurationInvalid: 'duration_invalid',
  /** A weekly gathering is scheduled 1 to 26 times at once. */
  RepeatInvalid: 'repeat_invalid',
  GatheringNotFound: 'gathering_not_found',
  /** Only the facilitator key that scheduled a gathering may change it or open its room. */
  NotYourGathering: 'not_your_gathering',
  /** Too soon: the room opens, or knocking starts, a little before the start. */
  TooEarly: 'too_early',
  /** The gathering was cancelled, or every time it was scheduled for is over. */
  GatheringOver: 'gathering_over',
  /** This time's room is already open. */
  GatheringAlreadyOpen: 'gathering_already_open',
  /** A one-to-one session has 2 or 3 seats. */
  SeatsInvalid: 'seats_invalid',
  /** The invitation link was used already, replaced by a newer one, or never issued. */
  InvitationInvalid: 'invitation_invalid',
  Internal: 'internal_error',
  /** Client-side: no answer in time, or the connection dropped mid-request. */
  ConnectionLost: 'connection_lost',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const knownCodes = new Set<string>(Object.values(ErrorCode));

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && knownCodes.has(value);
}

/** An expected, user-explainable failure. Thrown by domain code, answered as `{ ok: false }`. */
export class EngawaError extends Error {
  readonly code: ErrorCode;
  /** For rate limits: seconds until the request may be retried. */
  readonly retryAfterS: number | undefined;

  constructor(code: ErrorCode, retryAfterS?: number) {
    super(code);
    this.name = 'EngawaError';
    this.code = code;
    this.retryAfterS = retryAfterS;
  }

  static of(code: ErrorCode): EngawaError {
    return new EngawaError(code);
  }

  static tooManyAttempts(retryAfterS: number): EngawaError {
    return new EngawaError(ErrorCode.TooManyAttempts, retryAfterS);
  }

  static tooEarly(retryAfterS: number): EngawaError {
    return new EngawaError(ErrorCode.TooEarly, Math.max(1, retryAfterS));
  }
}
