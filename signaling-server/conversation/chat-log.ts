import type { ChatMessage } from '../../shared/circle/views';

/**
 * Each open circle's recent chat, so a latecomer can read back: never in the circle record,
 * never in logs, and forgotten when the circle ends or is cleared.
 */
export interface ChatLog {
  add(circleId: string, message: ChatMessage): Promise<void>;
  /** The circle's lines, oldest first, as copies. */
  history(circleId: string): Promise<ChatMessage[]>;
  forget(circleId: string): Promise<void>;
  /** Circles with lines kept. */
  size(): Promise<number>;
}

/** The chat in this process's memory only (one node, nothing on disk). */
export class MemoryChatLog implements ChatLog {
  private readonly lines = new Map<string, ChatMessage[]>();

  constructor(private readonly keep: number) {}

  add(circleId: string, message: ChatMessage): Promise<void> {
    const lines = this.lines.get(circleId) ?? [];
    lines.push({ ...message });
    if (lines.length > this.keep) lines.splice(0, lines.length - this.keep);
    this.lines.set(circleId, lines);
    return Promise.resolve();
  }

  history(circleId: string): Promise<ChatMessage[]> {
    return Promise.resolve((this.lines.get(circleId) ?? []).map((line) => ({ ...line })));
  }

  forget(circleId: string): Promise<void> {
    this.lines.delete(circleId);
    return Promise.resolve();
  }

  size(): Promise<number> {
    return Promise.resolve(this.lines.size);
  }
}
