import { io, type Socket } from 'socket.io-client';
import type { Ack, AckCallback } from '../../shared/protocol/ack';
import { ErrorCode, isErrorCode } from '../../shared/protocol/errors';
import type { ClientEventName, ClientToServerEvents } from '../../shared/protocol/client-events';
import type { ServerToClientEvents } from '../../shared/protocol/server-events';
import { PROTOCOL_VERSION } from '../../shared/protocol/version';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

type InputOf<E extends ClientEventName> = Parameters<ClientToServerEvents[E]>[0];
type DataOf<E extends ClientEventName> =
  Parameters<ClientToServerEvents[E]>[1] extends AckCallback<infer T> ? T : never;

const REQUEST_TIMEOUT_MS = 10_000;

export interface SignalingClientOptions {
  /** How long an ordinary request waits for its answer. */
  requestTimeoutMs?: number;
}

export interface RequestOptions {
  /**
   * Wait for the answer for as long as the connection lasts, however long that is. For requests
   * that must not be sent twice: a busy page (a long WebGL set-up on a slow computer) may read
   * an answer long after it came, and a retry of a resume that did succeed would be refused.
   */
  untilAnswered?: boolean;
}

/** The page's one connection to the signaling server, with typed request/acknowledge calls. */
export class SignalingClient {
  readonly socket: ClientSocket;
  private readonly requestTimeoutMs: number;

  constructor(url?: string, options: SignalingClientOptions = {}) {
    const socketOptions = {
      auth: { protocolVersion: PROTOCOL_VERSION },
      transports: ['websocket', 'polling'],
    };
    this.socket = url === undefined ? io(socketOptions) : io(url, socketOptions);
    this.requestTimeoutMs = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  }

  /**
   * Sends a request and resolves with its acknowledgement; never rejects. A request that gets
   * no answer in time, or whose connection closes first, resolves as `connection_lost`.
   */
  async request<E extends ClientEventName>(
    event: E,
    input: InputOf<E>,
    options: RequestOptions = {},
  ): Promise<Ack<DataOf<E>>> {
    // The typed emitWithAck cannot be called with a generic event name; the maps still check
    // `input` and the result at this method's signature. Without a timeout, socket.io still
    // rejects a pending request when the connection closes.
    const emitter = options.untilAnswered
      ? this.socket
      : this.socket.timeout(this.requestTimeoutMs);
    const untyped = emitter as unknown as {
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
