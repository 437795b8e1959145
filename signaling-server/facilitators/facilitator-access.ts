import { EngawaError, ErrorCode } from '../../shared/protocol/errors';
import type { AttemptLimiter } from '../limits/attempt-limiter';
import type { Logger } from '../logger';
import { parseFacilitatorKey, secretMatches } from './facilitator-key';
import type { FacilitatorKeys, FacilitatorRecord } from './facilitator-keys';

/** `open`: anyone who reaches the page may start a circle; `keys`: only a key's holder. */
export type FacilitatorAccessMode = 'open' | 'keys';

export interface FacilitatorAccessDeps {
  mode: FacilitatorAccessMode;
  keys: FacilitatorKeys;
  /** Wrong keys per address, as wrong circle codes are counted. */
  attempts: AttemptLimiter;
  logger: Logger;
}

/**
 * Who may start a circle. A wrong, revoked or malformed key counts against the address's
 * guesses; once they run out, even a right key is refused for the rest of the window.
 */
export class FacilitatorAccess {
  constructor(private readonly deps: FacilitatorAccessDeps) {}

  get mode(): FacilitatorAccessMode {
    return this.deps.mode;
  }

  /**
   * Checks that this request may start a circle. Returns the key's id when a key was needed
   * and held, null in open mode (where a key, if sent, is not even read).
   */
  async authorize(address: string, rawKey: string | undefined): Promise<string | null> {
    if (this.deps.mode === 'open') return null;
    if (rawKey === undefined || rawKey.trim() === '') {
      throw EngawaError.of(ErrorCode.FacilitatorKeyRequired);
    }
    return (await this.verify(address, rawKey)).id;
  }

  /**
   * The key's record, whatever the mode: scheduling puts a gathering on the entrance for
   * everyone and ties it to its owner, so it always takes a key.
   */
  async identify(address: string, rawKey: string): Promise<FacilitatorRecord> {
    if (rawKey.trim() === '') throw EngawaError.of(ErrorCode.FacilitatorKeyRequired);
    return this.verify(address, rawKey);
  }

  /** What "I'm a facilitator" shows for a key: the label the operator gave it. */
  async check(address: string, rawKey: string): Promise<{ label: string }> {
    const record = await this.verify(address, rawKey);
    return { label: record.label };
  }

  private async verify(address: string, rawKey: string): Promise<FacilitatorRecord> {
    await this.deps.attempts.assertAllowed(address);
    const parsed = parseFacilitatorKey(rawKey);
    const record = parsed ? await this.deps.keys.find(parsed.id) : undefined;
    const valid =
      parsed !== null &&
      record !== undefined &&
      record.revokedAt === null &&
      (await secretMatches(parsed.secret, record.secretHash));
    if (!valid) {
      await this.deps.attempts.recordFailure(address);
      this.deps.logger.info(
        {
          evt: 'facilitator.key_refused',
          revoked: record !== undefined && record.revokedAt !== null,
        },
        'facilitator key refused',
      );
      throw EngawaError.of(ErrorCode.FacilitatorKeyInvalid);
    }
    return record;
  }
}
