import SimplePeer from 'simple-peer';
import { preferOpusDtx } from './opus-dtx';
import type { LinkSignal, PeerLink, PeerLinkFactory, PeerLinkOptions } from './peer-link';

interface SimplePeerSignal {
  type?: string;
  sdp?: string;
  candidate?: RTCIceCandidateInit;
}

/** Keeps only the signals our protocol carries; simple-peer's renegotiation requests are unused. */
function toLinkSignal(data: SimplePeerSignal): LinkSignal | undefined {
  if ((data.type === 'offer' || data.type === 'answer') && typeof data.sdp === 'string') {
    return { type: data.type, sdp: data.sdp };
  }
  if (data.candidate) {
    const c = data.candidate;
    return {
      type: 'candidate',
      candidate: {
        candidate: c.candidate ?? '',
        sdpMid: c.sdpMid ?? null,
        sdpMLineIndex: c.sdpMLineIndex ?? null,
      },
    };
  }
  return undefined;
}

function toSimplePeerSignal(signal: LinkSignal): SimplePeer.SignalData {
  switch (signal.type) {
    case 'offer':
    case 'answer':
      return { type: signal.type, sdp: signal.sdp };
    case 'candidate':
      return {
        type: 'candidate',
        // simple-peer's types ask for a full RTCIceCandidate; it only reads these init fields.
        candidate: {
          candidate: signal.candidate.candidate,
          sdpMid: signal.candidate.sdpMid ?? null,
          sdpMLineIndex: signal.candidate.sdpMLineIndex ?? null,
        } as unknown as RTCIceCandidate,
      };
  }
}

/**
 * simple-peer makes its connection with `new wrtc.RTCPeerConnection(config)`. A constructor
 * that returns an object makes `new` give that object, so the link can use one made ahead.
 */
function connectionsFrom(make: (config: RTCConfiguration) => RTCPeerConnection) {
  function MadeAhead(config: RTCConfiguration): RTCPeerConnection {
    return make(config);
  }
  return {
    // Typed as the class simple-peer expects; only `new` with one argument is ever used.
    RTCPeerConnection: MadeAhead as unknown as typeof RTCPeerConnection,
    RTCSessionDescription: globalThis.RTCSessionDescription,
    RTCIceCandidate: globalThis.RTCIceCandidate,
  };
}

/** A channel this backed up means a congested link: skip frames rather than queue stale ones. */
const MAX_BUFFERED_BYTES = 16 * 1024;

class SimplePeerLink implements PeerLink {
  private readonly peer: SimplePeer.Instance;
  private closed = false;

  constructor(options: PeerLinkOptions) {
    const { events } = options;
    this.peer = new SimplePeer({
      initiator: options.initiator,
      trickle: true,
      config: options.config,
      ...(options.stream ? { stream: options.stream } : {}),
      // Without a local microphone we still want to receive everyone else's voice.
      offerOptions: { offerToReceiveAudio: true },
      // Poses are superseded 25 times a second: a late one is worse than a lost one.
      channelConfig: { ordered: false, maxRetransmits: 0 },
      // Silent listeners send almost nothing (see preferOpusDtx).
      sdpTransform: preferOpusDtx,
      ...(options.makeConnection ? { wrtc: connectionsFrom(options.makeConnection) } : {}),
    });
    this.peer.on('signal', (data: SimplePeerSignal) => {
      const signal = toLinkSignal(data);
      if (signal) events.signal(signal);
    });
    this.peer.on('stream', (stream: MediaStream) => {
      events.stream(stream);
    });
    this.peer.on('connect', () => {
      events.connect();
    });
    this.peer.on('data', (data: Uint8Array) => {
      events.data(data);
    });
    this.peer.on('error', () => {
      this.finish(events, 'failed');
    });
    this.peer.on('close', () => {
      this.finish(events, 'closed');
    });
  }

  get connection(): RTCPeerConnection | undefined {
    return (this.peer as unknown as { _pc?: RTCPeerConnection })._pc;
  }

  send(bytes: Uint8Array): boolean {
    const channel = (this.peer as unknown as { _channel?: RTCDataChannel })._channel;
    if (this.closed || !this.peer.connected || channel?.readyState !== 'open') return false;
    if (channel.bufferedAmount > MAX_BUFFERED_BYTES) return false;
    this.peer.send(bytes);
    return true;
  }

  signal(signal: LinkSignal): void {
    if (!this.closed) this.peer.signal(toSimplePeerSignal(signal));
  }

  destroy(): void {
    this.closed = true;
    this.peer.removeAllListeners();
    this.peer.destroy();
  }

  private finish(events: PeerLinkOptions['events'], reason: 'closed' | 'failed'): void {
    if (this.closed) return;
    this.closed = true;
    events.close(reason);
  }
}

export const createSimplePeerLink: PeerLinkFactory = (options) => new SimplePeerLink(options);
