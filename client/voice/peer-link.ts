import type { SignalPayload } from '../../shared/protocol/schemas';

/** The signals a peer link exchanges; mesh control messages never reach a link. */
export type LinkSignal = Extract<SignalPayload, { type: 'offer' | 'answer' | 'candidate' }>;

export interface PeerLinkEvents {
  signal(signal: LinkSignal): void;
  stream(stream: MediaStream): void;
  connect(): void;
  /** A message on the link's unordered, unreliable data channel (poses). */
  data(bytes: Uint8Array): void;
  /** The link is finished: closed by either side or failed. Fired once. */
  close(reason: 'closed' | 'failed'): void;
}

/**
 * One WebRTC connection to one other member. Our own small interface, so the library behind it
 * (simple-peer today) can be replaced without touching the mesh.
 */
export interface PeerLink {
  signal(signal: LinkSignal): void;
  /** The underlying connection, for statistics. */
  readonly connection: RTCPeerConnection | undefined;
  /**
   * Sends on the data channel if it is open and not backed up; returns whether it was sent.
   * Dropping is right for poses: a newer one follows within 50 ms.
   */
  send(bytes: Uint8Array): boolean;
  destroy(): void;
}

export interface PeerLinkOptions {
  initiator: boolean;
  stream: MediaStream | undefined;
  config: RTCConfiguration;
  events: PeerLinkEvents;
  /** Where the link's connection comes from (a spare made ahead); otherwise a new one. */
  makeConnection?: (config: RTCConfiguration) => RTCPeerConnection;
}

export type PeerLinkFactory = (options: PeerLinkOptions) => PeerLink;
