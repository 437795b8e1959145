import { createHmac } from 'node:crypto';
import {
  clampTurnCredentialTtl,
  issueTurnCredentials,
  MAX_TURN_CREDENTIAL_TTL_S,
  MIN_TURN_CREDENTIAL_TTL_S,
} from '../../../../signaling-server/voice/turn-credentials';

const T0_MS = 1_700_000_000_000;
const MEMBER_ID = 'Qx7_abc-DEF12345';

describe('issueTurnCredentials', () => {
  it('matches a known answer computed outside Node (Python hmac)', () => {
    const issued = issueTurnCredentials({
      secret: 'north-wind',
      memberId: MEMBER_ID,
      ttlS: 600,
      nowMs: T0_MS,
    });
    expect(issued).toEqual({
      username: `1700000600:${MEMBER_ID}`,
      credential: '/Fkj9TWPFqG1PjECAzwTSV3qJJI=',
      expiresAtS: 1_700_000_600,
      ttlS: 600,
    });
  });

  it('signs "<expiry>:<member id>" with HMAC-SHA1 of the secret, in base64', () => {
    const secret = 'a shared secret with spaces and ユニコード';
    const issued = issueTurnCredentials({ secret, memberId: MEMBER_ID, ttlS: 300, nowMs: T0_MS });
    const expected = createHmac('sha1', secret).update(issued.username).digest('base64');
    expect(issued.credential).toBe(expected);
    expect(issued.username).toMatch(/^\d+:Qx7_abc-DEF12345$/);
    // 20 bytes of SHA-1 → 28 base64 characters with one '='.
    expect(issued.credential).toMatch(/^[A-Za-z0-9+/]{27}=$/);
  });

  it('puts the expiry ttl seconds after now, counting from the whole second', () => {
    const issued = issueTurnCredentials({
      secret: 's',
      memberId: MEMBER_ID,
      ttlS: 120,
      nowMs: T0_MS + 999,
    });
    expect(issued.expiresAtS).toBe(T0_MS / 1000 + 120);
    expect(issued.username.split(':')[0]).toBe(String(T0_MS / 1000 + 120));
    // Never valid for longer than promised.
    expect(issued.expiresAtS * 1000 - (T0_MS + 999)).toBeLessThanOrEqual(120 * 1000);
  });

  it('depends only on its inputs: same inputs, same answer; any change, another answer', () => {
    const base = { secret: 's', memberId: MEMBER_ID, ttlS: 600, nowMs: T0_MS };
    expect(issueTurnCredentials(base)).toEqual(issueTurnCredentials(base));
    const variants = [
      { ...base, secret: 't' },
      { ...base, memberId: 'another-member-1' },
      { ...base, nowMs: T0_MS + 1000 },
      { ...base, ttlS: 599 },
    ];
    for (const variant of variants) {
      expect(issueTurnCredentials(variant).credential).not.toBe(
        issueTurnCredentials(base).credential,
      );
    }
  });

  it('never gives more than ten minutes', () => {
    for (const ttlS of [601, 3600, 86_400, Number.MAX_SAFE_INTEGER, Infinity]) {
      const issued = issueTurnCredentials({ secret: 's', memberId: MEMBER_ID, ttlS, nowMs: T0_MS });
      expect(issued.ttlS).toBe(MAX_TURN_CREDENTIAL_TTL_S);
      expect(issued.expiresAtS).toBe(T0_MS / 1000 + 600);
    }
  });

  it('refuses an empty secret and member ids coturn could not read back', () => {
    expect(() =>
      issueTurnCredentials({ secret: '', memberId: MEMBER_ID, ttlS: 600, nowMs: T0_MS }),
    ).toThrow(/secret/);
    for (const memberId of ['', 'has:colon']) {
      expect(() =>
        issueTurnCredentials({ secret: 's', memberId, ttlS: 600, nowMs: T0_MS }),
      ).toThrow(/member id/);
    }
  });
});

describe('clampTurnCredentialTtl', () => {
  it.each([
    [600, 600],
    [601, MAX_TURN_CREDENTIAL_TTL_S],
    [1e9, MAX_TURN_CREDENTIAL_TTL_S],
    [Infinity, MAX_TURN_CREDENTIAL_TTL_S],
    [Number.NaN, MAX_TURN_CREDENTIAL_TTL_S],
    [300.9, 300],
    [60, 60],
    [59, MIN_TURN_CREDENTIAL_TTL_S],
    [0, MIN_TURN_CREDENTIAL_TTL_S],
    [-5, MIN_TURN_CREDENTIAL_TTL_S],
  ])('%p → %p', (input, output) => {
    expect(clampTurnCredentialTtl(input)).toBe(output);
  });
});
