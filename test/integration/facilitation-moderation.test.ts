import type { CircleView } from '../../shared/circle/views';
import {
  admit,
  createCircle,
  expectError,
  expectOk,
  join,
  knock,
  knockPayload,
  newDevice,
  recordEvents,
  request,
  useServers,
  waitForEvent,
  type Facilitator,
  type Participant,
} from '../support/server-harness';
import { barrier } from '../support/barrier';
import { memberSeen } from '../support/member-watch';
import { reload, seatCircle } from '../support/seats';

const start = useServers();

function member(view: CircleView, memberId: string) {
  return view.members.find((m) => m.id === memberId);
}

/** Waits until `watcher` sees `memberId` with the given mute flags. */
function muteSeen(
  watcher: Facilitator | Participant,
  memberId: string,
  flags: { muted: boolean; forceMuted: boolean },
): Promise<CircleView> {
  return memberSeen(
    watcher,
    memberId,
    (m) => m.muted === flags.muted && m.forceMuted === flags.forceMuted,
  );
}

describe('member:mute', () => {
  test('silences a member for everyone until a facilitator lets them speak again', async () => {
    const h = await start();
    const [facilitator, loud, other] = await seatCircle(h, ['おおごえ', 'しずか']);

    const forSelf = muteSeen(loud, loud.memberId, { muted: true, forceMuted: true });
    const forOthers = muteSeen(other, loud.memberId, { muted: true, forceMuted: true });
    expectOk(
      await request(facilitator.socket, 'member:mute', { memberId: loud.memberId, muted: true }),
    );
    await Promise.all([forSelf, forOthers]);

    // Their own unmute is refused and changes nothing; muting themselves is fine.
    const log = recordEvents(other.socket);
    expectError(await request(loud.socket, 'voice:mute', { muted: false }), 'muted_by_facilitator');
    expectOk(await request(loud.socket, 'voice:mute', { muted: true }));
    await barrier(other.socket);
    expect(log).toEqual([]);

    // Lifting it leaves their own switch off, for them to turn on when ready.
    const lifted = muteSeen(loud, loud.memberId, { muted: true, forceMuted: false });
    expectOk(
      await request(facilitator.socket, 'member:mute', { memberId: loud.memberId, muted: false }),
    );
    await lifted;
    const speaking = muteSeen(other, loud.memberId, { muted: false, forceMuted: false });
    expectOk(await request(loud.socket, 'voice:mute', { muted: false }));
    await speaking;
  });

  test('stays across a reload', async () => {
    const h = await start();
    const facilitator = await createCircle(h);
    const loud = await join(h, facilitator, 'おおごえ');
    const seen = muteSeen(facilitator, loud.memberId, { muted: true, forceMuted: true });
    expectOk(
      await request(facilitator.socket, 'member:mute', { memberId: loud.memberId, muted: true }),
    );
    await seen;
    const { socket: again, entered } = await reload(h, facilitator.code, loud);
    expect(member(entered.circle, loud.memberId)).toMatchObject({ muted: true, forceMuted: true });
    expectError(await request(again, 'voice:mute', { muted: false }), 'muted_by_facilitator');
  });
});

describe('member:remove', () => {
  test('closes the session, frees the seat and bars the device under any name', async () => {
    const h = await start();
    const [facilitator, unkind, other] = await seatCircle(h, ['いじわる', 'やさしい']);

    const closed = waitForEvent(unkind.socket, 'session:closed');
    const gone = waitForEvent(other.socket, 'circle:state', (s) => !member(s, unkind.memberId));
    const barredList = waitForEvent(facilitator.socket, 'moderation:state');
    const otherLog = recordEvents(other.socket);
    expectOk(await request(facilitator.socket, 'member:remove', { memberId: unkind.memberId }));
    expect(await closed).toEqual({ reason: 'removed' });
    await gone;
    const { barred } = await barredList;
    expect(barred).toEqual([
      { id: expect.any(String) as unknown, name: 'いじわる', at: expect.any(Number) as unknown },
    ]);
    // Only facilitators hear who is barred.
    expect(otherLog.filter((e) => e.event === 'moderation:state')).toEqual([]);

    // The socket stays connected, as a guest: its seat and token are gone.
    expect(unkind.socket.connected).toBe(true);
    expectError(await request(unkind.socket, 'circle:leave', {}), 'not_in_circle');
    expectError(
      await request(unkind.socket, 'circle:resume', {
        code: facilitator.code,
        resumeToken: unkind.resumeToken,
      }),
      'resume_refused',
    );

    // The same browser may not knock again, whatever name it uses and from any socket...
    for (const name of ['いじわる', 'べつじん']) {
      const socket = await h.connect();
      expectError(
        await request(
          socket,
          'circle:knock',
          knockPayload(facilitator.code, name, { device: unkind.device }),
        ),
        'barred',
      );
    }
    // ...while another browser may.
    const fresh = await h.connect();
    expectOk(
      await request(
        fresh,
        'circle:knock',
        knockPayload(facilitator.code, 'べつじん', { device: newDevice() }),
      ),
    );

    // A facilitator reloading sees the bar; lifting it lets the browser knock again.
    const { socket: back, entered } = await reload(h, facilitator.code, facilitator);
    expect(entered.moderation).toEqual({ barred });
    const barId = barred[0]?.id ?? '';
    expectError(await request(other.socket, 'bar:lift', { barId }), 'not_facilitator');
    expectError(await request(back, 'bar:lift', { barId: 'nobody_here_00' }), 'bar_not_found');
    const lifted = waitForEvent(back, 'moderation:state', (m) => m.barred.length === 0);
    expectOk(await request(back, 'bar:lift', { barId }));
    await lifted;
    const returning = await knock(h, { ...facilitator, socket: back }, 'もういちど', undefined, {
      device: unkind.device,
    });
    expect(returning.waitingList.map((w) => w.name)).toContain('もういちど');
  });

  test('moves the talking piece on and drops a raised hand', async () => {
    const h = await start();
    const [facilitator, holder, next] = await seatCircle(h, ['もつ', 'つぎ']);
    expectOk(await request(holder.socket, 'hand:set', { raised: true }));
    expectOk(await request(facilitator.socket, 'piece:give', { memberId: holder.memberId }));
    expectOk(await request(holder.socket, 'hand:set', { raised: true }));
    const moved = waitForEvent(next.socket, 'circle:state', (s) => !member(s, holder.memberId));
    expectOk(await request(facilitator.socket, 'member:remove', { memberId: holder.memberId }));
    const view = await moved;
    expect(view.piece.holder).toBe(next.memberId);
    expect(view.hands).toEqual([]);
  });

  test('cannot name someone outside the circle', async () => {
    const h = await start();
    const facilitator = await createCircle(h);
    const other = await createCircle(h, { name: 'よそ' });
    expectError(
      await request(facilitator.socket, 'member:remove', { memberId: other.memberId }),
      'member_not_found',
    );
    expectError(
      await request(facilitator.socket, 'member:mute', { memberId: other.memberId, muted: true }),
      'member_not_found',
    );
    expectError(
      await request(facilitator.socket, 'hand:lower', { memberId: other.memberId }),
      'member_not_found',
    );
  });
});

describe('circle:lock and circle:pause', () => {
  test('a locked circle refuses new knocks and keeps those already waiting', async () => {
    const h = await start();
    const facilitator = await createCircle(h);
    const participant = await join(h, facilitator, 'さくら');
    const waiting = await knock(h, facilitator, 'まってる');

    const lockedSeen = waitForEvent(participant.socket, 'circle:state', (s) => s.locked);
    expectOk(await request(facilitator.socket, 'circle:lock', { locked: true }));
    await lockedSeen;
    const late = await h.connect();
    expect(
      expectOk(await request(late, 'circle:preview', { code: facilitator.code })),
    ).toMatchObject({
      locked: true,
    });
    expectError(
      await request(late, 'circle:knock', knockPayload(facilitator.code, 'おそい')),
      'circle_locked',
    );
    // The one already waiting can still be let in.
    const admitted = await admit(facilitator, waiting);
    expect(admitted.entered.circle.locked).toBe(true);

    expectOk(await request(facilitator.socket, 'circle:lock', { locked: false }));
    expectOk(await request(late, 'circle:knock', knockPayload(facilitator.code, 'おそい')));
  });

  test('pausing shows in everyone’s view, and repeating it changes nothing', async () => {
    const h = await start();
    const facilitator = await createCircle(h);
    const participant = await join(h, facilitator, 'さくら');
    const paused = waitForEvent(participant.socket, 'circle:state', (s) => s.paused);
    expectOk(await request(facilitator.socket, 'circle:pause', { paused: true }));
    const { revision } = await paused;
    const log = recordEvents(participant.socket);
    expectOk(await request(facilitator.socket, 'circle:pause', { paused: true }));
    await barrier(participant.socket);
    expect(log).toEqual([]);
    const resumed = waitForEvent(participant.socket, 'circle:state', (s) => !s.paused);
    expectOk(await request(facilitator.socket, 'circle:pause', { paused: false }));
    expect((await resumed).revision).toBeGreaterThan(revision);
  });
});

describe('hand:lower', () => {
  test('a facilitator lowers someone else’s hand, and the queue keeps its order', async () => {
    const h = await start();
    const [facilitator, first, second] = await seatCircle(h, ['いち', 'に']);
    expectOk(await request(first.socket, 'hand:set', { raised: true }));
    const both = waitForEvent(first.socket, 'circle:state', (s) => s.hands.length === 2);
    expectOk(await request(second.socket, 'hand:set', { raised: true }));
    await both;
    expectError(
      await request(second.socket, 'hand:lower', { memberId: first.memberId }),
      'not_facilitator',
    );
    const lowered = waitForEvent(second.socket, 'circle:state', (s) => s.hands.length === 1);
    expectOk(await request(facilitator.socket, 'hand:lower', { memberId: first.memberId }));
    expect((await lowered).hands).toEqual([second.memberId]);
  });

  test('a host lowers every hand at once; a participant may not', async () => {
    const h = await start();
    const [facilitator, first, second] = await seatCircle(h, ['いち', 'に']);
    const both = waitForEvent(facilitator.socket, 'circle:state', (s) => s.hands.length === 2);
    expectOk(await request(first.socket, 'hand:set', { raised: true }));
    expectOk(await request(second.socket, 'hand:set', { raised: true }));
    await both;
    expectError(await request(second.socket, 'hand:lowerAll', {}), 'not_facilitator');
    const lowered = waitForEvent(first.socket, 'circle:state', (s) => s.hands.length === 0);
    expectOk(await request(facilitator.socket, 'hand:lowerAll', {}));
    await lowered;
  });
});
