/**
 * A load balancer's front in miniature: one address whose TCP connections are passed whole to
 * one of several nodes, as a reverse proxy or an L4 balancer would pass them (WebSocket upgrades
 * included, since nothing is parsed). A node that refuses a connection is skipped, so a killed
 * node's clients find a live one through the same URL, as they would in production.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface TcpFront {
  /** The one URL every page uses. */
  url: string;
  /** Where node `index` listens now (a restarted node has a new port). */
  setNode(index: number, url: string): void;
  /** New connections go to this node while it accepts them; any live node otherwise. */
  prefer(index: number): void;
  close(): Promise<void>;
}

const portOf = (url: string): number => Number(new URL(url).port);

export async function startTcpFront(nodeUrls: string[]): Promise<TcpFront> {
  const ports = nodeUrls.map(portOf);
  let preferred = 0;
  const open = new Set<Socket>();

  /** Tries the preferred node first, then the others in order, until one accepts. */
  const pass = (client: Socket, order: number[]): void => {
    const [index, ...rest] = order;
    const port = index === undefined ? undefined : ports[index];
    if (port === undefined) {
      client.destroy();
      return;
    }
    const upstream = connect(port, '127.0.0.1');
    open.add(upstream);
    upstream.once('close', () => open.delete(upstream));
    let connected = false;
    upstream.on('error', () => {
      // Refused: nothing has been passed yet and the client has not noticed, so try the next.
      if (!connected) pass(client, rest);
      else client.destroy();
    });
    upstream.once('connect', () => {
      connected = true;
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
      client.once('close', () => upstream.destroy());
      client.once('error', () => upstream.destroy());
      upstream.once('close', () => client.destroy());
    });
  };

  const server: Server = createServer({ pauseOnConnect: true }, (client) => {
    open.add(client);
    client.once('close', () => open.delete(client));
    const order = [preferred, ...ports.map((_, i) => i).filter((i) => i !== preferred)];
    pass(client, order);
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      resolve((server.address() as { port: number }).port);
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    setNode: (index, url) => {
      ports[index] = portOf(url);
    },
    prefer: (index) => {
      preferred = index;
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => {
          resolve();
        });
      }),
  };
}
