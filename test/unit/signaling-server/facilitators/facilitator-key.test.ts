import {
  hashSecret,
  newFacilitatorKey,
  parseFacilitatorKey,
  secretMatches,
} from '../../../../signaling-server/facilitators/facilitator-key';

describe('facilitator keys', () => {
  it('read engawa-<8>-<32> in a base32 with no look-alike digits, and differ every time', () => {
    const keys = Array.from({ length: 50 }, () => newFacilitatorKey());
    for (const { id, secret, key } of keys) {
      expect(key).toMatch(/^engawa-[a-z2-7]{8}-[a-z2-7]{32}$/);
      expect(key).toBe(`engawa-${id}-${secret}`);
    }
    expect(new Set(keys.map((k) => k.key)).size).toBe(50);
    expect(new Set(keys.map((k) => k.id)).size).toBe(50);
  });

  it('encode every bit of the random bytes (all-ones and all-zeros give different keys)', () => {
    const zeros = newFacilitatorKey((n) => new Uint8Array(n));
    const ones = newFacilitatorKey((n) => new Uint8Array(n).fill(255));
    expect(zeros.key).toBe(`engawa-aaaaaaaa-${'a'.repeat(32)}`);
    expect(ones.key).toBe(`engawa-77777777-${'7'.repeat(32)}`);
  });

  it('parse back from a paste with spaces, line breaks or capitals', () => {
    const { id, secret, key } = newFacilitatorKey();
    expect(parseFacilitatorKey(key)).toEqual({ id, secret });
    expect(parseFacilitatorKey(`  ${key.toUpperCase()}\n`)).toEqual({ id, secret });
    expect(parseFacilitatorKey(`${key.slice(0, 20)} \n ${key.slice(20)}`)).toEqual({ id, secret });
  });

  it.each([
    ['empty', ''],
    ['no prefix', 'aaaaaaaa-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'],
    ['short secret', 'engawa-aaaaaaaa-bbbb'],
    ['a 1 and an 8, not in the alphabet', `engawa-aaaaaaa1-${'b'.repeat(31)}8`],
    ['a circle code', 'ABCD-EFGH-JKM'],
    ['extra part', `engawa-aaaaaaaa-${'b'.repeat(32)}-c`],
  ])('refuse what cannot be one (%s)', (_, raw) => {
    expect(parseFacilitatorKey(raw)).toBeNull();
  });

  it('keep only a salted scrypt hash that the right secret matches and no other does', async () => {
    const { secret } = newFacilitatorKey();
    const stored = await hashSecret(secret);
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(stored).not.toContain(secret);
    expect(await secretMatches(secret, stored)).toBe(true);
    expect(await secretMatches(newFacilitatorKey().secret, stored)).toBe(false);
    // The same secret hashed again gets another salt, so equal keys never look equal.
    expect(await hashSecret(secret)).not.toBe(stored);
  });

  it('match nothing against a hash it cannot read', async () => {
    const { secret } = newFacilitatorKey();
    const stored = await hashSecret(secret);
    expect(await secretMatches(secret, stored.replace('scrypt', 'md5'))).toBe(false);
    expect(await secretMatches(secret, '')).toBe(false);
    expect(await secretMatches(secret, 'scrypt$x$8$1$AAAA$AAAA')).toBe(false);
  });
});
