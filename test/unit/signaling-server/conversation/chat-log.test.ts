import { ChatLog } from '../../../../signaling-server/conversation/chat-log';

const line = (id: string) => ({ id, from: 'member-1', name: 'あ', text: id, at: 1 });

describe('ChatLog', () => {
  it('keeps the newest lines per circle, oldest first, up to its limit', () => {
    const log = new ChatLog(3);
    for (const id of ['1', '2', '3', '4']) log.add('c1', line(id));
    log.add('c2', line('x'));
    expect(log.history('c1').map((l) => l.id)).toEqual(['2', '3', '4']);
    expect(log.history('c2').map((l) => l.id)).toEqual(['x']);
    expect(log.history('none')).toEqual([]);
  });

  it('hands out copies, and forgets a circle entirely', () => {
    const log = new ChatLog(10);
    log.add('c1', line('1'));
    const copy = log.history('c1');
    (copy[0] as { text: string }).text = 'changed';
    expect(log.history('c1')[0]?.text).toBe('1');
    expect(log.size).toBe(1);
    log.forget('c1');
    expect(log.size).toBe(0);
    expect(log.history('c1')).toEqual([]);
  });
});
