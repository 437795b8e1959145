import type { ChatMessage } from '../../shared/circle/views';

/**
 * Each open circle's recent chat, in this process's memory only: never in the circle store,
 * never on disk, and forgotten when the circle ends or is cleared.
 */
export class ChatLog {
  private readonly lines = new Map<string, ChatMessage[]>();

  constructor(private readonly keep: number) {}

  add(circleId: string, message: ChatMessage): void {
    const lines = this.lines.get(circleId) ?? [];
    lines.push(message);
    if (lines.length > this.keep) lines.splice(0, lines.length - this.keep);
    this.lines.set(circleId, lines);
  }

  /** The circle's lines, oldest first, as copies. */
  history(circleId: string): ChatMessage[] {
    return (this.lines.get(circleId) ?? []).map((line) => ({ ...line }));
  }

  forget(circleId: string): void {
    this.lines.delete(circleId);
  }

  /** Circles with lines kept. */
  get size(): number {
    return this.lines.size;
  }
}
