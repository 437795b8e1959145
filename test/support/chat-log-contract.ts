import type { ChatLog } from '../../signaling-server/conversation/chat-log';

const line = (id: string) => ({ id, from: 'member-1', name: 'あ', text: `言葉 ${id}`, at: 1 });

/** What every chat log promises, in this process or in Redis. */
export function describeChatLog(
  name: string,
  make: (keep: number) => Promise<{ log: ChatLog; close(): Promise<void> }>,
): void {
  describe(`${name}: the chat log contract`, () => {
    let close: (() => Promise<void>) | undefined;
    const open = async (keep: number) => {
      const made = await make(keep);
      close = () => made.close();
      return made.log;
    };
    afterEach(async () => {
      await close?.();
      close = undefined;
    });

    it('keeps the newest lines per circle, oldest first, up to its limit', async () => {
      const log = await open(3);
      for (const id of ['1', '2', '3', '4']) await log.add('c1', line(id));
      await log.add('c2', line('x'));
      expect((await log.history('c1')).map((l) => l.id)).toEqual(['2', '3', '4']);
      expect(await log.history('c2')).toEqual([line('x')]);
      expect(await log.history('none')).toEqual([]);
    });

    it('hands out copies, and forgets a circle entirely', async () => {
      const log = await open(10);
      const sent = line('1');
      await log.add('c1', sent);
      sent.text = 'changed after sending';
      const copy = await log.history('c1');
      (copy[0] as { text: string }).text = 'changed after reading';
      expect((await log.history('c1'))[0]?.text).toBe('言葉 1');
      await log.add('c2', line('2'));
      expect(await log.size()).toBe(2);
      await log.forget('c1');
      expect(await log.size()).toBe(1);
      expect(await log.history('c1')).toEqual([]);
    });
  });
}
