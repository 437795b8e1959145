import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ErrorCode } from '../../shared/protocol/errors';
import { Schedule } from '../../shared/gathering/gathering';
import {
  expectError,
  expectOk,
  knockPayload,
  request,
  TEST_RULES,
  useServers,
  type TestSocket,
} from '../support/server-harness';
import { Clock, DEC_10_19H, DEC_3, issueKey, MINUTE, mistyped } from '../support/operator';

const start = useServers();

function gatheringForm(facilitatorKey: string, change: Record<string, unknown> = {}) {
  return {
    facilitatorKey,
    kind: 'family' as const,
    title: '家族の会',
    topic: '家にいる家族のこと',
    language: 'ja' as const,
    date: '2026-12-10',
    time: '19:00',
    durationMin: 90,
    weeks: 4,
    seats: 6,
    rules: TEST_RULES,
    listed: true,
    ...change,
  };
}

async function scheduled(socket: TestSocket, form: ReturnType<typeof gatheringForm>) {
  return expectOk(await request(socket, 'gathering:schedule', form));
}

describe('the schedule', () => {
  test('a key schedules a weekly gathering on the operator’s clock; without a key, nothing', async () => {
    const clock = new Clock();
    const h = await start({}, { now: clock.now });
    const key = await issueKey(h.server.state.facilitatorKeys, 'Sato');
    const socket = await h.connect();

    // Scheduling always takes a key, even where anyone may start a circle at once.
    expectError(
      await request(socket, 'gathering:schedule', gatheringForm('')),
      'facilitator_key_required',
    );
    expectError(
      await request(socket, 'gathering:schedule', gatheringForm(mistyped(key))),
      'facilitator_key_invalid',
    );

    const own = await scheduled(socket, gatheringForm(key));
    expect(own).toMatchObject({
      kind: 'family',
      title: '家族の会',
      date: '2026-12-10',
      time: '19:00',
      zone: 'Asia/Tokyo',
      weeks: 4,
      state: 'upcoming',
      seatsFree: 6,
      next: { startsAt: DEC_10_19H, endsAt: DEC_10_19H + 90 * MINUTE },
      joinOpensAt: DEC_10_19H - Schedule.joinOpensBeforeMs,
    });
    expect(own.upcoming.map((o) => o.startsAt)).toEqual(
      [0, 1, 2, 3].map((week) => DEC_10_19H + week * 7 * 24 * 60 * MINUTE),
    );
    expect(own.code).toBeUndefined();

    const guest = await h.connect();
    expect(expectOk(await request(guest, 'gathering:get', { id: own.id }))).toMatchObject({
      id: own.id,
      state: 'upcoming',
      topic: '家にいる家族のこと',
    });
    expect(expectOk(await request(socket, 'gathering:mine', { facilitatorKey: key }))).toEqual([
      own,
    ]);
  });

  test('bad times are refused with their own errors, and nothing is scheduled', async () => {
    const clock = new Clock();
    const h = await start({}, { now: clock.now });
    const key = await issueKey(h.server.state.facilitatorKeys, 'Sato');
    const socket = await h.connect();
    const cases: [Record<string, unknown>, ErrorCode][] = [
      [{ date: '2026-12-02' }, 'start_in_past'],
      [{ date: '2026-02-30' }, 'time_invalid'],
      [{ durationMin: 300 }, 'duration_invalid'],
      [{ weeks: 1_000 }, 'repeat_invalid'],
      [{ title: '\u200b\u200b' }, 'title_invalid'],
    ];
    for (const [change, code] of cases) {
      expectError(await request(socket, 'gathering:schedule', gatheringForm(key, change)), code);
    }
    expect(await h.server.state.gatherings.list()).toEqual([]);
  });

  test('only the key that scheduled a gathering may edit or cancel it', async () => {
    const clock = new Clock();
    const h = await start({}, { now: clock.now });
    const sato = await issueKey(h.server.state.facilitatorKeys, 'Sato');
    const suzuki = await issueKey(h.server.state.facilitatorKeys, 'Suzuki');
    const socket = await h.connect();
    const own = await scheduled(socket, gatheringForm(sato));

    const edit = { ...gatheringForm(suzuki, { title: '乗っ取り' }), id: own.id };
    expectError(await request(socket, 'gathering:edit', edit), 'not_your_gathering');
    expectError(
      await request(socket, 'gathering:cancel', { facilitatorKey: suzuki, id: own.id }),
      'not_your_gathering',
    );
    expect((await h.server.state.gatherings.get(own.id))?.title).toBe('家族の会');

    const edited = expectOk(
      await request(socket, 'gathering:edit', {
        ...gatheringForm(sato, { title: '家族の会（冬）', time: '20:00', weeks: 2 }),
        id: own.id,
      }),
    );
    expect(edited).toMatchObject({ title: '家族の会（冬）', weeks: 2 });
    expect(edited.next?.startsAt).toBe(DEC_10_19H + 60 * MINUTE);
    expectError(
      await request(socket, 'gathering:edit', {
        ...gatheringForm(sato, { durationMin: 241 }),
        id: own.id,
      }),
      'duration_invalid',
    );

    expectOk(await request(socket, 'gathering:cancel', { facilitatorKey: sato, id: own.id }));
    const guest = await h.connect();
    expect(expectOk(await request(guest, 'gathering:get', { id: own.id })).state).toBe('cancelled');
    expect(expectOk(await request(socket, 'gathering:mine', { facilitatorKey: sato }))).toEqual([]);
    expectError(
      await request(socket, 'gathering:edit', { ...gatheringForm(sato), id: own.id }),
      'gathering_over',
    );
  });

  test('the entrance lists listed gatherings starting in the next 14 days, soonest first', async () => {
    const clock = new Clock();
    const h = await start({}, { now: clock.now });
    const key = await issueKey(h.server.state.facilitatorKeys, 'Sato');
    const socket = await h.connect();
    const weekly = await scheduled(socket, gatheringForm(key, { title: '毎週の会' }));
    await scheduled(socket, gatheringForm(key, { title: '招待のみ', listed: false }));
    await scheduled(socket, gatheringForm(key, { title: '遠い会', date: '2026-12-20', weeks: 1 }));
    await scheduled(socket, gatheringForm(key, { title: '三週後', date: '2026-12-24', weeks: 1 }));
    const cancelled = await scheduled(socket, gatheringForm(key, { title: '取りやめ' }));
    expectOk(await request(socket, 'gathering:cancel', { facilitatorKey: key, id: cancelled.id }));

    const guest = await h.connect();
    const entrance = expectOk(await request(guest, 'entrance:list', {}));
    // The 14 days run to 17 December, 09:00 in Tokyo: the weekly one's first time only.
    expect(entrance.map((item) => [item.title, item.startsAt])).toEqual([['毎週の会', DEC_10_19H]]);
    expect(entrance[0]).toMatchObject({ id: weekly.id, kind: 'family', seats: 6, seatsFree: 6 });

    // A week later they run to the 24th, 09:00: two weekly times and the 20th come into view.
    clock.at = DEC_3 + 7 * 24 * 60 * MINUTE;
    const later = expectOk(await request(guest, 'entrance:list', {}));
    expect(later.map((item) => item.title)).toEqual(['毎週の会', '毎週の会', '遠い会']);
  });

  test('the room opens 30 minutes before, people may knock from 15 minutes before', async () => {
    const clock = new Clock();
    const h = await start({}, { now: clock.now });
    const key = await issueKey(h.server.state.facilitatorKeys, 'Sato');
    const host = await h.connect();
    const own = await scheduled(host, gatheringForm(key, { seats: 4 }));
    const open = { facilitatorKey: key, id: own.id, name: 'さとう' };

    clock.at = DEC_10_19H - 31 * MINUTE;
    const early = await request(host, 'gathering:open', open);
    expectError(early, 'too_early');
    expect(early.ok ? 0 : early.error.retryAfterS).toBe(60);

    clock.at = DEC_10_19H - 20 * MINUTE;
    const entered = expectOk(await request(host, 'gathering:open', open));
    expect(entered.circle).toMatchObject({ title: '家族の会', capacity: 4, rules: TEST_RULES });
    const second = await h.connect();
    expectError(await request(second, 'gathering:open', open), 'gathering_already_open');

    // Before the join window the page gives no code, and the room refuses a knock.
    const guest = await h.connect();
    const before = expectOk(await request(guest, 'gathering:get', { id: own.id }));
    expect(before.state).toBe('upcoming');
    expect(before.code).toBeUndefined();
    const tooSoon = await request(guest, 'circle:knock', knockPayload(entered.circle.code, 'はな'));
    expectError(tooSoon, 'too_early');
    expect(tooSoon.ok ? 0 : tooSoon.error.retryAfterS).toBe(5 * 60);

    clock.at = DEC_10_19H - 10 * MINUTE;
    const inside = expectOk(await request(guest, 'gathering:get', { id: own.id }));
    expect(inside).toMatchObject({ state: 'open', code: entered.circle.code, seatsFree: 3 });
    expectOk(await request(guest, 'circle:knock', knockPayload(entered.circle.code, 'はな')));
    const entrance = expectOk(await request(guest, 'entrance:list', {}));
    expect(entrance[0]).toMatchObject({ startsAt: DEC_10_19H, seatsFree: 3 });
  });

  test('a gathering the facilitator has not opened yet says so, and has no code', async () => {
    const clock = new Clock();
    const h = await start({}, { now: clock.now });
    const key = await issueKey(h.server.state.facilitatorKeys, 'Sato');
    const socket = await h.connect();
    const own = await scheduled(socket, gatheringForm(key));
    clock.at = DEC_10_19H - 5 * MINUTE;
    const view = expectOk(await request(socket, 'gathering:get', { id: own.id }));
    expect(view.state).toBe('waiting_for_host');
    expect(view.code).toBeUndefined();
    clock.at = DEC_10_19H + 4 * 7 * 24 * 60 * MINUTE;
    expect(expectOk(await request(socket, 'gathering:get', { id: own.id })).state).toBe('over');
    expectError(
      await request(socket, 'gathering:open', { facilitatorKey: key, id: own.id, name: 'さとう' }),
      'gathering_over',
    );
  });

  test('a gathering is forgotten 30 days after its last time, or after it was cancelled', async () => {
    const clock = new Clock();
    const h = await start({}, { now: clock.now });
    const key = await issueKey(h.server.state.facilitatorKeys, 'Sato');
    const socket = await h.connect();
    const once = await scheduled(socket, gatheringForm(key, { weeks: 1 }));
    const weekly = await scheduled(socket, gatheringForm(key, { weeks: 8 }));
    const cancelled = await scheduled(socket, gatheringForm(key, { date: '2027-06-03' }));
    const ids = async () => (await h.server.state.gatherings.list()).map((g) => g.id).sort();
    const day = 24 * 60 * MINUTE;

    // The one-off ends, and the one in June is cancelled at the same moment.
    const ended = DEC_10_19H + 90 * MINUTE;
    clock.at = ended;
    expectOk(await request(socket, 'gathering:cancel', { facilitatorKey: key, id: cancelled.id }));
    // 29 days on: all three are still kept.
    clock.at = ended + 29 * day;
    await request(socket, 'entrance:list', {});
    expect(await ids()).toEqual([once.id, weekly.id, cancelled.id].sort());
    // 31 days on: only the weekly one, still running, is.
    clock.at = ended + 31 * day;
    await request(socket, 'entrance:list', {});
    expect(await ids()).toEqual([weekly.id]);
    expectError(await request(socket, 'gathering:get', { id: once.id }), 'gathering_not_found');
  });

  test('the schedule survives a restart of every node', async () => {
    const clock = new Clock();
    const place = {
      dataDir: path.join(tmpdir(), `engawa-schedule-restart-${process.pid}`),
      redisPrefix: `schedule-restart-${process.pid}:`,
    };
    try {
      const first = await start(place, { now: clock.now });
      const key = await issueKey(first.server.state.facilitatorKeys, 'Sato');
      const own = await scheduled(await first.connect(), gatheringForm(key));
      await first.close();

      const second = await start(place, { now: clock.now });
      const guest = await second.connect();
      const view = expectOk(await request(guest, 'gathering:get', { id: own.id }));
      expect(view.title).toBe('家族の会');
      const listed = expectOk(await request(guest, 'entrance:list', {}));
      expect(listed.map((i) => i.id)).toEqual([own.id]);
      // The key outlived the restart too: it still owns the gathering.
      const mine = expectOk(await request(guest, 'gathering:mine', { facilitatorKey: key }));
      expect(mine.map((g) => g.id)).toEqual([own.id]);
    } finally {
      rmSync(place.dataDir, { recursive: true, force: true });
    }
  });

  test('the calendar file is served for a gathering, and nothing for an unknown id', async () => {
    const clock = new Clock();
    const h = await start({}, { now: clock.now });
    const key = await issueKey(h.server.state.facilitatorKeys, 'Sato');
    const own = await scheduled(await h.connect(), gatheringForm(key, { weeks: 2 }));
    const response = await fetch(`${h.baseUrl}/gatherings/${own.id}/calendar.ics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const file = await response.text();
    expect(file.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(file).toContain(`?g=${own.id}`);
    expect((await fetch(`${h.baseUrl}/gatherings/nope/calendar.ics`)).status).toBe(404);
  });
});
