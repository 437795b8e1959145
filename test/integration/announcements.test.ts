import {
  createCircle,
  expectError,
  expectOk,
  join,
  recordEvents,
  request,
  useServers,
  waitForEvent,
} from '../support/server-harness';
import { seatCircle } from '../support/seats';

const start = useServers();

describe('a facilitator’s announcement', () => {
  test('reaches everyone in the gathering at once, with who sent it', async () => {
    const h = await start();
    const [facilitator, a, b] = await seatCircle(h, ['あおい', 'ベン'], { name: 'ホスト' });
    const seen = [a, b, facilitator].map((m) => waitForEvent(m.socket, 'announcement:shown'));
    expectOk(
      await request(facilitator.socket, 'announce:send', { text: '  Tea by the fire pit  ' }),
    );
    for (const announcement of await Promise.all(seen)) {
      expect(announcement).toEqual({
        from: facilitator.memberId,
        name: 'ホスト',
        text: 'Tea by the fire pit',
        at: expect.any(Number) as unknown,
      });
    }
  });

  test('is a host’s power only, validated, and paced: one per sender every 20 s', async () => {
    const h = await start();
    const facilitator = await createCircle(h);
    const a = await join(h, facilitator, 'あおい');
    expectError(await request(a.socket, 'announce:send', { text: 'hello all' }), 'not_facilitator');
    expectError(
      await request(facilitator.socket, 'announce:send', { text: '   ' }),
      'text_invalid',
    );
    const heard = recordEvents(a.socket);
    const first = waitForEvent(a.socket, 'announcement:shown');
    expectOk(await request(facilitator.socket, 'announce:send', { text: 'one' }));
    await first;
    const again = await request(facilitator.socket, 'announce:send', { text: 'two' });
    expectError(again, 'rate_limited');
    expect(again.ok ? 0 : (again.error.retryAfterS ?? 0)).toBeGreaterThan(15);
    // A round trip after the refusal: anything sent for it would have arrived by now.
    expectOk(await request(a.socket, 'circle:sync', {}));
    expect(heard.filter((r) => r.event === 'announcement:shown').length).toBe(1);
  });

  test('does not reach someone who blocked the sender', async () => {
    const h = await start();
    const [facilitator, a, b] = await seatCircle(h, ['あおい', 'ベン']);
    expectOk(await request(a.socket, 'member:block', { memberId: facilitator.memberId }));
    const toB = waitForEvent(b.socket, 'announcement:shown');
    const toA = recordEvents(a.socket);
    expectOk(await request(facilitator.socket, 'announce:send', { text: 'tea' }));
    await toB;
    // A round trip later, anything sent to a would have arrived: a, cut off from the sender,
    // got none.
    expectOk(await request(a.socket, 'circle:sync', {}));
    expect(toA.filter((r) => r.event === 'announcement:shown')).toEqual([]);
  });
});
