import type { ErrorCode } from './errors';

export interface AckError {
  code: ErrorCode;
  /** Seconds until a rate-limited request may be retried, when known. */
  retryAfterS?: number;
}

/** Every acknowledgement: success with data, or a typed error code. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: AckError };

export type AckCallback<T> = (result: Ack<T>) => void;

export function ackOk<T>(data: T): Ack<T> {
  return { ok: true, data };
}

export function ackError(code: ErrorCode, retryAfterS?: number): Ack<never> {
  return retryAfterS === undefined
    ? { ok: false, error: { code } }
    : { ok: false, error: { code, retryAfterS } };
}
