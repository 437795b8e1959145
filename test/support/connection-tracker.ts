/**
 * An HTTP agent that keeps every connection it opens until that connection has closed, so a
 * harness can wait for its clients' sockets to be gone rather than only asked to close: a
 * jest worker exits only once nothing is left alive, and is killed otherwise.
 */
import { Agent, type ClientRequestArgs } from 'node:http';
import type { Duplex } from 'node:stream';

export class ConnectionTracker extends Agent {
  private readonly open = new Set<Duplex>();

  override createConnection(
    options: ClientRequestArgs,
    callback?: (err: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    const connection = super.createConnection(options, callback);
    if (connection) {
      this.open.add(connection);
      connection.once('close', () => {
        this.open.delete(connection);
      });
    }
    return connection;
  }

  /**
   * Resolves once every connection opened so far has closed. Any still open after `timeoutMs`
   * is destroyed, so this never waits much longer than that.
   */
  async allClosed(timeoutMs: number): Promise<void> {
    const open = [...this.open];
    if (open.length === 0) return;
    const closed = open.map(
      (connection) =>
        new Promise<void>((resolve) => {
          connection.once('close', () => {
            resolve();
          });
        }),
    );
    const timer = setTimeout(() => {
      for (const connection of open) connection.destroy();
    }, timeoutMs);
    await Promise.all(closed);
    clearTimeout(timer);
  }
}
