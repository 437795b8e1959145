import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { SignalingClient } from '../../../../client/net/signaling-client';

/**
 * A page busy for longer than a request's timeout reads its answers late. A resume must still
 * take its answer then: sent again, it would be refused, leaving a page that looks seated but
 * whose signals the server refuses, its links stuck in "new".
 */
describe('SignalingClient', () => {
  let io: Server;
  let url: string;
  let client: SignalingClient | undefined;
  /** Answers the server holds back until the test releases them. */
  const held: (() => void)[] = [];

  beforeEach(async () => {
    const http = createServer();
    io = new Server(http);
    io.on('connection', (socket) => {
      socket.onAny((_event: string, _input: unknown, ack: (result: unknown) => void) => {
        held.push(() => {
          ack({ ok: true, data: null });
        });
      });
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    client?.dispose();
    held.length = 0;
    await io.close();
  });

  async function connected(): Promise<SignalingClient> {
    const c = new SignalingClient(url, { requestTimeoutMs: 50 });
    client = c;
    await new Promise<void>((resolve) => c.socket.once('connect', resolve));
    return c;
  }

  async function untilHeld(count: number): Promise<void> {
    while (held.length < count) await new Promise((resolve) => setImmediate(resolve));
  }

  it('gives up on an ordinary request that is not answered in time', async () => {
    const c = await connected();
    await expect(c.request('voice:config', {})).resolves.toEqual({
      ok: false,
      error: { code: 'connection_lost' },
    });
  });

  it('waits for a resume as long as the connection lasts, however late the answer', async () => {
    const c = await connected();
    const resumed = c.request(
      'circle:resume',
      { code: 'ABCD-EFGH-JKM', resumeToken: 'token-token-token' },
      { untilAnswered: true },
    );
    const ordinary = c.request('voice:config', {});
    await untilHeld(2);
    // Well past the ordinary timeout: the ordinary request has given up by now.
    await expect(ordinary).resolves.toMatchObject({ ok: false });
    for (const answer of held) answer();
    await expect(resumed).resolves.toEqual({ ok: true, data: null });
  });

  it('still settles a resume whose connection closes before the answer', async () => {
    const c = await connected();
    const resumed = c.request(
      'circle:resume',
      { code: 'ABCD-EFGH-JKM', resumeToken: 'token-token-token' },
      { untilAnswered: true },
    );
    await untilHeld(1);
    io.disconnectSockets(true);
    await expect(resumed).resolves.toEqual({ ok: false, error: { code: 'connection_lost' } });
  });
});
