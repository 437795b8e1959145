import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * A facilitator key reads `engawa-<id>-<secret>`: the id finds the record, and only the
 * secret's scrypt hash is kept. Lower-case base32 (no 0, 1, 8 or 9), so a key read aloud or
 * typed on a headset's keyboard has no look-alike letters and no case to get wrong.
 */
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const PREFIX = 'engawa';
const ID_BYTES = 5; // 8 characters: enough to tell an operator's keys apart
const SECRET_BYTES = 20; // 160 bits: out of reach of guessing, even without the rate limit
const ID_CHARS = 8;
const SECRET_CHARS = 32;

// The interactive-login parameters from the scrypt paper: about 16 MiB and tens of milliseconds.
const COST = { N: 16_384, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const SALT_BYTES = 16;

function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = ((value << 8) | byte) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET.charAt((value >>> (bits - 5)) & 31);
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET.charAt((value << (5 - bits)) & 31);
  return out;
}

export interface NewFacilitatorKey {
  id: string;
  /** The whole key, shown to the operator once and never stored. */
  key: string;
  secret: string;
}

export function newFacilitatorKey(
  random: (n: number) => Uint8Array = randomBytes,
): NewFacilitatorKey {
  const id = base32(random(ID_BYTES));
  const secret = base32(random(SECRET_BYTES));
  return { id, secret, key: `${PREFIX}-${id}-${secret}` };
}

const KEY_PATTERN = new RegExp(
  `^${PREFIX}-([${ALPHABET}]{${ID_CHARS}})-([${ALPHABET}]{${SECRET_CHARS}})$`,
);

/** The id and secret of something typed or pasted as a key, or null if it cannot be one. */
export function parseFacilitatorKey(raw: string): { id: string; secret: string } | null {
  // Pasted keys pick up spaces and line breaks; typed ones may come in capitals.
  const match = KEY_PATTERN.exec(raw.replace(/\s+/g, '').toLowerCase());
  if (!match?.[1] || !match[2]) return null;
  return { id: match[1], secret: match[2] };
}

function derive(secret: string, salt: Buffer, cost: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, KEY_LENGTH, cost, (error, key) => {
      if (error) reject(error);
      else resolve(key);
    });
  });
}

/** `scrypt$N$r$p$salt$hash`: the cost travels with the hash, so it can be raised later. */
export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(secret, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64'), hash.toString('base64')].join(
    '$',
  );
}

export async function secretMatches(secret: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  if (![cost.N, cost.r, cost.p].every(Number.isSafeInteger)) return false;
  const actual = await derive(secret, Buffer.from(salt, 'base64'), cost);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
