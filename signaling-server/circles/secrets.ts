import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Pseudonymous ids for circles, members and knocks: 96 random bits, URL-safe. */
export function newId(): string {
  return randomBytes(12).toString('base64url');
}

/** Resume tokens: 192 random bits, held only by the member's browser. */
export function newResumeToken(): string {
  return randomBytes(24).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export function tokenMatches(token: string, expectedHash: string): boolean {
  const a = Buffer.from(hashToken(token));
  const b = Buffer.from(expectedHash);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function secureRandomBytes(length: number): Uint8Array {
  return randomBytes(length);
}

/**
 * A browser's device token as one circle stores it: hashed with the circle id, so the same
 * browser cannot be recognised from one circle to the next, and the token itself is never kept.
 */
export function hashDevice(circleId: string, deviceToken: string): string {
  return createHash('sha256').update(`${circleId}\n${deviceToken}`).digest('base64url');
}
