import type { CircleView } from '../../shared/circle/views';
import {
  createCircle,
  expectError,
  expectOk,
  join,
  request,
  useServers,
  type Facilitator,
  type Harness,
  type TestSocket,
} from '../support/server-harness';
import { andSee, holderIs } from '../support/piece-watch';

const start = useServers();

const choiceOf = (view: CircleView, id: string) =>
  view.members.find((m) => m.id === id)?.takingPart;

/** The facilitator in seat 0, a speaker in seat 1 and a listener in seat 2. */
async function circleWithListener(h: Harness, pieceMode: 'gentle' | 'strict' = 'gentle') {
  const facilitator = await createCircle(h, { pieceMode });
  const speaker = await join(h, facilitator, 'はなす');
  const listener = await join(h, facilitator, 'きく', { takingPart: 'listen' });
  return { facilitator, speaker, listener };
}

async function checkInRound(facilitator: Facilitator): Promise<CircleView> {
  return andSee(
    facilitator,
    () =>
      request(facilitator.socket, 'round:start', {
        kind: 'checkin',
        fromMemberId: facilitator.memberId,
      }),
    holderIs(facilitator.memberId),
  );
}

describe('how someone takes part', () => {
  test('the choice made when knocking reaches the facilitator with the seat, and a change reaches everyone', async () => {
    const h = await start();
    const { facilitator, speaker, listener } = await circleWithListener(h);
    expect(listener.entered.circle.members.find((m) => m.id === listener.memberId)).toMatchObject({
      takingPart: 'listen',
      muted: false,
    });
    const view = await andSee(
      speaker,
      () => request(listener.socket, 'member:takingPart', { takingPart: 'write' }),
      (v) => choiceOf(v, listener.memberId) === 'write',
    );
    expect(choiceOf(view, speaker.memberId)).toBe('speak');
    const seenByHost = await andSee(
      facilitator,
      () => request(speaker.socket, 'member:takingPart', { takingPart: 'present' }),
      (v) => choiceOf(v, speaker.memberId) === 'present',
    );
    // A choice that closes the microphone shows it closed to everyone at once.
    expect(seenByHost.members.find((m) => m.id === speaker.memberId)?.muted).toBe(true);
  });

  test('is validated: an unknown choice is refused and nothing changes', async () => {
    const h = await start();
    const { facilitator, listener } = await circleWithListener(h);
    for (const takingPart of ['shout', 'SPEAK', '', 1, null]) {
      expectError(
        await request(listener.socket, 'member:takingPart', { takingPart } as never),
        'invalid_payload',
      );
    }
    const view = expectOk(await request(facilitator.socket, 'circle:sync', {}));
    expect(view.members.find((m) => m.id === listener.memberId)?.takingPart).toBe('listen');
  });

  test('a microphone stays off while the member takes part another way, but not a host’s', async () => {
    const h = await start();
    const { facilitator, listener } = await circleWithListener(h);
    expectError(await request(listener.socket, 'voice:mute', { muted: false }), 'speak_not_chosen');
    expectOk(await request(facilitator.socket, 'member:takingPart', { takingPart: 'listen' }));
    expectOk(await request(facilitator.socket, 'voice:mute', { muted: false }));
    await andSee(
      facilitator,
      () => request(listener.socket, 'member:takingPart', { takingPart: 'speak' }),
      (v) => choiceOf(v, listener.memberId) === 'speak',
    );
    expectOk(await request(listener.socket, 'voice:mute', { muted: false }));
  });
});

describe('a round', () => {
  test('skips anyone not on Speak quietly, and includes them once they choose to speak', async () => {
    const h = await start();
    const { facilitator, speaker, listener } = await circleWithListener(h);
    const holders: (string | null)[] = [];
    facilitator.socket.on('circle:state', (view) => {
      if (holders.at(-1) !== view.piece.holder) holders.push(view.piece.holder);
    });
    await checkInRound(facilitator);
    await andSee(
      facilitator,
      () => request(facilitator.socket, 'piece:pass', {}),
      holderIs(speaker.memberId),
    );
    const ended = await andSee(
      facilitator,
      () => request(speaker.socket, 'piece:pass', {}),
      (v) => v.piece.round === null,
    );
    expect(ended.piece.holder).toBeNull();
    expect(holders).not.toContain(listener.memberId);

    await andSee(
      facilitator,
      () => request(listener.socket, 'member:takingPart', { takingPart: 'speak' }),
      (v) => choiceOf(v, listener.memberId) === 'speak',
    );
    await checkInRound(facilitator);
    await andSee(
      facilitator,
      () => request(facilitator.socket, 'piece:pass', {}),
      holderIs(speaker.memberId),
    );
    await andSee(
      facilitator,
      () => request(speaker.socket, 'piece:pass', {}),
      holderIs(listener.memberId),
    );
  });

  test('is refused with a clear error when nobody has chosen to speak', async () => {
    const h = await start();
    const facilitator = await createCircle(h);
    await join(h, facilitator, 'きく', { takingPart: 'listen' });
    expectOk(await request(facilitator.socket, 'member:takingPart', { takingPart: 'write' }));
    expectError(
      await request(facilitator.socket, 'round:start', {
        kind: 'checkin',
        fromMemberId: facilitator.memberId,
      }),
      'nobody_speaking',
    );
  });
});

/** The facilitator takes the piece and gives it to the listener, who is only offered it. */
async function offerToListener(
  facilitator: Facilitator,
  listener: { socket: TestSocket; memberId: string },
): Promise<CircleView> {
  await andSee(
    facilitator,
    () => request(facilitator.socket, 'piece:take', {}),
    holderIs(facilitator.memberId),
  );
  return andSee(
    listener,
    () => request(facilitator.socket, 'piece:give', { memberId: listener.memberId }),
    (v) => v.piece.offeredTo === listener.memberId,
  );
}

describe('offering the piece to someone listening', () => {
  test('in a strict circle the floor is theirs only once they accept it', async () => {
    const h = await start();
    const { facilitator, speaker, listener } = await circleWithListener(h, 'strict');
    const offered = await offerToListener(facilitator, listener);
    expect(offered.piece.holder).toBe(facilitator.memberId);
    // Only the one offered it may answer.
    expectError(await request(speaker.socket, 'piece:accept', {}), 'not_offered');
    expectError(await request(listener.socket, 'piece:pass', {}), 'not_holder');

    const taken = await andSee(
      facilitator,
      () => request(listener.socket, 'piece:accept', {}),
      holderIs(listener.memberId),
    );
    expect(taken.piece.offeredTo).toBeNull();
    expectError(await request(listener.socket, 'piece:accept', {}), 'not_offered');
  });

  test('may be let go by: the piece stays where it was', async () => {
    const h = await start();
    const { facilitator, listener } = await circleWithListener(h, 'strict');
    await offerToListener(facilitator, listener);
    const declined = await andSee(
      facilitator,
      () => request(listener.socket, 'piece:decline', {}),
      (v) => v.piece.offeredTo === null,
    );
    expect(declined.piece.holder).toBe(facilitator.memberId);
  });

  test('lapses when they step out, and a raised hand takes the piece at once', async () => {
    const h = await start();
    const { facilitator, listener } = await circleWithListener(h, 'strict');
    await offerToListener(facilitator, listener);
    await andSee(
      facilitator,
      () => request(listener.socket, 'away:set', { away: true }),
      (v) => v.piece.offeredTo === null,
    );
    expectOk(await request(listener.socket, 'away:set', { away: false }));
    await andSee(
      facilitator,
      () => request(listener.socket, 'hand:set', { raised: true }),
      (v) => v.hands.includes(listener.memberId),
    );
    await andSee(
      facilitator,
      () => request(facilitator.socket, 'piece:give', { memberId: listener.memberId }),
      holderIs(listener.memberId),
    );
  });
});
