import { Schedule } from '../../shared/gathering/gathering';
import {
  expectError,
  expectOk,
  knockPayload,
  newDevice,
  request,
  TEST_RULES,
  useServers,
  waitForEvent,
  withTurn,
  type Harness,
  type TestSocket,
} from '../support/server-harness';
import { Clock, DEC_10_19H, DEC_3, issueKey, MINUTE } from '../support/operator';

const start = useServers();

function sessionForm(facilitatorKey: string, change: Record<string, unknown> = {}) {
  return {
    facilitatorKey,
    kind: 'oneToOne' as const,
    title: '個別の相談',
    language: 'ja' as const,
    date: '2026-12-10',
    time: '19:00',
    durationMin: 50,
    weeks: 1,
    seats: 2,
    rules: TEST_RULES,
    // Asked for, but a one-to-one session is never listed.
    listed: true,
    ...change,
  };
}

function accept(socket: TestSocket, id: string, token: string, name = 'はな') {
  return request(socket, 'gathering:accept', { id, token, name, device: newDevice() });
}

/** A counsellor's session, scheduled and, at 10 minutes before, opened; with one invitation. */
async function openSession(h: Harness, clock: Clock, change: Record<string, unknown> = {}) {
  const key = await issueKey(h.server.state.facilitatorKeys, 'Counsellor');
  const counsellor = await h.connect();
  const session = expectOk(
    await request(counsellor, 'gathering:schedule', sessionForm(key, change)),
  );
  const { token } = expectOk(
    await request(counsellor, 'gathering:invite', { facilitatorKey: key, id: session.id }),
  );
  clock.at = DEC_10_19H - 10 * MINUTE;
  const entered = expectOk(
    await request(counsellor, 'gathering:open', {
      facilitatorKey: key,
      id: session.id,
      name: 'そうだん',
    }),
  );
  return { key, counsellor, session, token, entered };
}

describe('one-to-one sessions', () => {
  test('are never listed, have no talking piece, and take 2 or 3 seats', async () => {
    const clock = new Clock();
    const h = await start({}, { now: clock.now });
    const key = await issueKey(h.server.state.facilitatorKeys, 'Counsellor');
    const socket = await h.connect();
    expectError(
      await request(socket, 'gathering:schedule', sessionForm(key, { seats: 4 })),
      'seats_invalid',
    );
    const session = expectOk(await request(socket, 'gathering:schedule', sessionForm(key)));
    expect(session).toMatchObject({ kind: 'oneToOne', listed: false, seats: 2 });
    expect(expectOk(await request(socket, 'entrance:list', {}))).toEqual([]);
    expect((await h.server.state.gatherings.get(session.id))?.pieceMode).toBe('none');
  });

  test('an invitation brings its holder straight in, once; a second browser is refused', async () => {
    const clock = new Clock();
    const h = await start({}, { now: clock.now });
    const { counsellor, session, token, entered } = await openSession(h, clock);
    expect(entered.circle.pieceMode).toBe('none');

    // Anyone holding the page's link sees that it is open, but gets no code to knock with.
    const onlooker = await h.connect();
    const page = expectOk(await request(onlooker, 'gathering:get', { id: session.id }));
    expect(page.state).toBe('open');
    expect(page.code).toBeUndefined();

    const seen = waitForEvent(counsellor, 'circle:state', (s) =>
      s.members.some((m) => m.name === 'はな' && m.connected),
    );
    const hana = await h.connect();
    const inside = expectOk(await accept(hana, session.id, token));
    expect(inside.circle.members.map((m) => m.name).sort()).toEqual(['そうだん', 'はな'].sort());
    expect(inside.waiting).toBeUndefined();
    await seen;

    // The same link from another browser: refused, and the session is unchanged.
    const second = await h.connect();
    expectError(await accept(second, session.id, token, 'だれか'), 'invitation_invalid');
    expectError(await accept(second, session.id, 'guessed-token'), 'invitation_invalid');
    // And the room takes no knock from someone who found its code elsewhere: it is full.
    expectError(
      await request(second, 'circle:knock', knockPayload(entered.circle.code, 'だれか')),
      'circle_full',
    );

    // No talking piece, and so no rounds.
    expectError(await request(counsellor, 'piece:take', {}), 'not_permitted');
    expectError(
      await request(counsellor, 'round:start', {
        kind: 'checkin',
        fromMemberId: entered.self.memberId,
      }),
      'not_permitted',
    );
  });

  test('an invitation before the door opens waits; the counsellor issues links only for their own session', async () => {
    const clock = new Clock();
    const h = await start({}, { now: clock.now });
    const key = await issueKey(h.server.state.facilitatorKeys, 'Counsellor');
    const other = await issueKey(h.server.state.facilitatorKeys, 'Someone else');
    const counsellor = await h.connect();
    const session = expectOk(await request(counsellor, 'gathering:schedule', sessionForm(key)));
    const circle = expectOk(
      await request(counsellor, 'gathering:schedule', {
        ...sessionForm(key),
        kind: 'support' as const,
        seats: 6,
      }),
    );
    expectError(
      await request(counsellor, 'gathering:invite', { facilitatorKey: other, id: session.id }),
      'not_your_gathering',
    );
    expectError(
      await request(counsellor, 'gathering:invite', { facilitatorKey: key, id: circle.id }),
      'not_permitted',
    );
    const { token } = expectOk(
      await request(counsellor, 'gathering:invite', { facilitatorKey: key, id: session.id }),
    );

    // Too early: the room is not open, and it is not yet time.
    const hana = await h.connect();
    const early = await accept(hana, session.id, token);
    expectError(early, 'too_early');
    expect(early.ok ? 0 : early.error.retryAfterS).toBe(
      (DEC_10_19H - Schedule.joinOpensBeforeMs - DEC_3) / 1000,
    );
    // The early try did not spend the invitation.
    clock.at = DEC_10_19H - 20 * MINUTE;
    expectOk(
      await request(counsellor, 'gathering:open', {
        facilitatorKey: key,
        id: session.id,
        name: 'そうだん',
      }),
    );
    clock.at = DEC_10_19H - 5 * MINUTE;
    expectOk(await accept(hana, session.id, token));
  });

  test('a new link for a lost one retires the oldest unused, one per seat besides the counsellor', async () => {
    const clock = new Clock();
    const h = await start({}, { now: clock.now });
    const { key, counsellor, session, token: first } = await openSession(h, clock, { seats: 3 });
    const invite = async () =>
      expectOk(
        await request(counsellor, 'gathering:invite', { facilitatorKey: key, id: session.id }),
      ).token;
    const second = await invite();
    const third = await invite();
    // Three seats: two unused invitations at most, so the first is gone.
    expectError(await accept(await h.connect(), session.id, first), 'invitation_invalid');
    expectOk(await accept(await h.connect(), session.id, second, 'はな'));
    expectOk(await accept(await h.connect(), session.id, third, 'はなの母'));
  });

  test('with TURN configured, the session is private: relay-only voice', async () => {
    const clock = new Clock();
    const h = await start({ voice: withTurn() }, { now: clock.now });
    const { session, token, entered } = await openSession(h, clock);
    expect(entered.circle.privateVoice).toBe(true);
    const hana = await h.connect();
    const inside = expectOk(await accept(hana, session.id, token));
    expect(inside.voice?.iceTransportPolicy).toBe('relay');
  });
});
