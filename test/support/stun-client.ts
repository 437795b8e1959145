/**
 * A minimal STUN/TURN client (RFC 8489 messages, RFC 8656 allocations), just enough to prove
 * that a real TURN server accepts the credentials Engawa hands out and relays with them:
 * Allocate with the long-term credential mechanism, CreatePermission, Send and Data
 * indications, and Refresh to let the allocation go. Over UDP (with retransmission, as the RFC
 * asks for) or TCP (length-framed).
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { connect as connectTcp, type Socket as TcpSocket } from 'node:net';

const MAGIC_COOKIE = 0x2112a442;
const HEADER_BYTES = 20;

export const StunMethod = {
  Binding: 0x001,
  Allocate: 0x003,
  Refresh: 0x004,
  Send: 0x006,
  Data: 0x007,
  CreatePermission: 0x008,
} as const;

const StunClass = { Request: 0x000, Indication: 0x010, Success: 0x100, Error: 0x110 } as const;
type StunClassValue = (typeof StunClass)[keyof typeof StunClass];

export const Attr = {
  Username: 0x0006,
  MessageIntegrity: 0x0008,
  ErrorCode: 0x0009,
  Lifetime: 0x000d,
  XorPeerAddress: 0x0012,
  Data: 0x0013,
  Realm: 0x0014,
  Nonce: 0x0015,
  XorRelayedAddress: 0x0016,
  RequestedTransport: 0x0019,
  XorMappedAddress: 0x0020,
} as const;

export interface Address {
  address: string;
  port: number;
}

export interface StunMessage {
  method: number;
  cls: StunClassValue;
  transactionId: Buffer;
  attributes: { type: number; value: Buffer }[];
  /** The bytes as received, for checking MESSAGE-INTEGRITY. */
  raw: Buffer;
}

// ---------------------------------------------------------------------------------------------
// Encoding
// ---------------------------------------------------------------------------------------------

function messageType(method: number, cls: StunClassValue): number {
  // The class bits sit between the method bits (RFC 8489 §5): M11–M7 C1 M6–M4 C0 M3–M0.
  return (method & 0x000f) | ((method & 0x0070) << 1) | ((method & 0x0f80) << 2) | cls;
}

function attribute(type: number, value: Buffer): Buffer {
  const padded = Buffer.alloc(4 + Math.ceil(value.length / 4) * 4);
  padded.writeUInt16BE(type, 0);
  padded.writeUInt16BE(value.length, 2);
  value.copy(padded, 4);
  return padded;
}

function header(type: number, length: number, transactionId: Buffer): Buffer {
  const head = Buffer.alloc(HEADER_BYTES);
  head.writeUInt16BE(type, 0);
  head.writeUInt16BE(length, 2);
  head.writeUInt32BE(MAGIC_COOKIE, 4);
  transactionId.copy(head, 8);
  return head;
}

/** The long-term credential key: MD5(username ":" realm ":" password). */
export function longTermKey(username: string, realm: string, password: string): Buffer {
  return createHash('md5').update(`${username}:${realm}:${password}`).digest();
}

export function encode(
  method: number,
  cls: StunClassValue,
  attributes: { type: number; value: Buffer }[],
  options: { key?: Buffer; transactionId?: Buffer } = {},
): Buffer {
  const transactionId = options.transactionId ?? randomBytes(12);
  const body = Buffer.concat(attributes.map((a) => attribute(a.type, a.value)));
  const type = messageType(method, cls);
  if (!options.key) return Buffer.concat([header(type, body.length, transactionId), body]);
  // MESSAGE-INTEGRITY covers everything before it, with the length already counting it.
  const signed = Buffer.concat([header(type, body.length + 24, transactionId), body]);
  const hmac = createHmac('sha1', options.key).update(signed).digest();
  return Buffer.concat([signed, attribute(Attr.MessageIntegrity, hmac)]);
}

export function decode(raw: Buffer): StunMessage {
  if (raw.length < HEADER_BYTES || raw.readUInt32BE(4) !== MAGIC_COOKIE) {
    throw new Error('not a STUN message');
  }
  const type = raw.readUInt16BE(0);
  const length = raw.readUInt16BE(2);
  const method = (type & 0x000f) | ((type & 0x00e0) >> 1) | ((type & 0x3e00) >> 2);
  const cls = (type & 0x0110) as StunClassValue;
  const attributes: StunMessage['attributes'] = [];
  let offset = HEADER_BYTES;
  while (offset + 4 <= HEADER_BYTES + length) {
    const attrType = raw.readUInt16BE(offset);
    const attrLength = raw.readUInt16BE(offset + 2);
    attributes.push({ type: attrType, value: raw.subarray(offset + 4, offset + 4 + attrLength) });
    offset += 4 + Math.ceil(attrLength / 4) * 4;
  }
  return {
    method,
    cls,
    transactionId: raw.subarray(8, 20),
    attributes,
    raw: raw.subarray(0, HEADER_BYTES + length),
  };
}

export function attr(message: StunMessage, type: number): Buffer | undefined {
  return message.attributes.find((a) => a.type === type)?.value;
}

export function errorCode(message: StunMessage): number | undefined {
  const value = attr(message, Attr.ErrorCode);
  if (!value || value.length < 4) return undefined;
  return (value[2] ?? 0) * 100 + (value[3] ?? 0);
}

/** Whether the message's MESSAGE-INTEGRITY was made with `key`. */
export function integrityMatches(message: StunMessage, key: Buffer): boolean {
  let offset = HEADER_BYTES;
  const raw = message.raw;
  while (offset + 4 <= raw.length) {
    const type = raw.readUInt16BE(offset);
    const length = raw.readUInt16BE(offset + 2);
    if (type === Attr.MessageIntegrity) {
      const signed = Buffer.from(raw.subarray(0, offset));
      signed.writeUInt16BE(offset + 24 - HEADER_BYTES, 2);
      const expected = createHmac('sha1', key).update(signed).digest();
      return expected.equals(raw.subarray(offset + 4, offset + 4 + length));
    }
    offset += 4 + Math.ceil(length / 4) * 4;
  }
  return false;
}

export function xorAddress(address: Address): Buffer {
  const parts = address.address.split('.').map(Number);
  if (parts.length !== 4) throw new Error('only IPv4 is needed here');
  const value = Buffer.alloc(8);
  value.writeUInt8(0x01, 1);
  value.writeUInt16BE(address.port ^ (MAGIC_COOKIE >>> 16), 2);
  value.writeUInt32BE((Buffer.from(parts).readUInt32BE(0) ^ MAGIC_COOKIE) >>> 0, 4);
  return value;
}

export function readXorAddress(value: Buffer | undefined): Address | undefined {
  if (!value || value.length < 8 || value[1] !== 0x01) return undefined;
  const port = value.readUInt16BE(2) ^ (MAGIC_COOKIE >>> 16);
  const ip = Buffer.alloc(4);
  ip.writeUInt32BE((value.readUInt32BE(4) ^ MAGIC_COOKIE) >>> 0, 0);
  return { address: [...ip].join('.'), port };
}

// ---------------------------------------------------------------------------------------------
// Transports
// ---------------------------------------------------------------------------------------------

interface Transport {
  send(message: Buffer): void;
  /** UDP may lose datagrams and needs retransmission; TCP does not. */
  readonly reliable: boolean;
  onMessage(listener: (message: Buffer) => void): void;
  close(): Promise<void>;
}

function udpTransport(server: Address): Promise<Transport> {
  const socket: UdpSocket = createSocket('udp4');
  const listeners: ((message: Buffer) => void)[] = [];
  socket.on('message', (message) => {
    for (const listener of listeners) listener(message);
  });
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      socket.off('error', reject);
      resolve({
        reliable: false,
        send: (message) => {
          socket.send(message, server.port, server.address);
        },
        onMessage: (listener) => listeners.push(listener),
        close: () =>
          new Promise<void>((done) => {
            socket.close(() => {
              done();
            });
          }),
      });
    });
  });
}

function tcpTransport(server: Address): Promise<Transport> {
  const listeners: ((message: Buffer) => void)[] = [];
  let pending = Buffer.alloc(0);
  return new Promise((resolve, reject) => {
    const socket: TcpSocket = connectTcp(server.port, server.address);
    socket.once('error', reject);
    socket.on('data', (chunk: Buffer) => {
      // Messages follow each other on the stream; each says its own length.
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= HEADER_BYTES) {
        const total = HEADER_BYTES + pending.readUInt16BE(2);
        if (pending.length < total) break;
        const message = pending.subarray(0, total);
        pending = pending.subarray(total);
        for (const listener of listeners) listener(message);
      }
    });
    socket.once('connect', () => {
      socket.off('error', reject);
      socket.on('error', () => undefined);
      resolve({
        reliable: true,
        send: (message) => {
          socket.write(message);
        },
        onMessage: (listener) => listeners.push(listener),
        close: () =>
          new Promise<void>((done) => {
            if (socket.destroyed) {
              done();
              return;
            }
            socket.once('close', () => {
              done();
            });
            socket.destroy();
          }),
      });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Client
// ---------------------------------------------------------------------------------------------

export interface Allocation {
  relayed: Address;
  mapped: Address | undefined;
  lifetimeS: number;
}

/** Thrown when the server answers with an error response. */
export class StunErrorResponse extends Error {
  constructor(
    readonly code: number | undefined,
    readonly response: StunMessage,
  ) {
    super(`STUN error response ${String(code)}`);
    this.name = 'StunErrorResponse';
  }
}

export class TurnClient {
  private realm = '';
  private username = '';
  private nonce: Buffer = Buffer.alloc(0);
  private key: Buffer | undefined;
  private readonly waiting = new Map<string, (message: StunMessage) => void>();
  private readonly indications: ((message: StunMessage) => void)[] = [];

  private constructor(
    private readonly transport: Transport,
    private readonly timeoutMs: number,
  ) {
    transport.onMessage((raw) => {
      let message: StunMessage;
      try {
        message = decode(raw);
      } catch {
        return;
      }
      if (message.cls === StunClass.Indication) {
        for (const listener of this.indications) listener(message);
        return;
      }
      this.waiting.get(message.transactionId.toString('hex'))?.(message);
    });
  }

  static async connect(
    server: Address,
    transport: 'udp' | 'tcp',
    timeoutMs = 3_000,
  ): Promise<TurnClient> {
    const t = transport === 'udp' ? await udpTransport(server) : await tcpTransport(server);
    return new TurnClient(t, timeoutMs);
  }

  /** Sends a request and resolves with its response, retransmitting over UDP (RFC 8489 §6.2.1). */
  request(message: Buffer): Promise<StunMessage> {
    const id = decode(message).transactionId.toString('hex');
    return new Promise((resolve, reject) => {
      let retransmit: NodeJS.Timeout | undefined;
      let interval = 100;
      const send = () => {
        this.transport.send(message);
        if (this.transport.reliable) return;
        retransmit = setTimeout(send, interval);
        interval *= 2;
      };
      const deadline = setTimeout(() => {
        finish();
        reject(new Error(`no STUN response within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      const finish = () => {
        clearTimeout(deadline);
        clearTimeout(retransmit);
        this.waiting.delete(id);
      };
      this.waiting.set(id, (response) => {
        finish();
        resolve(response);
      });
      send();
    });
  }

  /**
   * Allocates a UDP relay with the long-term credentials: the first, unauthenticated request is
   * answered 401 with the realm and a nonce, the second carries them and MESSAGE-INTEGRITY.
   * The success response must itself be signed with the same key.
   */
  async allocate(username: string, password: string): Promise<Allocation> {
    const transport = Buffer.from([17, 0, 0, 0]); // UDP
    const challenge = await this.request(
      encode(StunMethod.Allocate, StunClass.Request, [
        { type: Attr.RequestedTransport, value: transport },
      ]),
    );
    if (errorCode(challenge) !== 401) throw new StunErrorResponse(errorCode(challenge), challenge);
    this.realm = attr(challenge, Attr.Realm)?.toString('utf8') ?? '';
    this.nonce = Buffer.from(attr(challenge, Attr.Nonce) ?? Buffer.alloc(0));
    const key = longTermKey(username, this.realm, password);
    this.key = key;
    this.username = username;
    const response = await this.authenticated(StunMethod.Allocate, [
      { type: Attr.RequestedTransport, value: transport },
    ]);
    if (!integrityMatches(response, key)) {
      throw new Error('the Allocate response was not signed with our key');
    }
    const relayed = readXorAddress(attr(response, Attr.XorRelayedAddress));
    if (!relayed) throw new Error('the Allocate response names no relayed address');
    return {
      relayed,
      mapped: readXorAddress(attr(response, Attr.XorMappedAddress)),
      lifetimeS: attr(response, Attr.Lifetime)?.readUInt32BE(0) ?? 0,
    };
  }

  /** A request with USERNAME, REALM, NONCE and MESSAGE-INTEGRITY; error responses throw. */
  async authenticated(
    method: number,
    attributes: { type: number; value: Buffer }[],
  ): Promise<StunMessage> {
    if (!this.key) throw new Error('allocate first');
    const response = await this.request(
      encode(
        method,
        StunClass.Request,
        [
          ...attributes,
          { type: Attr.Username, value: Buffer.from(this.username, 'utf8') },
          { type: Attr.Realm, value: Buffer.from(this.realm, 'utf8') },
          { type: Attr.Nonce, value: this.nonce },
        ],
        { key: this.key },
      ),
    );
    if (response.cls !== StunClass.Success) {
      throw new StunErrorResponse(errorCode(response), response);
    }
    return response;
  }

  /** Lets `peer` send to the relayed address (RFC 8656 §9). */
  async createPermission(peer: Address): Promise<void> {
    await this.authenticated(StunMethod.CreatePermission, [
      { type: Attr.XorPeerAddress, value: xorAddress(peer) },
    ]);
  }

  /** Sends `data` to `peer` from the relayed address. Indications are not answered. */
  sendIndication(peer: Address, data: Buffer): void {
    this.transport.send(
      encode(StunMethod.Send, StunClass.Indication, [
        { type: Attr.XorPeerAddress, value: xorAddress(peer) },
        { type: Attr.Data, value: data },
      ]),
    );
  }

  /** Resolves with the next Data indication: what a peer sent to the relayed address. */
  nextData(timeoutMs = this.timeoutMs): Promise<{ from: Address | undefined; data: Buffer }> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        remove();
        reject(new Error(`no Data indication within ${timeoutMs} ms`));
      }, timeoutMs);
      const listener = (message: StunMessage) => {
        if (message.method !== StunMethod.Data) return;
        remove();
        resolve({
          from: readXorAddress(attr(message, Attr.XorPeerAddress)),
          data: Buffer.from(attr(message, Attr.Data) ?? Buffer.alloc(0)),
        });
      };
      const remove = () => {
        clearTimeout(timer);
        const index = this.indications.indexOf(listener);
        if (index >= 0) this.indications.splice(index, 1);
      };
      this.indications.push(listener);
    });
  }

  /** Ends the allocation (Refresh with LIFETIME 0). */
  async release(): Promise<void> {
    await this.authenticated(StunMethod.Refresh, [
      { type: Attr.Lifetime, value: Buffer.from([0, 0, 0, 0]) },
    ]);
  }

  async close(): Promise<void> {
    await this.transport.close();
  }
}
