import { ErrorCode } from '../protocol/errors';
import { Limits } from '../protocol/limits';

export interface TextFail {
  ok: false;
  code: ErrorCode;
}
export type TextCheck = { ok: true; value: string } | TextFail;

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

/** A one-line text: the pseudonym's normalization and checks, with `maxChars` and one code. */
function checkLine(input: string, maxChars: number, code: ErrorCode): TextCheck {
  const raw = trimmed(input);
  const value = collapseSpaces(raw);
  const bad =
    value.length === 0 ||
    FORBIDDEN.test(raw) ||
    value.length > maxChars * 4 ||
    countCharacters(value) > maxChars ||
    value.replace(INVISIBLE, '').length === 0;
  return bad ? { ok: false, code } : { ok: true, value };
}

/** Circle titles follow the same rules with a longer limit and a single error code. */
export function checkTitle(input: string): TextCheck {
  return checkLine(input, Limits.titleMaxChars, ErrorCode.TitleInvalid);
}

/** What a circle is about: like a title, up to 120 characters. */
export function checkTopic(input: string): TextCheck {
  return checkLine(input, Limits.topicMaxChars, ErrorCode.TopicInvalid);
}

/** One ground rule: like a title, up to 200 characters. */
export function checkRule(input: string): TextCheck {
  return checkLine(input, Limits.ruleMaxChars, ErrorCode.RulesInvalid);
}

/**
 * Ground rules as typed into a text box: one rule per line, blank lines ignored, 1–12 rules.
 * Returns the normalized lines or `rules_invalid`.
 */
export function checkRules(lines: readonly string[]): { ok: true; value: string[] } | TextFail {
  const value: string[] = [];
  for (const line of lines) {
    if (line.trim().length === 0) continue;
    const rule = checkRule(line);
    if (!rule.ok) return rule;
    value.push(rule.value);
  }
  if (value.length < Limits.rulesMin || value.length > Limits.rulesMax) {
    return { ok: false, code: ErrorCode.RulesInvalid };
  }
  return { ok: true, value };
}

/**
 * Messages people write to each other (chat, private messages, reports, a decline or closing
 * message): NFC, trimmed, line breaks kept (at most one blank line in a row), other whitespace
 * runs made one space; no control, bidi-override, private-use or lone surrogate characters;
 * 1–`maxChars` characters with something visible. Every failure is `text_invalid`.
 */
export function checkMessage(input: string, maxChars: number): TextCheck {
  const lines = input
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[^\S\n]+/gu, ' ').trim());
  const value = lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  const bad =
    value.length === 0 ||
    FORBIDDEN.test(value.replaceAll('\n', '')) ||
    value.length > maxChars * 4 ||
    countCharacters(value) > maxChars ||
    value.replace(INVISIBLE, '').replaceAll('\n', '').length === 0;
  return bad ? { ok: false, code: ErrorCode.TextInvalid } : { ok: true, value };
}
