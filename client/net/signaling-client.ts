import { io, type Socket } from 'socket.io-client';
import type { Ack, AckCallback } from '../../shared/protocol/ack';
import { ErrorCode, isErrorCode } from '../../shared/protocol/errors';
import type {
  ClientEventName,
  ClientToServerEvents,
  ServerToClientEvents,
} from '../../shared/protocol/events';
import { PROTOCOL_VERSION } from '../../shared/protocol/version';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

type InputOf<E extends ClientEventName> = Parameters<ClientToServerEvents[E]>[0];
type DataOf<E extends ClientEventName> =
  Parameters<ClientToServerEvents[E]>[1] extends AckCallback<infer T> ? T : never;

const REQUEST_TIMEOUT_MS = 10_000;

/** The page's one connection to the signaling server, with typed request/acknowledge calls. */
export class SignalingClient {
  readonly socket: ClientSocket;

  constructor(url?: string) {
    const options = {
      auth: { protocolVersion: PROTOCOL_VERSION },
      transports: ['websocket', 'polling'],
    };
    this.socket = url === undefined ? io(options) : io(url, options);
  }

  /** Sends a request and resolves with its acknowledgement; never rejects. */
  async request<E extends ClientEventName>(event: E, input: InputOf<E>): Promise<Ack<DataOf<E>>> {
    // The typed emitWithAck cannot be called with a generic event name; the maps still check
    // `input` and the result at this method's signature.
    const untyped = this.socket.timeout(REQUEST_TIMEOUT_MS) as unknown as {
      emitWithAck(ev: string, payload: unknown): Promise<Ack<DataOf<E>>>;
    };
    try {
      return await untyped.emitWithAck(event, input);
    } catch {
      return { ok: false, error: { code: ErrorCode.ConnectionLost } };
    }
  }

  /** The error code carried by a refused handshake, if the server sent one. */
  static handshakeErrorCode(error: Error): ErrorCode | undefined {
    const data = (error as Error & { data?: { code?: unknown } }).data;
    return isErrorCode(data?.code) ? data.code : undefined;
  }

  dispose(): void {
    this.socket.removeAllListeners();
    this.socket.disconnect();
  }
}
