import { Limits } from '../../shared/protocol/limits';
import type { SignalPayload } from '../../shared/protocol/schemas';
import {
  expectError,
  expectOk,
  knock,
  rawRequest,
  recordEvents,
  request,
  useServers,
  waitForEvent,
  type Facilitator,
  type Harness,
  type Participant,
  type TestSocket,
} from '../support/server-harness';
import { seatCircle } from '../support/seats';

const start = useServers();

interface TwoCircles {
  facilitator: Facilitator;
  alice: Participant;
  bob: Participant;
  /** A second, unrelated circle. */
  otherFacilitator: Facilitator;
  stranger: Participant;
}

async function twoCircles(h: Harness): Promise<TwoCircles> {
  const [facilitator, alice, bob] = await seatCircle(h, ['ありさ', 'ぼぶ']);
  const [otherFacilitator, stranger] = await seatCircle(h, ['よそもの'], {
    title: 'となりの会',
    name: 'となり',
  });
  return { facilitator, alice, bob, otherFacilitator, stranger };
}

/** Sends a relay that must be delivered, and returns what the recipient got. */
async function relayAndReceive(
  from: TestSocket,
  to: { socket: TestSocket; memberId: string },
  signal: SignalPayload,
) {
  const received = waitForEvent(to.socket, 'signal:relay');
  expect(await request(from, 'signal:relay', { to: to.memberId, signal })).toEqual({
    ok: true,
    data: null,
  });
  return received;
}

function relays(log: ReturnType<typeof recordEvents>) {
  return log.filter((e) => e.event === 'signal:relay').map((e) => e.payload);
}

const offer: SignalPayload = { type: 'offer', sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' };

describe('signal:relay', () => {
  test('delivers every kind of signal to the named member, stamped with the sender', async () => {
    const h = await start();
    const { alice, bob } = await twoCircles(h);
    const signals: SignalPayload[] = [
      offer,
      { type: 'answer', sdp: 'v=0\r\n' },
      {
        type: 'candidate',
        candidate: {
          candidate: 'candidate:1 1 udp 2122260223 192.0.2.1 54400 typ host',
          sdpMid: '0',
          sdpMLineIndex: 0,
          usernameFragment: null,
        },
      },
      { type: 'candidate', candidate: { candidate: '' } },
      { type: 'renegotiate' },
      { type: 'transceiverRequest', kind: 'audio' },
    ];
    for (const signal of signals) {
      expect(await relayAndReceive(alice.socket, bob, signal)).toEqual({
        from: alice.memberId,
        signal,
      });
    }
    expect(await relayAndReceive(bob.socket, alice, offer)).toEqual({
      from: bob.memberId,
      signal: offer,
    });
  });

  test('passes the connection id (conn) on unchanged, and refuses a malformed one', async () => {
    const h = await start();
    const { alice, bob } = await twoCircles(h);
    const tagged: SignalPayload[] = [
      { ...offer, conn: 'c0nn_A-1' },
      { type: 'candidate', conn: 'x'.repeat(32), candidate: { candidate: '' } },
      { type: 'renegotiate', conn: 'abcd' },
    ];
    for (const signal of tagged) {
      expect(await relayAndReceive(alice.socket, bob, signal)).toEqual({
        from: alice.memberId,
        signal,
      });
    }
    for (const conn of ['abc', 'x'.repeat(33), 'has space', 42, null]) {
      expectError(
        await rawRequest(alice.socket, 'signal:relay', [
          { to: bob.memberId, signal: { type: 'renegotiate', conn } },
        ]),
        'invalid_payload',
      );
    }
  });

  test('the sender cannot be spoofed and unknown keys never reach the peer', async () => {
    const h = await start();
    const { facilitator, alice, bob } = await twoCircles(h);
    const received = waitForEvent(bob.socket, 'signal:relay');
    expectOk(
      await rawRequest(alice.socket, 'signal:relay', [
        {
          to: bob.memberId,
          from: facilitator.memberId,
          signal: { ...offer, from: facilitator.memberId, html: '<script>' },
        },
      ]),
    );
    const message = await received;
    expect(message).toEqual({ from: alice.memberId, signal: offer });
    expect(Object.keys(message.signal).sort()).toEqual(['sdp', 'type']);
  });

  test('refuses relays that are not between two members of one circle, and delivers nothing', async () => {
    const h = await start();
    const { facilitator, alice, bob, otherFacilitator, stranger } = await twoCircles(h);
    const waiting = await knock(h, facilitator, 'まってる');
    const guest = await h.connect();
    const watched = [facilitator, alice, bob, otherFacilitator, stranger, waiting];
    const logs = watched.map((p) => recordEvents(p.socket));
    const wellFormedStranger = 'nobody_here_00';

    // Each row: who sends, to whom, and the code they must get.
    const refused: [string, TestSocket, string, string][] = [
      ['a member to an id nobody has', alice.socket, wellFormedStranger, 'recipient_not_found'],
      ['a member to themselves', alice.socket, alice.memberId, 'recipient_not_found'],
      [
        'a member to a member of another circle',
        alice.socket,
        stranger.memberId,
        'recipient_not_found',
      ],
      [
        'a member of another circle to this one',
        stranger.socket,
        alice.memberId,
        'recipient_not_found',
      ],
      ['a member to a waiting id', alice.socket, waiting.waitingId, 'recipient_not_found'],
      ['a waiting person to a member', waiting.socket, alice.memberId, 'not_in_circle'],
      ['a guest to a member', guest, alice.memberId, 'not_in_circle'],
      ['a guest to a waiting id', guest, waiting.waitingId, 'not_in_circle'],
    ];
    for (const [why, from, to, code] of refused) {
      const ack = await request(from, 'signal:relay', { to, signal: offer });
      expect({ why, ack }).toEqual({ why, ack: { ok: false, error: { code } } });
    }

    // Barriers: a legitimate relay to each socket anything could have reached. Socket.IO keeps
    // order per connection, so anything misdelivered above would have arrived first.
    await relayAndReceive(bob.socket, alice, { type: 'renegotiate' });
    await relayAndReceive(alice.socket, bob, { type: 'renegotiate' });
    await relayAndReceive(alice.socket, facilitator, { type: 'renegotiate' });
    await relayAndReceive(otherFacilitator.socket, stranger, { type: 'renegotiate' });
    await relayAndReceive(stranger.socket, otherFacilitator, { type: 'renegotiate' });
    const declined = waitForEvent(waiting.socket, 'knock:declined');
    expectOk(
      await request(facilitator.socket, 'waiting:decline', { waitingId: waiting.waitingId }),
    );
    await declined;

    const barrier = (from: string) => [{ from, signal: { type: 'renegotiate' } }];
    expect(logs.map(relays)).toEqual([
      barrier(alice.memberId),
      barrier(bob.memberId),
      barrier(alice.memberId),
      barrier(stranger.memberId),
      barrier(otherFacilitator.memberId),
      [],
    ]);
  });

  test('refuses a relay to someone who has left', async () => {
    const h = await start();
    const { facilitator, alice, bob } = await twoCircles(h);
    const gone = waitForEvent(facilitator.socket, 'circle:state', (s) =>
      s.members.every((m) => m.id !== bob.memberId),
    );
    expectOk(await request(bob.socket, 'circle:leave', {}));
    await gone;
    expectError(
      await request(alice.socket, 'signal:relay', { to: bob.memberId, signal: offer }),
      'recipient_not_found',
    );
  });

  test('refuses oversized and malformed signals with invalid_payload and delivers nothing', async () => {
    const h = await start();
    const { alice, bob } = await twoCircles(h);
    const bobLog = recordEvents(bob.socket);

    const largest = 'a'.repeat(Limits.sdpMaxChars);
    const malformed: unknown[] = [
      { type: 'offer', sdp: `${largest}a` },
      { type: 'answer', sdp: `${largest}a` },
      { type: 'candidate', candidate: { candidate: 'c'.repeat(Limits.candidateMaxChars + 1) } },
      { type: 'candidate', candidate: { candidate: 'c', sdpMLineIndex: 256 } },
      { type: 'candidate', candidate: { candidate: 'c', sdpMid: 'm'.repeat(65) } },
      { type: 'candidate', candidate: 'candidate:1 1 udp' },
      { type: 'offer' },
      { type: 'offer', sdp: 42 },
      { type: 'transceiverRequest', kind: 'data' },
      { type: 'bye' },
      { sdp: 'v=0' },
      'offer',
      null,
      [],
    ];
    for (const signal of malformed) {
      const ack = await rawRequest(alice.socket, 'signal:relay', [{ to: bob.memberId, signal }]);
      expect({ signal, ack }).toEqual({
        signal,
        ack: { ok: false, error: { code: 'invalid_payload' } },
      });
    }
    for (const to of ['short', 'x'.repeat(33), 'has spaces!!', 42, null]) {
      expectError(
        await rawRequest(alice.socket, 'signal:relay', [{ to, signal: offer }]),
        'invalid_payload',
      );
    }

    // The largest allowed SDP still goes through, and it is the first thing Bob receives.
    const biggest: SignalPayload = { type: 'offer', sdp: largest };
    expect(await relayAndReceive(alice.socket, bob, biggest)).toEqual({
      from: alice.memberId,
      signal: biggest,
    });
    expect(relays(bobLog)).toEqual([{ from: alice.memberId, signal: biggest }]);
  });
});
