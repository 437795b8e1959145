import { createSocket, type RemoteInfo, type Socket as UdpSocket } from 'node:dgram';
import type { VoiceConfig } from '../../shared/protocol/answers';
import { issueTurnCredentials } from '../../signaling-server/voice/turn-credentials';
import { describeWithTurnserver, startCoturn, type RunningCoturn } from '../support/coturn';
import {
  createCircle,
  expectOk,
  join,
  request,
  useServers,
  type Harness,
} from '../support/server-harness';
import { StunErrorResponse, TurnClient, type Address } from '../support/stun-client';

/**
 * The real check behind private voice: the credentials Engawa hands a member are accepted by a
 * real coturn, configured as the README says, and carry traffic; wrong or expired ones are not.
 */
describeWithTurnserver('TURN credentials against a real coturn', (turnserver) => {
  let started: RunningCoturn | undefined;
  /** The coturn of this file; beforeAll failing leaves none, and every test then fails here. */
  const coturn = (): RunningCoturn => {
    if (!started) throw new Error('coturn did not start');
    return started;
  };
  const start = useServers();
  const clients: TurnClient[] = [];
  const peers: UdpSocket[] = [];

  beforeAll(async () => {
    started = await startCoturn(turnserver);
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await Promise.all(
      peers.splice(0).map(
        (p) =>
          new Promise<void>((resolve) => {
            p.close(() => {
              resolve();
            });
          }),
      ),
    );
  });

  afterAll(async () => {
    await started?.stop();
  });

  function engawaWithCoturn(): Promise<Harness> {
    const { host, port, secret } = coturn();
    const at = `${host}:${port}`;
    return start({
      voice: {
        stunUrls: [],
        turn: {
          urls: [`turn:${at}?transport=udp`, `turn:${at}?transport=tcp`],
          secret,
        },
        credentialTtlS: 600,
      },
    });
  }

  /** A member of a private circle and the voice settings Engawa gave them. */
  async function memberVoiceConfig(): Promise<{ memberId: string; config: VoiceConfig }> {
    const h = await engawaWithCoturn();
    const facilitator = await createCircle(h, { privateVoice: true });
    const participant = await join(h, facilitator, 'さくら');
    const config = expectOk(await request(participant.socket, 'voice:config', {}));
    return { memberId: participant.memberId, config };
  }

  function parseTurnUrl(url: string): { server: Address; transport: 'udp' | 'tcp' } {
    const match = /^turn:([^:?]+):(\d+)\?transport=(udp|tcp)$/.exec(url);
    if (!match?.[1] || !match[2] || !match[3]) throw new Error(`unexpected TURN URL ${url}`);
    return {
      server: { address: match[1], port: Number(match[2]) },
      transport: match[3] as 'udp' | 'tcp',
    };
  }

  async function turnClient(url: string): Promise<TurnClient> {
    const { server, transport } = parseTurnUrl(url);
    const client = await TurnClient.connect(server, transport);
    clients.push(client);
    return client;
  }

  async function peerSocket(): Promise<{ socket: UdpSocket; address: Address }> {
    const socket = createSocket('udp4');
    peers.push(socket);
    await new Promise<void>((resolve) => {
      socket.bind(0, '127.0.0.1', () => {
        resolve();
      });
    });
    return { socket, address: { address: '127.0.0.1', port: socket.address().port } };
  }

  function nextDatagram(socket: UdpSocket): Promise<{ data: Buffer; from: RemoteInfo }> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.off('message', onMessage);
        reject(new Error('the peer received nothing through the relay'));
      }, 3_000);
      const onMessage = (data: Buffer, from: RemoteInfo) => {
        clearTimeout(timer);
        socket.off('message', onMessage);
        resolve({ data, from });
      };
      socket.on('message', onMessage);
    });
  }

  async function allocationError(
    client: TurnClient,
    username: string,
    password: string,
  ): Promise<number | undefined> {
    try {
      await client.allocate(username, password);
    } catch (error) {
      if (error instanceof StunErrorResponse) return error.code;
      throw error;
    }
    throw new Error('coturn accepted credentials it should have refused');
  }

  test('coturn accepts the handed-out credentials on every TURN URL and relays both ways', async () => {
    const { config } = await memberVoiceConfig();
    expect(config.iceTransportPolicy).toBe('relay');
    const [turn] = config.iceServers;
    if (!turn?.username || !turn.credential) throw new Error('no TURN credentials');
    expect(turn.urls).toHaveLength(2);

    for (const url of turn.urls) {
      const client = await turnClient(url);
      const allocation = await client.allocate(turn.username, turn.credential);
      expect({ url, relayedHost: allocation.relayed.address }).toEqual({
        url,
        relayedHost: '127.0.0.1',
      });
      expect(allocation.lifetimeS).toBeGreaterThan(0);

      // Through the relay and back: the peer sees only the relayed address, never ours.
      const peer = await peerSocket();
      await client.createPermission(peer.address);
      const arrived = nextDatagram(peer.socket);
      client.sendIndication(peer.address, Buffer.from(`hello over ${url}`));
      const { data, from } = await arrived;
      expect(data.toString()).toBe(`hello over ${url}`);
      expect({ address: from.address, port: from.port }).toEqual(allocation.relayed);

      const answered = client.nextData();
      peer.socket.send(
        Buffer.from('and back'),
        allocation.relayed.port,
        allocation.relayed.address,
      );
      const reply = await answered;
      expect(reply.data.toString()).toBe('and back');
      expect(reply.from).toEqual(peer.address);

      await client.release();
    }
  });

  test('coturn refuses a wrong password, and a username changed to another member, with 401', async () => {
    const { config } = await memberVoiceConfig();
    const [turn] = config.iceServers;
    const url = turn?.urls[0];
    if (!turn?.username || !turn.credential || !url) throw new Error('no TURN credentials');

    const first = turn.credential.startsWith('A') ? 'B' : 'A';
    const wrongPassword = `${first}${turn.credential.slice(1)}`;
    expect(wrongPassword).not.toBe(turn.credential);
    expect(await allocationError(await turnClient(url), turn.username, wrongPassword)).toBe(401);

    const [expiry] = turn.username.split(':');
    const otherMember = `${String(expiry)}:someone-else-1234`;
    expect(await allocationError(await turnClient(url), otherMember, turn.credential)).toBe(401);

    // The right pair still works after the refusals.
    const allocation = await (await turnClient(url)).allocate(turn.username, turn.credential);
    expect(allocation.relayed.address).toBe('127.0.0.1');
  });

  test('coturn refuses credentials whose lifetime has run out', async () => {
    const { memberId, config } = await memberVoiceConfig();
    const url = config.iceServers[0]?.urls[0];
    if (!url) throw new Error('no TURN URL');
    // Correctly signed, but issued 20 minutes ago for 10 minutes.
    const expired = issueTurnCredentials({
      secret: coturn().secret,
      memberId,
      ttlS: 600,
      nowMs: Date.now() - 20 * 60_000,
    });
    expect(await allocationError(await turnClient(url), expired.username, expired.credential)).toBe(
      401,
    );
  });
});
