import type { CircleView } from '../../shared/circle/views';
import type { SignalPayload } from '../../shared/protocol/schemas';
import { Tables } from '../../shared/tables/tables';
import { Clock, DEC_10_19H, issueKey, MINUTE } from '../support/operator';
import {
  admit,
  expectError,
  expectOk,
  knock,
  knockPayload,
  recordEvents,
  request,
  TEST_RULES,
  useServers,
  waitForEvent,
  type Facilitator,
  type Harness,
  type TestSocket,
} from '../support/server-harness';

const start = useServers();
jest.setTimeout(60_000);

const offer: SignalPayload = { type: 'offer', sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' };

interface Guest {
  socket: TestSocket;
  memberId: string;
  name: string;
}

/** A social event for `seats`, scheduled and opened by its host 10 minutes before. */
async function openEvent(h: Harness, clock: Clock, seats: number): Promise<Facilitator> {
  const key = await issueKey(h.server.state.facilitatorKeys, 'Host');
  const socket = await h.connect();
  const gathering = expectOk(
    await request(socket, 'gathering:schedule', {
      facilitatorKey: key,
      kind: 'social',
      title: '縁側の夕べ',
      language: 'ja',
      date: '2026-12-10',
      time: '19:00',
      durationMin: 90,
      weeks: 1,
      seats,
      rules: TEST_RULES,
      listed: true,
    }),
  );
  clock.at = DEC_10_19H - 10 * MINUTE;
  const entered = expectOk(
    await request(socket, 'gathering:open', {
      facilitatorKey: key,
      id: gathering.id,
      name: 'あるじ',
    }),
  );
  return {
    socket,
    entered,
    code: entered.circle.code,
    memberId: entered.self.memberId,
    resumeToken: entered.self.resumeToken,
  };
}

async function dropIn(h: Harness, host: Facilitator, name: string): Promise<Guest> {
  const participant = await admit(host, await knock(h, host, name));
  return { socket: participant.socket, memberId: participant.memberId, name };
}

/** Waits until `socket`'s view of the event passes `check`. */
function viewWhere(socket: TestSocket, check: (view: CircleView) => boolean) {
  return waitForEvent(socket, 'circle:state', check);
}

const tableOf = (view: CircleView, memberId: string) =>
  view.members.find((m) => m.id === memberId)?.place?.table ?? null;

describe('a social event', () => {
  test('sets out tables of 8 with no talking piece, and refuses more than 48 seats', async () => {
    const clock = new Clock();
    const h = await start({}, { now: clock.now });
    const host = await openEvent(h, clock, 20);
    expect(host.entered.circle).toMatchObject({ kind: 'social', capacity: 20, pieceMode: 'none' });
    expect(host.entered.circle.tables).toEqual([
      { id: 0, theme: 'talking', open: true },
      { id: 1, theme: 'talking', open: true },
      { id: 2, theme: 'quiet', open: true },
    ]);
    expect(host.entered.circle.members[0]?.place).toBeNull();
    const key = await issueKey(h.server.state.facilitatorKeys, 'Other');
    const form = {
      facilitatorKey: key,
      kind: 'social' as const,
      title: '会',
      language: 'ja' as const,
    };
    const rest = { date: '2026-12-11', time: '19:00', durationMin: 60, weeks: 1 };
    for (const seats of [7, 49]) {
      const answer = await request(host.socket, 'gathering:schedule', {
        ...form,
        ...rest,
        seats,
        rules: TEST_RULES,
        listed: true,
      });
      expectError(answer, seats > 48 ? 'invalid_payload' : 'seats_invalid');
    }
    // A circle keeps its 12.
    expectError(
      await request(host.socket, 'gathering:schedule', {
        ...form,
        ...rest,
        kind: 'support',
        seats: 13,
        rules: TEST_RULES,
        listed: true,
      }),
      'seats_invalid',
    );
  });

  test('48 people at 6 tables: signals pass only within a table, moves carry voice along, and a full table says so', async () => {
    const clock = new Clock();
    const h = await start({}, { now: clock.now });
    const host = await openEvent(h, clock, 48);
    const guests: Guest[] = [];
    for (let i = 0; i < 47; i++) guests.push(await dropIn(h, host, `客${i + 1}`));
    const everyone: Guest[] = [{ socket: host.socket, memberId: host.memberId, name: 'あるじ' }];
    everyone.push(...guests);

    // Everyone sits: eight to a table, the host at table 0.
    const last = everyone[everyone.length - 1] as Guest;
    const seated = viewWhere(last.socket, (v) => v.members.every((m) => m.place !== null));
    for (const [i, person] of everyone.entries()) {
      const table = Math.floor(i / Tables.cushions);
      const place = expectOk(await request(person.socket, 'table:sit', { table }));
      expect(place.table).toBe(table);
    }
    const settled = await seated;
    const byTable = new Map<number, string[]>();
    for (const m of settled.members) {
      const t = m.place?.table ?? -1;
      byTable.set(t, [...(byTable.get(t) ?? []), m.id]);
    }
    expect([...byTable.keys()].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    for (const ids of byTable.values()) expect(ids).toHaveLength(8);

    // Every person offers to the next one round the event: same table or not.
    const logs = everyone.map((p) => recordEvents(p.socket));
    const refusedAcross: string[] = [];
    for (const [i, person] of everyone.entries()) {
      const next = everyone[(i + 1) % everyone.length] as Guest;
      const ack = await request(person.socket, 'signal:relay', {
        to: next.memberId,
        signal: offer,
      });
      const together = tableOf(settled, person.memberId) === tableOf(settled, next.memberId);
      if (together) expectOk(ack);
      else {
        expectError(ack, 'not_at_your_table');
        refusedAcross.push(person.name);
      }
    }
    // Six tables: the last person of each offered to the first of the next.
    expect(refusedAcross).toHaveLength(6);
    // Each page can only ever have heard from people at its own table.
    for (const [i, person] of everyone.entries()) {
      const from = logs[i]
        ?.filter((e) => e.event === 'signal:relay')
        .map((e) => (e.payload as { from: string }).from);
      for (const sender of from ?? []) {
        expect(tableOf(settled, sender)).toBe(tableOf(settled, person.memberId));
      }
    }

    // A full table refuses kindly, and nothing about it changes.
    const mover = guests[10] as Guest; // at table 1
    expectError(await request(mover.socket, 'table:sit', { table: 2 }), 'table_full');
    // Four people drop out of table 2; the mover takes a free cushion there.
    const atTwo = everyone.filter((p) => tableOf(settled, p.memberId) === 2);
    for (const leaver of atTwo.slice(0, 4)) {
      expectOk(await request(leaver.socket, 'circle:leave', {}));
    }
    const place = expectOk(await request(mover.socket, 'table:sit', { table: 2 }));
    expect(place.table).toBe(2);
    const stayer = atTwo[4] as Guest;
    // Its new table hears from it; its old one no longer can.
    expectOk(await request(mover.socket, 'signal:relay', { to: stayer.memberId, signal: offer }));
    const oldFriend = guests[9] as Guest;
    expectError(
      await request(mover.socket, 'signal:relay', { to: oldFriend.memberId, signal: offer }),
      'not_at_your_table',
    );

    // Newcomers drop in at no table, and hear nobody until they sit.
    const late = await dropIn(h, host, '遅れて来た人');
    expectError(
      await request(late.socket, 'signal:relay', { to: host.memberId, signal: offer }),
      'not_at_your_table',
    );
    const seen = viewWhere(host.socket, (v) => tableOf(v, late.memberId) === 2);
    const quiet = expectOk(await request(late.socket, 'table:sit', { table: 'quiet' }));
    // The quiet table (5) is full; table 2 has the most room now.
    expect(quiet.table).toBe(2);
    expect((await seen).members.filter((m) => m.place?.table === 2)).toHaveLength(6);
  });

  test('blocks hold across tables, hosts set tables out, and announcements reach every table', async () => {
    const clock = new Clock();
    const h = await start({}, { now: clock.now });
    const host = await openEvent(h, clock, 16);
    const aki = await dropIn(h, host, 'あき');
    const ben = await dropIn(h, host, 'べん');
    expectOk(await request(aki.socket, 'table:sit', { table: 0 }));
    expectOk(await request(ben.socket, 'table:sit', { table: 1 }));
    expectOk(await request(aki.socket, 'member:block', { memberId: ben.memberId }));
    // Ben sits at Aki's table: still no voice between them, either way.
    expectOk(await request(ben.socket, 'table:sit', { table: 0 }));
    expectError(
      await request(ben.socket, 'signal:relay', { to: aki.memberId, signal: offer }),
      'blocked',
    );
    expectError(
      await request(aki.socket, 'signal:relay', { to: ben.memberId, signal: offer }),
      'blocked',
    );

    // Only a host sets tables out; everyone sees it.
    expectError(
      await request(aki.socket, 'table:set', { table: 1, open: false }),
      'not_facilitator',
    );
    const closed = viewWhere(aki.socket, (v) => v.tables[1]?.open === false);
    expectOk(await request(host.socket, 'table:set', { table: 1, open: false, theme: 'game' }));
    expect((await closed).tables[1]).toEqual({ id: 1, theme: 'game', open: false });
    expectError(await request(aki.socket, 'table:sit', { table: 1 }), 'table_closed');
    // The host may still look in on it.
    expectOk(await request(host.socket, 'table:sit', { table: 1 }));

    // An announcement reaches people at every table, and at none.
    const cara = await dropIn(h, host, 'から');
    const shown = [aki, ben, cara].map((p) => waitForEvent(p.socket, 'announcement:shown'));
    expectOk(await request(host.socket, 'announce:send', { text: 'お茶が入りました' }));
    for (const announcement of await Promise.all(shown)) {
      expect(announcement.text).toBe('お茶が入りました');
    }
  });

  test('a speaking state reaches other tables only, at a bounded pace, never past a block', async () => {
    const clock = new Clock();
    const h = await start({}, { now: clock.now });
    const host = await openEvent(h, clock, 16);
    const aki = await dropIn(h, host, 'あき');
    const ben = await dropIn(h, host, 'べん');
    const cara = await dropIn(h, host, 'から');
    expectOk(await request(host.socket, 'table:sit', { table: 0 }));
    expectOk(await request(aki.socket, 'table:sit', { table: 0 }));
    expectOk(await request(ben.socket, 'table:sit', { table: 1 }));
    expectOk(await request(cara.socket, 'table:sit', { table: 1 }));
    expectOk(await request(cara.socket, 'member:block', { memberId: aki.memberId }));
    const hostLog = recordEvents(host.socket);
    const caraLog = recordEvents(cara.socket);
    const benLog = recordEvents(ben.socket);

    const heard = waitForEvent(ben.socket, 'member:speaking');
    expectOk(await request(aki.socket, 'voice:speaking', { speaking: true }));
    expect(await heard).toEqual({ memberId: aki.memberId, speaking: true });
    // Too soon after the last: refused, and nothing is passed on.
    expectError(await request(aki.socket, 'voice:speaking', { speaking: false }), 'rate_limited');
    clock.at += Tables.speakingReportMs;
    // Muted, Aki is heard by nobody: a report of speaking goes nowhere; one of silence does.
    expectOk(await request(aki.socket, 'voice:mute', { muted: true }));
    expectOk(await request(aki.socket, 'voice:speaking', { speaking: true }));
    clock.at += Tables.speakingReportMs;
    const quiet = waitForEvent(ben.socket, 'member:speaking');
    expectOk(await request(aki.socket, 'voice:speaking', { speaking: false }));
    expect(await quiet).toEqual({ memberId: aki.memberId, speaking: false });
    // A reaction travels the same way to everyone: once it is in, any report would be too.
    const reacted = [host, cara].map((p) => waitForEvent(p.socket, 'reaction:shown'));
    expectOk(await request(ben.socket, 'reaction:send', { reaction: 'wave' }));
    await Promise.all(reacted);
    const speakingIn = (log: typeof hostLog) => log.filter((e) => e.event === 'member:speaking');
    // The host sits at Aki's table and hears the voice itself; Cara blocked Aki.
    expect(speakingIn(hostLog)).toEqual([]);
    expect(speakingIn(caraLog)).toEqual([]);
    expect(speakingIn(benLog).map((e) => e.payload)).toEqual([
      { memberId: aki.memberId, speaking: true },
      { memberId: aki.memberId, speaking: false },
    ]);
  });

  test('speaking reports belong to social events', async () => {
    const h = await start();
    const socket = await h.connect();
    const created = expectOk(
      await request(socket, 'circle:create', {
        title: '輪',
        rules: TEST_RULES,
        capacity: 4,
        name: 'ひろし',
      }),
    );
    expect(created.circle.tables).toEqual([]);
    expectError(await request(socket, 'voice:speaking', { speaking: true }), 'not_a_social_event');
    expectError(await request(socket, 'table:sit', { table: 0 }), 'not_a_social_event');
  });

  test('a word chain at a table: turns in order, bad words refused, shown to all, gone when the event ends', async () => {
    const clock = new Clock();
    const h = await start({}, { now: clock.now });
    const host = await openEvent(h, clock, 16);
    const aki = await dropIn(h, host, 'あき');
    const ben = await dropIn(h, host, 'べん');
    const far = await dropIn(h, host, 'とおく');
    for (const p of [aki, ben]) expectOk(await request(p.socket, 'table:sit', { table: 0 }));
    expectOk(await request(far.socket, 'table:sit', { table: 1 }));

    expectError(await request(far.socket, 'activity:join', {}), 'no_activity');
    const started = viewWhere(far.socket, (v) => v.activities.length === 1);
    expectOk(await request(aki.socket, 'activity:start', { language: 'ja' }));
    expect((await started).activities[0]).toMatchObject({ table: 0, turn: aki.memberId });
    expectOk(await request(ben.socket, 'activity:join', {}));

    // Out of turn, off the chain, garbage: each refused with its own code, nothing changed.
    expectError(await request(ben.socket, 'activity:word', { word: 'りす' }), 'not_your_turn');
    expectError(
      await request(aki.socket, 'activity:word', { word: 'ごりら' }),
      'word_does_not_chain',
    );
    expectError(await request(aki.socket, 'activity:word', { word: '林檎' }), 'word_invalid');
    expectError(
      await request(aki.socket, 'activity:word', { word: 42 } as never),
      'invalid_payload',
    );
    expectError(await request(ben.socket, 'activity:pass', {}), 'not_your_turn');
    const played = viewWhere(far.socket, (v) => v.activities[0]?.played === 1);
    expectOk(await request(aki.socket, 'activity:word', { word: 'リス' }));
    expect((await played).activities[0]).toMatchObject({
      words: [
        { word: 'しりとり', by: null },
        { word: 'りす', by: aki.memberId },
      ],
      turn: ben.memberId,
      next: 'す',
    });
    expectOk(await request(ben.socket, 'activity:pass', {}));
    expectError(await request(far.socket, 'activity:word', { word: 'すいか' }), 'no_activity');

    // The event ends: the table, its chain and its words go with it.
    const code = host.code;
    expectOk(await request(host.socket, 'circle:end', {}));
    expect(await h.server.store.findIdByCode(code)).toBeUndefined();
  });

  test('a drop-in event lets a knock straight in; every other kind keeps its waiting room', async () => {
    const clock = new Clock();
    const h = await start({}, { now: clock.now });
    const key = await issueKey(h.server.state.facilitatorKeys, 'Host');
    const hostSocket = await h.connect();
    const form = (kind: 'social' | 'support', time: string) => ({
      facilitatorKey: key,
      kind,
      title: kind === 'social' ? 'お茶の時間' : '語り合い',
      language: 'ja' as const,
      date: '2026-12-10',
      time,
      durationMin: 60,
      weeks: 1,
      seats: 8,
      rules: TEST_RULES,
      listed: true,
      waitingRoom: false,
    });
    const social = expectOk(
      await request(hostSocket, 'gathering:schedule', form('social', '19:00')),
    );
    expect(social.waitingRoom).toBe(false);
    const support = expectOk(
      await request(hostSocket, 'gathering:schedule', form('support', '19:00')),
    );
    // Asked for, but a circle always keeps its door.
    expect(support.waitingRoom).toBe(true);
    clock.at = DEC_10_19H - 10 * MINUTE;
    const entered = expectOk(
      await request(hostSocket, 'gathering:open', {
        facilitatorKey: key,
        id: social.id,
        name: 'あるじ',
      }),
    );
    const hostLog = recordEvents(hostSocket);

    const guest = await h.connect();
    const joined = viewWhere(hostSocket, (v) => v.members.some((m) => m.name === 'ふらり'));
    const knocked = expectOk(
      await request(guest, 'circle:knock', knockPayload(entered.circle.code, 'ふらり')),
    );
    const admitted = knocked.admitted;
    if (!admitted) throw new Error('not let straight in');
    const inside = expectOk(
      await request(guest, 'circle:resume', {
        code: admitted.code,
        resumeToken: admitted.resumeToken,
      }),
    );
    expect(inside.self.memberId).toBe(admitted.memberId);
    await joined;
    // The host was never asked: nobody ever waited.
    expect(hostLog.filter((e) => e.event.startsWith('waiting:'))).toEqual([]);

    // The support circle's room keeps its waiting room.
    const otherHost = await h.connect();
    const circle = expectOk(
      await request(otherHost, 'gathering:open', {
        facilitatorKey: key,
        id: support.id,
        name: 'あるじ',
      }),
    );
    const waiting = expectOk(
      await request(await h.connect(), 'circle:knock', knockPayload(circle.circle.code, 'まつ')),
    );
    expect(waiting.admitted).toBeUndefined();
  });
});
