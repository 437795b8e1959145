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
  CodeInvalid: 'code_invalid',
  CircleNotFound: 'circle_not_found',
  CircleFull: 'circle_full',
  AlreadyInCircle: 'already_in_circle',
  NotInCircle: 'not_in_circle',
  NotWaiting: 'not_waiting',
  NotFacilitator: 'not_facilitator',
  WaitingNotFound: 'waiting_not_found',
  WaitingRoomFull: 'waiting_room_full',
  RecipientNotFound: 'recipient_not_found',
  ResumeRefused: 'resume_refused',
  ServerBusy: 'server_busy',
  /** Private (relay-only) voice was asked for, but this server has no TURN server configured. */
  PrivateVoiceUnavailable: 'private_voice_unavailable',
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
}
