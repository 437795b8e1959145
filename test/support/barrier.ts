import { expectOk, request, type TestSocket } from './server-harness';

/**
 * Resolves once `socket` is answered a request sent after everything the server had already
 * sent it. Socket.IO keeps order per connection, so nothing sent before is still on its way:
 * a log checked after this is complete.
 */
export async function barrier(socket: TestSocket): Promise<void> {
  expectOk(await request(socket, 'server:features', {}));
}
