import type { ChatMessage } from '../../../../shared/circle/views';
import { appendChat, chatErrorKey, visibleChat } from '../../../../client/facilitation/chat-lines';

function line(id: string, from = 'a'): ChatMessage {
  return { id, from, name: from, text: `text ${id}`, at: 0 };
}

describe('chat lines', () => {
  it('keeps only the latest lines', () => {
    let lines: ChatMessage[] = [];
    for (let i = 0; i < 5; i += 1) lines = appendChat(lines, line(String(i)), 3);
    expect(lines.map((l) => l.id)).toEqual(['2', '3', '4']);
  });

  it('adds a line delivered twice only once', () => {
    const lines = appendChat([line('1')], line('1'));
    expect(lines).toHaveLength(1);
  });

  it('hides lines from blocked members', () => {
    const lines = [line('1', 'a'), line('2', 'b')];
    expect(visibleChat(lines, new Set(['b'])).map((l) => l.id)).toEqual(['1']);
  });

  it('turns a rate limit into a gentle word and passes other codes through', () => {
    expect(chatErrorKey('rate_limited')).toBe('chat.slowDown');
    expect(chatErrorKey('text_invalid')).toBe('error.text_invalid');
  });
});
