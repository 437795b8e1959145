import { Limits } from '../../shared/protocol/limits';
import { PROTOCOL_VERSION } from '../../shared/protocol/version';
import {
  expectError,
  expectServerHealthy,
  recordEvents,
  request,
  useServers,
  waitForDisconnect,
  waitForEvent,
  waitForRawEvent,
  type Harness,
  type TestSocket,
} from '../support/server-harness';
import { memberSeen } from '../support/member-watch';
import { seatCircle } from '../support/seats';

const start = useServers();

/** Opens a client that the server must refuse, and returns the refusal. */
async function refusedConnection(
  h: Harness,
  options: Parameters<Harness['open']>[0],
): Promise<Error & { data?: unknown }> {
  const socket = h.open(options);
  const error = (await waitForRawEvent(socket, 'connect_error')) as Error & { data?: unknown };
  expect(socket.connected).toBe(false);
  return error;
}

/** Sockets open on every node, each node counting its own. */
async function connections(h: Harness): Promise<number> {
  let sum = 0;
  for (const node of h.nodes) {
    const response = await fetch(`http://127.0.0.1:${node.port}/healthz`);
    sum += ((await response.json()) as { connections: number }).connections;
  }
  return sum;
}

describe('protocol version', () => {
  test.each([
    ['an older version', PROTOCOL_VERSION - 1],
    ['a newer version', PROTOCOL_VERSION + 1],
    ['the version as a string', String(PROTOCOL_VERSION)],
    ['null', null],
    ['an object', { major: PROTOCOL_VERSION }],
  ])('%s is refused with protocol_mismatch', async (_, protocolVersion) => {
    const h = await start();
    const error = await refusedConnection(h, { protocolVersion });
    expect(error.message).toBe('protocol_mismatch');
    expect(error.data).toEqual({ code: 'protocol_mismatch', serverVersion: PROTOCOL_VERSION });
    await expectServerHealthy(h);
  });

  test('a handshake without auth is refused with protocol_mismatch', async () => {
    const h = await start();
    const error = await refusedConnection(h, { omitAuth: true });
    expect(error.data).toMatchObject({ code: 'protocol_mismatch' });
  });

  test('the current version connects', async () => {
    const h = await start();
    const socket = await h.connect({ protocolVersion: PROTOCOL_VERSION });
    expect(socket.connected).toBe(true);
  });
});

describe('origin check', () => {
  test.each([
    ['another site', 'https://evil.example'],
    ['a look-alike host', 'http://127.0.0.1.evil.example'],
    ['a sandboxed frame', 'null'],
    ['a malformed origin', 'not a url'],
  ])('a page on %s cannot open a socket', async (_, origin) => {
    const h = await start();
    await refusedConnection(h, { extraHeaders: { origin } });
    // Refused before the handshake completed: the server never counted a connection.
    expect(await connections(h)).toBe(0);
    await expectServerHealthy(h);
  });

  test('the page’s own origin and clients that send no origin connect', async () => {
    const h = await start();
    const sameOrigin = await h.connect({ extraHeaders: { origin: h.baseUrl } });
    const noOrigin = await h.connect();
    expect(sameOrigin.connected && noOrigin.connected).toBe(true);
  });

  test('configured extra origins connect, others are still refused', async () => {
    const h = await start({ allowedOrigins: ['https://partner.example'] });
    const partner = await h.connect({ extraHeaders: { origin: 'https://partner.example' } });
    expect(partner.connected).toBe(true);
    await refusedConnection(h, { extraHeaders: { origin: 'https://evil.example' } });
  });

  test('the long-polling handshake applies the same origin check', async () => {
    const h = await start();
    const handshake = `${h.baseUrl}/socket.io/?EIO=4&transport=polling`;
    const foreign = await fetch(handshake, { headers: { origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    await foreign.body?.cancel();
    const own = await fetch(handshake, { headers: { origin: h.baseUrl } });
    expect(own.status).toBe(200);
    await own.body?.cancel();
  });
});

describe('frames', () => {
  /** A relay from the bystander to the facilitator must still go through. */
  async function expectStillRelaying(
    from: { socket: TestSocket; memberId: string },
    to: { socket: TestSocket; memberId: string },
  ): Promise<void> {
    const received = waitForEvent(to.socket, 'signal:relay');
    expect(
      await request(from.socket, 'signal:relay', {
        to: to.memberId,
        signal: { type: 'renegotiate' },
      }),
    ).toEqual({ ok: true, data: null });
    expect(await received).toEqual({ from: from.memberId, signal: { type: 'renegotiate' } });
  }

  test(`a frame over ${Limits.maxMessageBytes / 1024} KB closes only the client that sent it`, async () => {
    const h = await start({ memberGraceMs: 20_000 });
    const [facilitator, sender, bystander] = await seatCircle(h, ['おくる', 'みてる']);
    const bystanderLog = recordEvents(bystander.socket);

    // Just under the frame limit: refused by the schema, the connection stays.
    const nearlyTooBig = {
      type: 'offer' as const,
      sdp: 'a'.repeat(Limits.maxMessageBytes - 1_024),
    };
    expectError(
      await request(sender.socket, 'signal:relay', {
        to: bystander.memberId,
        signal: nearlyTooBig,
      }),
      'invalid_payload',
    );
    expect(sender.socket.connected).toBe(true);

    const away = memberSeen(facilitator, sender.memberId, (m) => !m.connected);
    const dropped = waitForDisconnect(sender.socket);
    const tooBig = { type: 'offer' as const, sdp: 'a'.repeat(Limits.maxMessageBytes + 1) };
    sender.socket.emit('signal:relay', { to: bystander.memberId, signal: tooBig }, () => undefined);
    await dropped;
    await away;

    await expectStillRelaying(bystander, facilitator);
    await expectStillRelaying(facilitator, bystander);
    expect(bystanderLog.filter((e) => e.event === 'signal:relay')).toEqual([
      {
        event: 'signal:relay',
        payload: { from: facilitator.memberId, signal: { type: 'renegotiate' } },
      },
    ]);
    await expectServerHealthy(h);
  });

  test.each([
    ['malformed JSON', '2["signal:relay",{"to":'],
    ['a reserved event name', '2["disconnect"]'],
    ['another reserved event name', '2["disconnecting",{}]'],
    ['an event that is not an array', '2{"circle:create":{}}'],
    ['an event with no name', '2[]'],
    ['an unknown packet type', '9["circle:create"]'],
  ])('%s closes only the client that sent it', async (_, frame) => {
    const h = await start({ memberGraceMs: 20_000 });
    const [facilitator, sender, bystander] = await seatCircle(h, ['おくる', 'みてる']);

    const dropped = waitForDisconnect(sender.socket);
    sender.socket.io.engine.write(frame);
    await dropped;

    await expectStillRelaying(bystander, facilitator);
    expect(bystander.socket.connected && facilitator.socket.connected).toBe(true);
    await expectServerHealthy(h);
  });
});
