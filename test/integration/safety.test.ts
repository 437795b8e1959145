import type { ChatMessage } from '../../shared/circle/views';
import {
  createCircle,
  expectError,
  expectOk,
  join,
  ManualClock,
  recordEvents,
  request,
  useServers,
  waitForEvent,
  type Received,
} from '../support/server-harness';
import { barrier } from '../support/barrier';
import { dropAndSee } from '../support/member-watch';
import { reload, seatCircle } from '../support/seats';

const start = useServers();

function of(log: Received[], event: string): unknown[] {
  return log.filter((e) => e.event === event).map((e) => e.payload);
}

describe('member:block', () => {
  test('cuts voice set-up, private messages, chat and reactions both ways', async () => {
    const h = await start();
    const facilitator = await createCircle(h);
    const blocker = await join(h, facilitator, 'まもる');
    const blocked = await join(h, facilitator, 'しつこい');
    const bystander = await join(h, facilitator, 'みてる');
    // The bystander's arrival may still be on its way to the other two (from another node).
    await barrier(blocked.socket);
    await barrier(blocker.socket);
    const blockedLog = recordEvents(blocked.socket);
    const blockerLog = recordEvents(blocker.socket);

    expect(
      expectOk(await request(blocker.socket, 'member:block', { memberId: blocked.memberId })),
    ).toEqual({ blocked: [blocked.memberId] });
    // Blocking twice is the same as once; nobody else is told, not even through the view.
    expect(
      expectOk(await request(blocker.socket, 'member:block', { memberId: blocked.memberId })),
    ).toEqual({ blocked: [blocked.memberId] });
    await barrier(blocked.socket);
    expect(blockedLog).toEqual([]);

    const renegotiate = { type: 'renegotiate' } as const;
    expectError(
      await request(blocked.socket, 'signal:relay', { to: blocker.memberId, signal: renegotiate }),
      'blocked',
    );
    expectError(
      await request(blocker.socket, 'signal:relay', { to: blocked.memberId, signal: renegotiate }),
      'blocked',
    );
    // Both still reach everyone else.
    const relayed = waitForEvent(bystander.socket, 'signal:relay');
    expectOk(
      await request(blocked.socket, 'signal:relay', {
        to: bystander.memberId,
        signal: renegotiate,
      }),
    );
    expect(await relayed).toEqual({ from: blocked.memberId, signal: renegotiate });

    // Chat and reactions from either side reach everyone but the other.
    const seenByBystander = waitForEvent(
      bystander.socket,
      'reaction:shown',
      (r) => r.memberId === blocker.memberId,
    );
    expectOk(await request(blocked.socket, 'chat:send', { text: 'ねえ' }));
    expectOk(await request(blocked.socket, 'reaction:send', { reaction: 'wave' }));
    expectOk(await request(blocker.socket, 'chat:send', { text: 'こんばんは' }));
    expectOk(await request(blocker.socket, 'reaction:send', { reaction: 'nod' }));
    await seenByBystander;
    await barrier(blocker.socket);
    await barrier(blocked.socket);
    expect(of(blockerLog, 'chat:message')).toEqual([
      expect.objectContaining({ from: blocker.memberId, text: 'こんばんは' }),
    ]);
    expect(of(blockerLog, 'reaction:shown')).toEqual([
      { memberId: blocker.memberId, reaction: 'nod' },
    ]);
    expect(of(blockedLog, 'chat:message')).toEqual([
      expect.objectContaining({ from: blocked.memberId, text: 'ねえ' }),
    ]);
    expect(of(blockedLog, 'reaction:shown')).toEqual([
      { memberId: blocked.memberId, reaction: 'wave' },
    ]);

    // Private messages are refused (the facilitator makes the blocker a co-facilitator, so a
    // message between the two would otherwise be allowed).
    expectOk(
      await request(facilitator.socket, 'role:set', {
        memberId: blocker.memberId,
        role: 'cofacilitator',
      }),
    );
    expectError(
      await request(blocked.socket, 'message:private', { to: blocker.memberId, text: 'ねえ' }),
      'blocked',
    );
    expectError(
      await request(blocker.socket, 'message:private', { to: blocked.memberId, text: 'やめて' }),
      'blocked',
    );

    // The block lasts across the blocker's reload; their own list comes back with them.
    const { socket, entered } = await reload(h, facilitator.code, blocker);
    expect(entered.self.blocked).toEqual([blocked.memberId]);
    expect(JSON.stringify(entered.circle)).not.toContain('blocked');
    expectError(
      await request(socket, 'signal:relay', { to: blocked.memberId, signal: renegotiate }),
      'blocked',
    );
    expect(entered.chat.map((line) => line.from)).toEqual([blocker.memberId]);
  });

  test('can be lifted by the blocker alone, after which everything passes again', async () => {
    const h = await start();
    const facilitator = await createCircle(h);
    const first = await join(h, facilitator, 'まもる');
    const second = await join(h, facilitator, 'しずか');
    const renegotiate = { type: 'renegotiate' } as const;
    const relay = (from: typeof first, to: typeof first) =>
      request(from.socket, 'signal:relay', { to: to.memberId, signal: renegotiate });

    // Each blocks the other; one lifting their block is not enough while the other's stands.
    expectOk(await request(first.socket, 'member:block', { memberId: second.memberId }));
    expectOk(await request(second.socket, 'member:block', { memberId: first.memberId }));
    expect(
      expectOk(await request(first.socket, 'member:unblock', { memberId: second.memberId })),
    ).toEqual({ blocked: [] });
    expectError(await relay(first, second), 'blocked');
    expect(
      expectOk(await request(second.socket, 'member:unblock', { memberId: first.memberId })),
    ).toEqual({ blocked: [] });

    // Lifting a block that is not there changes nothing.
    expect(
      expectOk(await request(second.socket, 'member:unblock', { memberId: first.memberId })),
    ).toEqual({ blocked: [] });

    // Voice set-up and chat pass both ways again.
    const relayed = waitForEvent(second.socket, 'signal:relay');
    expectOk(await relay(first, second));
    expect(await relayed).toEqual({ from: first.memberId, signal: renegotiate });
    expectOk(await relay(second, first));
    const heard = waitForEvent(first.socket, 'chat:message', (m) => m.from === second.memberId);
    expectOk(await request(second.socket, 'chat:send', { text: 'ただいま' }));
    expect((await heard).text).toBe('ただいま');

    expectError(
      await request(first.socket, 'member:unblock', { memberId: first.memberId }),
      'not_permitted',
    );
  });

  test('cannot name yourself or someone outside the circle', async () => {
    const h = await start();
    const facilitator = await createCircle(h);
    expectError(
      await request(facilitator.socket, 'member:block', { memberId: facilitator.memberId }),
      'not_permitted',
    );
    expectError(
      await request(facilitator.socket, 'member:block', { memberId: 'nobody_here_00' }),
      'member_not_found',
    );
  });
});

describe('chat', () => {
  test('reaches everyone, is kept for latecomers and reloads, and can be cleared', async () => {
    const h = await start();
    const facilitator = await createCircle(h);
    const speaker = await join(h, facilitator, 'はなす');
    const lines = waitForEvent(facilitator.socket, 'chat:message');
    const own = waitForEvent(speaker.socket, 'chat:message');
    expectOk(
      await request(speaker.socket, 'chat:send', { text: '  こんばんは\n\n\n\nよろしく  ' }),
    );
    const line = await lines;
    expect(line).toEqual({
      id: expect.any(String) as unknown,
      from: speaker.memberId,
      name: 'はなす',
      text: 'こんばんは\n\nよろしく',
      at: expect.any(Number) as unknown,
    });
    expect(await own).toEqual(line);

    const latecomer = await join(h, facilitator, 'おそい');
    expect(latecomer.entered.chat).toEqual([line]);
    const { entered } = await reload(h, facilitator.code, speaker);
    expect(entered.chat).toEqual([line]);

    for (const text of ['', '   ', '\u200B', 'だめ\u0007', 'x'.repeat(501)]) {
      expectError(await request(latecomer.socket, 'chat:send', { text }), 'text_invalid');
    }
    expectError(await request(latecomer.socket, 'chat:clear', {}), 'not_facilitator');
    const cleared = waitForEvent(latecomer.socket, 'chat:cleared');
    expectOk(await request(facilitator.socket, 'chat:clear', {}));
    expect(await cleared).toEqual({});
    const after = await join(h, facilitator, 'あと');
    expect(after.entered.chat).toEqual([]);
  });

  test('takes five lines per ten seconds from one member and refuses the rest', async () => {
    const clock = new ManualClock();
    const h = await start({}, { now: clock.now });
    const facilitator = await createCircle(h);
    const chatty = await join(h, facilitator, 'おしゃべり');
    const log = recordEvents(facilitator.socket);
    for (let i = 1; i <= 5; i++) {
      expectOk(await request(chatty.socket, 'chat:send', { text: `line ${i}` }));
      clock.advance(1_000);
    }
    const refused = await request(chatty.socket, 'chat:send', { text: 'line 6' });
    // The first line leaves the window 10 s after it was sent, 5 s from now.
    expect(refused).toEqual({ ok: false, error: { code: 'rate_limited', retryAfterS: 5 } });
    // Others are not held back by it.
    expectOk(await request(facilitator.socket, 'chat:send', { text: 'はい' }));
    clock.advance(5_000);
    expectOk(await request(chatty.socket, 'chat:send', { text: 'line 7' }));
    await barrier(facilitator.socket);
    expect(of(log, 'chat:message').map((m) => (m as ChatMessage).text)).toEqual([
      'line 1',
      'line 2',
      'line 3',
      'line 4',
      'line 5',
      'はい',
      'line 7',
    ]);
  });

  test('keeps only the last hundred lines, and nothing once the circle ends', async () => {
    const clock = new ManualClock();
    const h = await start({}, { now: clock.now });
    const facilitator = await createCircle(h);
    for (let i = 1; i <= 105; i++) {
      expectOk(await request(facilitator.socket, 'chat:send', { text: `line ${i}` }));
      clock.advance(2_000);
    }
    const late = await join(h, facilitator, 'おそい');
    expect(late.entered.chat.map((m) => m.text)).toEqual(
      Array.from({ length: 100 }, (_, i) => `line ${i + 6}`),
    );
    expect(await h.server.chat.size()).toBe(1);
    expectOk(await request(facilitator.socket, 'circle:end', {}));
    expect(await h.server.chat.size()).toBe(0);
  });
});

describe('private messages', () => {
  test('hosts write to anyone; participants only to hosts', async () => {
    const h = await start();
    const [facilitator, cofac, a, b] = await seatCircle(h, ['すけ', 'あ', 'い']);
    expectOk(
      await request(facilitator.socket, 'role:set', {
        memberId: cofac.memberId,
        role: 'cofacilitator',
      }),
    );
    const bLog = recordEvents(b.socket);

    const toA = waitForEvent(a.socket, 'message:private');
    const sent = expectOk(
      await request(cofac.socket, 'message:private', { to: a.memberId, text: '大丈夫？' }),
    );
    expect(sent).toEqual({
      from: cofac.memberId,
      to: a.memberId,
      text: '大丈夫？',
      at: expect.any(Number) as unknown,
    });
    expect(await toA).toEqual(sent);
    const toFacilitator = waitForEvent(facilitator.socket, 'message:private');
    expectOk(
      await request(a.socket, 'message:private', { to: facilitator.memberId, text: 'はい' }),
    );
    expect((await toFacilitator).from).toBe(a.memberId);

    expectError(
      await request(a.socket, 'message:private', { to: b.memberId, text: 'ないしょ' }),
      'not_permitted',
    );
    expectError(
      await request(a.socket, 'message:private', { to: a.memberId, text: 'ひとりごと' }),
      'not_permitted',
    );
    expectError(
      await request(a.socket, 'message:private', { to: facilitator.memberId, text: '\u0000' }),
      'text_invalid',
    );
    await barrier(b.socket);
    expect(of(bLog, 'message:private')).toEqual([]);

    await dropAndSee(facilitator, b);
    expectError(
      await request(facilitator.socket, 'message:private', { to: b.memberId, text: 'おーい' }),
      'member_unavailable',
    );
  });
});

describe('reports and help alerts', () => {
  test('reach only connected facilitators and co-facilitators, never the one reported', async () => {
    const h = await start();
    const facilitator = await createCircle(h);
    const cofac = await join(h, facilitator, 'すけ');
    const reporter = await join(h, facilitator, 'つげる');
    const reported = await join(h, facilitator, 'いじわる');
    const bystander = await join(h, facilitator, 'みてる');
    expectOk(
      await request(facilitator.socket, 'role:set', {
        memberId: cofac.memberId,
        role: 'cofacilitator',
      }),
    );
    const outsiders = [reporter, reported, bystander].map((p) => ({
      p,
      log: recordEvents(p.socket),
    }));

    const forFacilitator = waitForEvent(facilitator.socket, 'report:received');
    const forCofac = waitForEvent(cofac.socket, 'report:received');
    expect(
      expectOk(
        await request(reporter.socket, 'report:send', {
          memberId: reported.memberId,
          reasons: ['unkind', 'privacy', 'unkind'],
          text: '  名前を聞き出そうとした ',
        }),
      ),
    ).toEqual({ delivered: 2 });
    const report = await forFacilitator;
    expect(report).toEqual({
      id: expect.any(String) as unknown,
      from: reporter.memberId,
      about: reported.memberId,
      reasons: ['unkind', 'privacy'],
      text: '名前を聞き出そうとした',
      at: expect.any(Number) as unknown,
    });
    expect(await forCofac).toEqual(report);

    const alerted = waitForEvent(cofac.socket, 'help:alerted');
    expect(expectOk(await request(bystander.socket, 'help:alert', {}))).toEqual({ delivered: 2 });
    expect(await alerted).toEqual({
      memberId: bystander.memberId,
      at: expect.any(Number) as unknown,
    });
    // Asking again at once still answers that the hosts know, but does not tell them twice.
    const repeats = recordEvents(cofac.socket);
    expect(expectOk(await request(bystander.socket, 'help:alert', {}))).toEqual({ delivered: 2 });
    await barrier(cofac.socket);
    expect(of(repeats, 'help:alerted')).toEqual([]);

    // A report about a co-facilitator goes to the other hosts only.
    const cofacLog = recordEvents(cofac.socket);
    expect(
      expectOk(
        await request(reporter.socket, 'report:send', {
          memberId: cofac.memberId,
          reasons: ['other'],
        }),
      ),
    ).toEqual({ delivered: 1 });
    await barrier(cofac.socket);
    expect(of(cofacLog, 'report:received')).toEqual([]);

    for (const { p, log } of outsiders) {
      await barrier(p.socket);
      expect(of(log, 'report:received')).toEqual([]);
      expect(of(log, 'help:alerted')).toEqual([]);
    }
    expectError(
      await request(reporter.socket, 'report:send', {
        memberId: 'nobody_here_00',
        reasons: ['other'],
      }),
      'member_not_found',
    );
  });

  test('say so when no facilitator is there to receive them', async () => {
    const h = await start({ facilitatorGraceMs: 20_000 });
    const facilitator = await createCircle(h);
    const alone = await join(h, facilitator, 'ひとり');
    await dropAndSee(alone, facilitator);
    expect(expectOk(await request(alone.socket, 'help:alert', {}))).toEqual({ delivered: 0 });
    expect(expectOk(await request(alone.socket, 'report:send', { reasons: ['unsafe'] }))).toEqual({
      delivered: 0,
    });
  });
});

describe('logs', () => {
  test('record event types and ids, never names, words or device tokens', async () => {
    const logs: string[] = [];
    const h = await start({}, { logs });
    const facilitator = await createCircle(h, { name: 'ひみつのなまえ', topic: 'ひみつのはなし' });
    const member = await join(h, facilitator, 'かくれたなまえ');
    expectOk(
      await request(facilitator.socket, 'role:set', {
        memberId: member.memberId,
        role: 'cofacilitator',
      }),
    );
    expectOk(await request(member.socket, 'chat:send', { text: 'ちゃっとのほんぶん' }));
    expectOk(
      await request(member.socket, 'message:private', {
        to: facilitator.memberId,
        text: 'ないしょのことば',
      }),
    );
    expectOk(
      await request(facilitator.socket, 'report:send', {
        memberId: member.memberId,
        reasons: ['other'],
        text: 'ほうこくのほんぶん',
      }),
    );
    expectOk(await request(member.socket, 'help:alert', {}));
    expectOk(
      await request(facilitator.socket, 'member:mute', { memberId: member.memberId, muted: true }),
    );
    expectOk(await request(facilitator.socket, 'member:remove', { memberId: member.memberId }));
    expectOk(await request(facilitator.socket, 'circle:end', { message: 'さいごのことば' }));

    const all = logs.join('\n');
    expect(all).toContain('member.expelled');
    expect(all).toContain(member.memberId);
    for (const secret of [
      'ひみつのなまえ',
      'かくれたなまえ',
      'ひみつのはなし',
      'ちゃっとのほんぶん',
      'ないしょのことば',
      'ほうこくのほんぶん',
      'さいごのことば',
      member.device,
      facilitator.code,
      ...facilitator.entered.circle.rules,
    ]) {
      expect({ secret, found: all.includes(secret) }).toEqual({ secret, found: false });
    }
  });
});
