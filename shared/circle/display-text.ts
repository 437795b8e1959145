import { ErrorCode } from '../protocol/errors';
import { Limits } from '../protocol/limits';

export type TextCheck = { ok: true; value: string } | { ok: false; code: ErrorCode };

// Controls, unpaired surrogates, private use, and bidi overrides/isolates (used to spoof text).
const FORBIDDEN = /[\p{Cc}\p{Cs}\p{Co}\u202A-\u202E\u2066-\u2069]/u;
// Characters that draw nothing on their own: separators, format characters, combining marks
// and the "filler" letters that fonts render blank.
const INVISIBLE = /[\p{Z}\p{Cf}\p{M}\u115F\u1160\u3164\uFFA0\u2800]/gu;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Counts user-perceived characters, so 👩‍👩‍👧 or が (with a combining mark) count as one. */
export function countCharacters(text: string): number {
  return Array.from(segmenter.segment(text)).length;
}

/** NFC so the same name typed on two keyboards compares equal; trimmed at both ends. */
function trimmed(input: string): string {
  return input.normalize('NFC').trim();
}

/** One plain space between words, once we know there are no control characters. */
function collapseSpaces(text: string): string {
  return text.replace(/\s+/gu, ' ');
}

/** Pseudonyms: any script, 1–32 characters after trimming, nothing invisible-only. */
export function checkPseudonym(input: string): TextCheck {
  const raw = trimmed(input);
  if (raw.length === 0) return { ok: false, code: ErrorCode.NameRequired };
  if (FORBIDDEN.test(raw)) return { ok: false, code: ErrorCode.NameInvalidCharacters };
  const value = collapseSpaces(raw);
  if (value.length > Limits.nameMaxCodeUnits || countCharacters(value) > Limits.nameMaxChars) {
    return { ok: false, code: ErrorCode.NameTooLong };
  }
  if (value.replace(INVISIBLE, '').length === 0)
    return { ok: false, code: ErrorCode.NameInvisible };
  return { ok: true, value };
}

/** Circle titles follow the same rules with a longer limit and a single error code. */
export function checkTitle(input: string): TextCheck {
  const raw = trimmed(input);
  const value = collapseSpaces(raw);
  const bad =
    value.length === 0 ||
    FORBIDDEN.test(raw) ||
    value.length > Limits.titleMaxChars * 4 ||
    countCharacters(value) > Limits.titleMaxChars ||
    value.replace(INVISIBLE, '').length === 0;
  return bad ? { ok: false, code: ErrorCode.TitleInvalid } : { ok: true, value };
}
