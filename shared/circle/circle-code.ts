/**
 * Circle codes are read aloud and typed on headset keyboards, so they use Crockford's base32
 * alphabet (no I, L, O or U) and tolerate the usual confusions when typed back in.
 * 11 symbols × 5 bits = 55 bits of entropy, shown as XXXX-XXXX-XXX.
 */
export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 11;
const GROUPS = [4, 4, 3] as const;

export type RandomBytes = (length: number) => Uint8Array;

export function generateCircleCode(randomBytes: RandomBytes): string {
  const bytes = randomBytes(CODE_LENGTH);
  let raw = '';
  for (let i = 0; i < CODE_LENGTH; i++) {
    // 256 is a multiple of 32, so masking keeps every symbol equally likely.
    raw += CODE_ALPHABET.charAt((bytes[i] ?? 0) & 31);
  }
  return formatCircleCode(raw);
}

function formatCircleCode(raw: string): string {
  const parts: string[] = [];
  let at = 0;
  for (const size of GROUPS) {
    parts.push(raw.slice(at, at + size));
    at += size;
  }
  return parts.join('-');
}

const CONFUSABLE: Record<string, string> = { O: '0', I: '1', L: '1', U: 'V' };

/**
 * Accepts what a person is likely to type (lower case, spaces, missing or extra dashes of any
 * kind, full-width characters, O for 0, I or L for 1, U for V) and returns the canonical code,
 * or null when it cannot be one.
 */
export function normalizeCircleCode(input: string): string | null {
  const compact = input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-‐-―−ー_.]/g, '');
  if (compact.length !== CODE_LENGTH) return null;
  let raw = '';
  for (const ch of compact) {
    const mapped = CONFUSABLE[ch] ?? ch;
    if (!CODE_ALPHABET.includes(mapped)) return null;
    raw += mapped;
  }
  return formatCircleCode(raw);
}
