import type { ChatMessage } from '../../shared/circle/views';
import { ErrorCode } from '../../shared/protocol/errors';
import { Limits } from '../../shared/protocol/limits';
import type { MessageKey } from '../i18n/en';

/** The server keeps 100 lines; the page keeps the same, so a long circle stays light. */
export const CHAT_KEEP = Limits.chatHistoryMax;
export const CHAT_MAX_CHARS = Limits.chatMaxChars;

/** Adds a line once (a reload may deliver one twice), keeping only the latest `keep`. */
export function appendChat(
  lines: readonly ChatMessage[],
  line: ChatMessage,
  keep: number = CHAT_KEEP,
): ChatMessage[] {
  if (lines.some((l) => l.id === line.id)) return [...lines];
  return [...lines, line].slice(-keep);
}

/** Chat a member should see: nothing from people they blocked. */
export function visibleChat(
  lines: readonly ChatMessage[],
  blocked: ReadonlySet<string>,
): ChatMessage[] {
  return lines.filter((l) => !blocked.has(l.from));
}

/** A kind word for a refused line: a rate limit is only "slow down a little". */
export function chatErrorKey(code: ErrorCode): MessageKey {
  if (code === ErrorCode.RateLimited) return 'chat.slowDown';
  return `error.${code}`;
}
