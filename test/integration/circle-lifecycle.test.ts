import packageJson from '../../package.json';
import type { CircleView } from '../../shared/circle/views';
import {
  admit,
  createCircle,
  expectError,
  expectOk,
  join,
  knock,
  knockResumePayload,
  knockPayload,
  recordEvents,
  request,
  TEST_RULES,
  useServers,
  waitForDisconnect,
  waitForEvent,
  type Harness,
} from '../support/server-harness';
import { dropAndSee, memberSeen } from '../support/member-watch';
import {
  admitOnly,
  expectSeatGone,
  facilitatorSeat,
  resumeSeat,
  seatCircle,
} from '../support/seats';

const start = useServers();

/** Crockford base32 without I, L, O, U, grouped 4-4-3. */
const CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{3}$/;

function seating(state: CircleView) {
  return state.members.map(({ name, role, seat, connected }) => ({ name, role, seat, connected }));
}

/**
 * Every node's `/healthz`: each counts its own connections and the store's circles (the same
 * on every node), so the whole is their sum of connections and any node's count of circles.
 */
async function health(harness: Harness): Promise<Record<string, unknown>> {
  const reports = await Promise.all(
    harness.nodes.map(async (node) => {
      const response = await fetch(`http://127.0.0.1:${node.port}/healthz`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(response.headers.get('cache-control')).toBe('no-store');
      return (await response.json()) as Record<string, unknown>;
    }),
  );
  const [first, ...others] = reports;
  for (const other of others) expect(other.circles).toBe(first?.circles);
  const connections = reports.reduce((sum, r) => sum + Number(r.connections), 0);
  return { ...first, connections };
}

describe('admission', () => {
  test('create, knock, admit and resume seat both people with their names, roles and seats', async () => {
    const h = await start();
    const facilitator = await createCircle(h, { title: '夜の縁側', capacity: 6, name: 'ひろし' });
    expect(facilitator.code).toMatch(CODE_PATTERN);
    expect(facilitator.entered).toEqual({
      self: {
        memberId: expect.any(String) as unknown,
        resumeToken: expect.any(String) as unknown,
        blocked: [],
      },
      circle: {
        code: facilitator.code,
        kind: 'support',
        title: '夜の縁側',
        topic: null,
        rules: TEST_RULES,
        shareTimeS: 180,
        pieceMode: 'gentle',
        locked: false,
        paused: false,
        capacity: 6,
        revision: expect.any(Number) as unknown,
        privateVoice: false,
        members: [facilitatorSeat(facilitator.memberId)],
        hands: [],
        piece: { holder: null, heldSinceMs: null, round: null, offeredTo: null },
        tables: [],
        activities: [],
      },
      chat: [],
      waiting: { revision: 1, waiting: [] },
      moderation: { barred: [] },
      // ICE servers come with the seat: no STUN or TURN configured here.
      voice: { iceServers: [], iceTransportPolicy: 'all', ttlS: 600 },
    });

    const knocker = await knock(h, facilitator, 'さくら🌸');
    expect(knocker.waitingList).toEqual([
      {
        id: knocker.waitingId,
        name: 'さくら🌸',
        since: expect.any(Number) as unknown,
        connected: true,
        takingPart: 'speak',
      },
    ]);

    const waitingCleared = waitForEvent(facilitator.socket, 'waiting:state', (l) => l.length === 0);
    const facilitatorSees = waitForEvent(facilitator.socket, 'circle:state', (s) =>
      s.members.some((m) => m.name === 'さくら🌸' && m.connected),
    );
    const participant = await admit(facilitator, knocker);

    expect(participant.admission).toEqual({
      code: facilitator.code,
      memberId: participant.memberId,
      resumeToken: participant.resumeToken,
    });
    // Only a facilitator is told who is waiting.
    expect(participant.entered).not.toHaveProperty('waiting');
    const expected = [
      { name: 'ひろし', role: 'facilitator', seat: 0, connected: true },
      { name: 'さくら🌸', role: 'participant', seat: 1, connected: true },
    ];
    expect(seating(participant.entered.circle)).toEqual(expected);
    // Whoever was let in later says so: their page starts the voice link of each pair.
    expect(participant.entered.circle.members.map((m) => m.arrival)).toEqual([0, 1]);
    // The one taking the seat is answered with the whole view; the others hear what changed.
    const forParticipant = participant.entered.circle;
    const forFacilitator = await facilitatorSees;
    expect(seating(forFacilitator)).toEqual(expected);
    expect(seating(forParticipant)).toEqual(expected);
    expect(forParticipant.members.map((m) => m.id)).toEqual([
      facilitator.memberId,
      participant.memberId,
    ]);
    expect(forFacilitator.revision).toBeGreaterThan(facilitator.entered.circle.revision);
    await waitingCleared;

    // Nobody's resume token is ever part of what others see.
    const everythingSeen = JSON.stringify([forFacilitator, forParticipant, participant.entered]);
    expect(everythingSeen).not.toContain(facilitator.resumeToken);
  });

  test('a declined knock gets knock:declined and may knock again', async () => {
    const h = await start();
    const facilitator = await createCircle(h);
    const first = await knock(h, facilitator, 'たろう');

    const declined = waitForEvent(first.socket, 'knock:declined');
    const emptied = waitForEvent(facilitator.socket, 'waiting:state', (l) => l.length === 0);
    expectOk(await request(facilitator.socket, 'waiting:decline', { waitingId: first.waitingId }));
    expect(await declined).toEqual({});
    await emptied;

    const again = await knock(h, facilitator, 'たろう', first.socket);
    expect(again.waitingId).not.toBe(first.waitingId);
    expect(again.waitingList.map((w) => w.id)).toEqual([again.waitingId]);
    // The old knock is gone for good.
    expectError(
      await request(facilitator.socket, 'waiting:admit', { waitingId: first.waitingId }),
      'waiting_not_found',
    );
  });

  test('knock:cancel empties the waiting list', async () => {
    const h = await start();
    const facilitator = await createCircle(h);
    const knocker = await knock(h, facilitator, 'はな');

    const emptied = waitForEvent(facilitator.socket, 'waiting:state', (l) => l.length === 0);
    expect(await request(knocker.socket, 'knock:cancel', {})).toEqual({ ok: true, data: null });
    await emptied;
    expectError(await request(knocker.socket, 'knock:cancel', {}), 'not_waiting');
  });

  test('a knock whose connection drops keeps its place, shown as reconnecting, and is let in once taken back', async () => {
    const h = await start({ memberGraceMs: 20_000 });
    const facilitator = await createCircle(h);
    const first = await knock(h, facilitator, 'さき');
    const dropped = await knock(h, facilitator, 'もどる');

    const held = waitForEvent(facilitator.socket, 'waiting:state', (l) =>
      l.some((w) => w.id === dropped.waitingId && !w.connected),
    );
    dropped.socket.disconnect();
    expect((await held).map((w) => [w.name, w.connected])).toEqual([
      ['さき', true],
      ['もどる', false],
    ]);
    // Being let in cannot reach someone who is not there: the hosts wait for them.
    expectError(
      await request(facilitator.socket, 'waiting:admit', { waitingId: dropped.waitingId }),
      'member_unavailable',
    );

    const returned = await h.connect();
    const resume = { code: facilitator.code, waitingId: dropped.waitingId };
    expectError(
      await request(returned, 'knock:resume', { ...resume, waitingToken: first.waitingToken }),
      'resume_refused',
    );
    const back = waitForEvent(facilitator.socket, 'waiting:state', (l) =>
      l.every((w) => w.connected),
    );
    expect(
      expectOk(
        await request(returned, 'knock:resume', { ...resume, waitingToken: dropped.waitingToken }),
      ),
    ).toEqual({ waitingId: dropped.waitingId, waitingToken: dropped.waitingToken });
    // The same place in the queue, from the same moment.
    expect(await back).toEqual(dropped.waitingList.map((w) => ({ ...w, connected: true })));
    const participant = await admit(facilitator, { ...dropped, socket: returned });
    expect(participant.entered.circle.members.map((m) => m.name)).toContain('もどる');
  });

  test('a dropped knock not taken back before the hold ends is withdrawn', async () => {
    const h = await start({ memberGraceMs: 400 });
    const facilitator = await createCircle(h);
    const stays = await knock(h, facilitator, 'のこる');
    const goes = await knock(h, facilitator, 'かえる');

    const onlyOneLeft = waitForEvent(
      facilitator.socket,
      'waiting:state',
      (l) => l.length === 1 && l[0]?.id === stays.waitingId,
    );
    goes.socket.disconnect();
    await onlyOneLeft;
    const late = await h.connect();
    expectError(
      await request(late, 'knock:resume', knockResumePayload(facilitator, goes)),
      'resume_refused',
    );
  });

  test('a knock taken back while its old connection lingers closes the old one', async () => {
    const h = await start();
    const facilitator = await createCircle(h);
    const knocker = await knock(h, facilitator, 'ふたつめ');
    const closed = waitForEvent(knocker.socket, 'session:closed');
    const gone = waitForDisconnect(knocker.socket);
    const second = await h.connect();
    expectOk(await request(second, 'knock:resume', knockResumePayload(facilitator, knocker)));
    expect(await closed).toEqual({ reason: 'replaced' });
    await gone;
    // The old connection's end does not mark the knock away: the new one holds it.
    await admit(facilitator, { ...knocker, socket: second });
  });

  test('a full circle refuses knocks, and admitting past capacity leaves the knock waiting', async () => {
    const h = await start();
    const facilitator = await createCircle(h, { capacity: 2 });
    const first = await knock(h, facilitator, 'いち');
    const second = await knock(h, facilitator, 'に');
    await admit(facilitator, first);

    expectError(
      await request(facilitator.socket, 'waiting:admit', { waitingId: second.waitingId }),
      'circle_full',
    );
    const third = await h.connect();
    expectError(
      await request(third, 'circle:knock', knockPayload(facilitator.code, 'さん')),
      'circle_full',
    );
    // The refused admission changed nothing: the second knock can still be declined.
    const declined = waitForEvent(second.socket, 'knock:declined');
    expectOk(await request(facilitator.socket, 'waiting:decline', { waitingId: second.waitingId }));
    await declined;
  });

  test('someone in a circle or waiting cannot create or knock again', async () => {
    const h = await start();
    const facilitator = await createCircle(h);
    const waiting = await knock(h, facilitator, 'まつ');
    const participant = await join(h, facilitator, 'いる');
    const create = { title: 'もうひとつ', rules: TEST_RULES, capacity: 4, name: 'だれか' };
    const knockAgain = knockPayload(facilitator.code, 'だれか');

    for (const socket of [facilitator.socket, participant.socket, waiting.socket]) {
      expectError(await request(socket, 'circle:create', create), 'already_in_circle');
      expectError(await request(socket, 'circle:knock', knockAgain), 'already_in_circle');
      expectError(
        await request(socket, 'circle:resume', {
          code: facilitator.code,
          resumeToken: participant.resumeToken,
        }),
        'already_in_circle',
      );
    }
  });

  test('an admitted person who never takes the seat frees it when the grace period ends', async () => {
    const h = await start({ memberGraceMs: 400 });
    const facilitator = await createCircle(h, { capacity: 2 });
    const knocker = await knock(h, facilitator, 'こない');

    await admitOnly(facilitator, knocker);
    // Nobody is shown until they take the seat, so the circle's view has not changed yet.
    const { revision } = facilitator.entered.circle;

    // The held seat fills the circle...
    const late = await h.connect();
    expectError(
      await request(late, 'circle:knock', knockPayload(facilitator.code, 'おそい')),
      'circle_full',
    );
    // ...until the grace period runs out and the circle changes again.
    const freed = await waitForEvent(
      facilitator.socket,
      'circle:state',
      (s) => s.revision > revision,
    );
    expect(seating(freed)).toEqual([
      { name: 'ひろし', role: 'facilitator', seat: 0, connected: true },
    ]);
    expectOk(await request(late, 'circle:knock', knockPayload(facilitator.code, 'おそい')));
  });
});

describe('leaving and coming back', () => {
  test('circle:leave drops the participant from everyone else’s state', async () => {
    const h = await start();
    const [facilitator, leaver, stayer] = await seatCircle(h, ['さよなら', 'のこる']);

    const facilitatorSees = waitForEvent(facilitator.socket, 'circle:state', (s) =>
      s.members.every((m) => m.id !== leaver.memberId),
    );
    const stayerSees = waitForEvent(stayer.socket, 'circle:state', (s) =>
      s.members.every((m) => m.id !== leaver.memberId),
    );
    const leaverLog = recordEvents(leaver.socket);
    expect(await request(leaver.socket, 'circle:leave', {})).toEqual({ ok: true, data: null });
    const [seen] = await Promise.all([facilitatorSees, stayerSees]);
    expect(seating(seen)).toEqual([
      { name: 'ひろし', role: 'facilitator', seat: 0, connected: true },
      { name: 'のこる', role: 'participant', seat: 2, connected: true },
    ]);

    // The leaver is out of the circle's broadcasts: another join reaches the others but not
    // them, and their own later request is the barrier that proves it.
    const newcomer = await join(h, facilitator, 'あたらしい');
    expectError(await request(leaver.socket, 'circle:leave', {}), 'not_in_circle');
    expect(leaverLog.filter((e) => e.event === 'circle:state')).toEqual([]);
    // The freed seat goes to the next person, and the old token no longer opens anything.
    expect(newcomer.entered.circle.members.find((m) => m.id === newcomer.memberId)?.seat).toBe(1);
    expectError(
      await request(leaver.socket, 'circle:resume', {
        code: facilitator.code,
        resumeToken: leaver.resumeToken,
      }),
      'resume_refused',
    );
  });

  test('a dropped participant keeps their seat and id when resuming within the grace period', async () => {
    // A grace period far longer than the test, so the return is never racing the timer.
    const h = await start({ memberGraceMs: 20_000 });
    const facilitator = await createCircle(h);
    const dropper = await join(h, facilitator, 'もどる');
    await join(h, facilitator, 'いつも');

    const awayState = await dropAndSee(facilitator, dropper);
    expect(seating(awayState)).toEqual([
      { name: 'ひろし', role: 'facilitator', seat: 0, connected: true },
      { name: 'もどる', role: 'participant', seat: 1, connected: false },
      { name: 'いつも', role: 'participant', seat: 2, connected: true },
    ]);

    const back = memberSeen(facilitator, dropper.memberId, (m) => m.connected);
    // Typed back by hand: lower case and without dashes still finds the circle.
    const typed = facilitator.code.toLowerCase().replaceAll('-', '');
    const { entered } = await resumeSeat(h, typed, dropper);
    expect(entered.self).toEqual({
      memberId: dropper.memberId,
      resumeToken: dropper.resumeToken,
      blocked: [],
    });
    const backState = await back;
    expect(seating(backState)).toEqual([
      { name: 'ひろし', role: 'facilitator', seat: 0, connected: true },
      { name: 'もどる', role: 'participant', seat: 1, connected: true },
      { name: 'いつも', role: 'participant', seat: 2, connected: true },
    ]);
    expect(seating(entered.circle)).toEqual(seating(backState));
  });

  test('a participant who does not come back within the grace period is removed', async () => {
    const h = await start({ memberGraceMs: 1_500 });
    const facilitator = await createCircle(h);
    const gone = await join(h, facilitator, 'きえる');

    const removed = waitForEvent(facilitator.socket, 'circle:state', (s) =>
      s.members.every((m) => m.id !== gone.memberId),
    );
    await dropAndSee(facilitator, gone);
    const afterGrace = await removed;
    expect(seating(afterGrace)).toEqual([
      { name: 'ひろし', role: 'facilitator', seat: 0, connected: true },
    ]);

    await expectSeatGone(h, facilitator.code, gone);
    // The seat is free again for the next person.
    const next = await join(h, facilitator, 'つぎ');
    expect(next.entered.circle.members.find((m) => m.id === next.memberId)?.seat).toBe(1);
  });

  test('resuming the same token twice closes the older connection as replaced', async () => {
    const h = await start();
    const facilitator = await createCircle(h);
    const first = await join(h, facilitator, 'ふたつめ');
    const facilitatorStates = recordEvents(facilitator.socket);

    const closed = waitForEvent(first.socket, 'session:closed');
    const dropped = waitForDisconnect(first.socket);
    const { socket: second, entered } = await resumeSeat(h, facilitator.code, first);
    expect(await closed).toEqual({ reason: 'replaced' });
    await dropped;
    expect(entered.self.memberId).toBe(first.memberId);

    // The old connection closing must not mark the member away: relay from the new one as a
    // barrier, then the last state the facilitator saw still has them connected in seat 1.
    const relayed = waitForEvent(facilitator.socket, 'signal:relay');
    expectOk(
      await request(second, 'signal:relay', {
        to: facilitator.memberId,
        signal: { type: 'renegotiate' },
      }),
    );
    expect(await relayed).toEqual({ from: first.memberId, signal: { type: 'renegotiate' } });
    const states = facilitatorStates.filter((e) => e.event === 'circle:state');
    const last = states[states.length - 1]?.payload as CircleView | undefined;
    expect(last && seating(last)).toEqual([
      { name: 'ひろし', role: 'facilitator', seat: 0, connected: true },
      { name: 'ふたつめ', role: 'participant', seat: 1, connected: true },
    ]);
  });
});

describe('the facilitator', () => {
  test('circle:end tells every member and every waiting person, and the circle is gone', async () => {
    const h = await start();
    const facilitator = await createCircle(h);
    const participant = await join(h, facilitator, 'さくら🌸');
    const waiting = await knock(h, facilitator, 'まってる');

    const ended = [facilitator, participant, waiting].map((p) =>
      waitForEvent(p.socket, 'circle:ended'),
    );
    expect(await request(facilitator.socket, 'circle:end', {})).toEqual({ ok: true, data: null });
    for (const info of await Promise.all(ended)) {
      expect(info).toEqual({ reason: 'ended_by_facilitator' });
    }
    expect(await h.server.store.count()).toBe(0);

    expectError(
      await request(participant.socket, 'circle:resume', {
        code: facilitator.code,
        resumeToken: participant.resumeToken,
      }),
      'resume_refused',
    );
    // Everyone is a guest again and free to start over.
    expectOk(
      await request(participant.socket, 'circle:create', {
        title: 'つぎの会',
        rules: TEST_RULES,
        capacity: 4,
        name: 'さくら🌸',
      }),
    );
    expectError(await request(waiting.socket, 'knock:cancel', {}), 'not_waiting');
  });

  test('circle:leave by the facilitator ends the circle', async () => {
    const h = await start();
    const facilitator = await createCircle(h);
    const participant = await join(h, facilitator, 'さくら🌸');

    const ended = waitForEvent(participant.socket, 'circle:ended');
    expectOk(await request(facilitator.socket, 'circle:leave', {}));
    expect(await ended).toEqual({ reason: 'ended_by_facilitator' });
  });

  test('a dropped facilitator keeps the circle and is still facilitator after resuming', async () => {
    const h = await start({ facilitatorGraceMs: 20_000 });
    const facilitator = await createCircle(h);
    const participant = await join(h, facilitator, 'さくら🌸');

    await dropAndSee(participant, facilitator);

    // The circle still takes knocks while its facilitator is away.
    const waiting = await h.connect();
    const { waitingId } = expectOk(
      await request(waiting, 'circle:knock', knockPayload(facilitator.code, 'よる')),
    );

    const back = memberSeen(participant, facilitator.memberId, (m) => m.connected);
    const { socket: returned, entered } = await resumeSeat(h, facilitator.code, facilitator);
    await back;
    expect(entered.self.memberId).toBe(facilitator.memberId);
    expect(entered.circle.members[0]).toEqual(facilitatorSeat(facilitator.memberId));
    expect(entered.waiting?.waiting.map((w) => w.id)).toEqual([waitingId]);

    // And can still act as one.
    const admission = await admitOnly({ socket: returned }, { socket: waiting, waitingId });
    expect(admission.code).toBe(facilitator.code);
  });

  test('a facilitator gone past the grace period ends the circle as facilitator_timeout', async () => {
    const h = await start({ facilitatorGraceMs: 800, memberGraceMs: 20_000 });
    const facilitator = await createCircle(h);
    const participant = await join(h, facilitator, 'さくら🌸');
    const waiting = await knock(h, facilitator, 'まってる');

    const endedForMember = waitForEvent(participant.socket, 'circle:ended');
    const endedForWaiting = waitForEvent(waiting.socket, 'circle:ended');
    await dropAndSee(participant, facilitator);
    expect(await endedForMember).toEqual({ reason: 'facilitator_timeout' });
    expect(await endedForWaiting).toEqual({ reason: 'facilitator_timeout' });
    expect(await h.server.store.count()).toBe(0);

    await expectSeatGone(h, facilitator.code, facilitator);
  });
});

describe('/healthz', () => {
  test('reports status, version and live counts of circles and connections', async () => {
    const h = await start();
    expect(await health(h)).toEqual({
      status: 'ok',
      version: packageJson.version,
      store: h.server.state.kind,
      circles: 0,
      connections: 0,
    });

    const first = await createCircle(h);
    await join(h, first, 'さくら🌸');
    expect(await health(h)).toEqual({
      status: 'ok',
      version: packageJson.version,
      store: h.server.state.kind,
      circles: 1,
      connections: 2,
    });

    const second = await createCircle(h, { title: 'ふたつめ' });
    expect(await health(h)).toMatchObject({ circles: 2, connections: 3 });

    expectOk(await request(second.socket, 'circle:end', {}));
    expect(await health(h)).toMatchObject({ circles: 1, connections: 3 });
  });
});
