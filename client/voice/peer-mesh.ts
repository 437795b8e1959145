import type { Scheduler } from '../../shared/time/time';
import type { MemberView } from '../../shared/circle/views';
import type { SignalPayload } from '../../shared/protocol/schemas';
import type { LinkSignal, PeerLink, PeerLinkFactory } from './peer-link';

/** What decides which side of a pair starts it. */
export interface Arrival {
  id: string;
  /** `MemberView.arrival`; undefined if not known (the ids decide). */
  arrival: number | undefined;
}

/**
 * Exactly one side of each pair starts the connection, so two offers never cross: the later
 * arrival. A newcomer then offers to everyone the moment voice starts, and each member already
 * in the circle only answers, which is one step fewer on their side (often a busier machine).
 */
export function startsConnection(self: Arrival, other: Arrival): boolean {
  if (self.arrival !== undefined && other.arrival !== undefined && self.arrival !== other.arrival) {
    return self.arrival > other.arrival;
  }
  return self.id < other.id;
}

export interface PeerMeshOptions {
  selfId: string;
  factory: PeerLinkFactory;
  send(to: string, signal: SignalPayload): void;
  config: RTCConfiguration;
  stream: MediaStream | undefined;
  newConnId(): string;
  now(): number;
  scheduler: Scheduler;
  onStream(memberId: string, stream: MediaStream): void;
  onPeerClosed(memberId: string): void;
  onPeerConnected?(memberId: string): void;
  onData?(memberId: string, bytes: Uint8Array): void;
}

interface Peer {
  conn: string;
  link: PeerLink;
  createdAt: number;
  /** The other side answered this link's offer: it is theirs too, and on its way. */
  answered: boolean;
  connected: boolean;
  connectTimer: unknown;
}

/** A link that has not connected by then is replaced. */
const CONNECT_TIMEOUT_MS = 12_000;
/** A reconnect request this soon after starting a link is already answered by that link. */
const FRESH_LINK_MS = 1_500;
/**
 * Signals from someone not yet in the member list are kept this long: a newcomer's offer can
 * arrive before the circle's update that names them. Bounded, since nothing else limits them.
 */
const EARLY_SIGNAL_MS = 10_000;
const EARLY_SENDERS_MAX = 16;
const EARLY_SIGNALS_MAX = 64;
const RETRY_MS = [500, 1_000, 2_000, 4_000, 8_000] as const;

/**
 * The full mesh: one peer link per other connected member. It follows the member list the
 * server sends, and recovers a failed link by starting a new one, with a new connection id so
 * late signals for the old one are dropped on both sides.
 */
export class PeerMesh {
  private readonly peers = new Map<string, Peer>();
  private readonly members = new Set<string>();
  private readonly arrivals = new Map<string, number>();
  private readonly early = new Map<string, { at: number; signals: SignalPayload[] }>();
  private readonly retries = new Map<string, { attempt: number; timer: unknown }>();
  /** Members who start their pair with us: if no offer comes by then, greet them again. */
  private readonly awaitingOffer = new Map<string, unknown>();
  private disposed = false;
  /** Members were listed once: anyone listed later has just arrived and offers by themselves. */
  private listed = false;
  /**
   * False while this page is not seated in the circle on its current connection (the socket
   * dropped, or came back and has not resumed yet). The server refuses signals then, so none
   * is sent, and whatever was being negotiated is started again once the page is back.
   */
  private online = true;

  private config: RTCConfiguration;

  constructor(private readonly options: PeerMeshOptions) {
    this.config = options.config;
  }

  /** New links use these ICE servers; links already up keep theirs (TURN allocations outlive
   * the credentials that opened them). */
  setConfig(config: RTCConfiguration): void {
    this.config = config;
  }

  /** Opens links to members who are present and connected; closes links to everyone else. */
  setMembers(members: readonly MemberView[]): void {
    if (this.disposed) return;
    this.arrivals.clear();
    for (const m of members) this.arrivals.set(m.id, m.arrival);
    const present = new Set(
      members.filter((m) => m.connected && m.id !== this.options.selfId).map((m) => m.id),
    );
    for (const id of [...this.members]) {
      if (!present.has(id)) {
        this.members.delete(id);
        this.drop(id);
        this.cancelRetry(id);
      }
    }
    // A page that just started asks those who start its pairs for an offer; later, someone new
    // in the list has just arrived (or come back) and starts the pairs it should by itself.
    const greet = !this.listed;
    this.listed = true;
    for (const id of present) {
      if (this.members.has(id)) continue;
      this.members.add(id);
      // An offer that came first is followed; asking for one again would only add a round.
      this.replayEarly(id);
      if (!this.peers.has(id)) this.start(id, greet);
    }
  }

  /**
   * Whether this page is seated in the circle on its current connection. Coming back, every
   * pair that is not connected starts over at once: its signals may have been sent into a
   * connection that was already gone, and waiting for the connect timeout would keep the
   * circle silent for seconds more.
   */
  setOnline(online: boolean): void {
    if (this.disposed || online === this.online) return;
    this.online = online;
    if (!online) return;
    for (const id of this.members) {
      if (this.peers.get(id)?.connected) continue;
      this.cancelRetry(id);
      this.drop(id);
      this.start(id);
    }
  }

  handleSignal(from: string, signal: SignalPayload): void {
    if (this.disposed) return;
    if (!this.members.has(from)) {
      this.keepEarly(from, signal);
      return;
    }
    const current = this.peers.get(from);
    const initiator = this.startsWith(from);
    switch (signal.type) {
      case 'renegotiate':
        // The other side (re)started and asks for an offer. A link it is already answering is
        // left to finish (its connect timeout covers a failure): replacing it would start the
        // pair over on a slow machine again and again. A connected link means it lost ours.
        if (!initiator) return;
        if (
          current &&
          !current.connected &&
          (current.answered || this.options.now() - current.createdAt < FRESH_LINK_MS)
        ) {
          return;
        }
        this.open(from);
        return;
      case 'offer':
        if (initiator || signal.conn === undefined) return;
        this.stopAwaitingOffer(from);
        // A new offer means the other side started over: follow it.
        if (current?.conn !== signal.conn) this.open(from, signal.conn);
        this.peers.get(from)?.link.signal(signal);
        return;
      case 'answer':
      case 'candidate':
        if (!current || current.conn !== signal.conn) return;
        if (signal.type === 'answer') current.answered = true;
        current.link.signal(signal);
        return;
      case 'transceiverRequest':
        return;
    }
  }

  /** Connections for statistics, keyed by member id. */
  connections(): Map<string, RTCPeerConnection> {
    const result = new Map<string, RTCPeerConnection>();
    for (const [id, peer] of this.peers) {
      if (peer.link.connection) result.set(id, peer.link.connection);
    }
    return result;
  }

  /** Sends to every connected member; returns how many it reached. */
  broadcast(bytes: Uint8Array): number {
    let sent = 0;
    for (const peer of this.peers.values()) {
      if (peer.connected && peer.link.send(bytes)) sent++;
    }
    return sent;
  }

  get size(): number {
    return this.peers.size;
  }

  /** True once there is a connected link to every member present. */
  get settled(): boolean {
    return [...this.members].every((id) => this.peers.get(id)?.connected === true);
  }

  dispose(): void {
    this.disposed = true;
    for (const id of [...this.peers.keys()]) this.drop(id);
    for (const id of [...this.retries.keys()]) this.cancelRetry(id);
    for (const id of [...this.awaitingOffer.keys()]) this.stopAwaitingOffer(id);
    this.members.clear();
    this.early.clear();
  }

  /** Whether this side starts the pair with `memberId` (see `startsConnection`). */
  private startsWith(memberId: string): boolean {
    const selfId = this.options.selfId;
    return startsConnection(
      { id: selfId, arrival: this.arrivals.get(selfId) },
      { id: memberId, arrival: this.arrivals.get(memberId) },
    );
  }

  private keepEarly(from: string, signal: SignalPayload): void {
    const now = this.options.now();
    for (const [id, kept] of this.early) {
      if (now - kept.at > EARLY_SIGNAL_MS) this.early.delete(id);
    }
    let kept = this.early.get(from);
    if (!kept) {
      if (this.early.size >= EARLY_SENDERS_MAX) return;
      kept = { at: now, signals: [] };
      this.early.set(from, kept);
    }
    if (kept.signals.length < EARLY_SIGNALS_MAX) kept.signals.push(signal);
  }

  private replayEarly(memberId: string): void {
    const kept = this.early.get(memberId);
    if (!kept) return;
    this.early.delete(memberId);
    if (this.options.now() - kept.at > EARLY_SIGNAL_MS) return;
    for (const signal of kept.signals) this.handleSignal(memberId, signal);
  }

  /**
   * Opens the pair's link, or, where the other side opens it, waits for its offer: asking for
   * one when `greet` (this page just started, or is trying again).
   */
  private start(memberId: string, greet = true): void {
    if (this.startsWith(memberId)) {
      this.open(memberId);
      return;
    }
    // A page that just (re)loaded tells the other side it is here. If no offer comes (the
    // greeting was lost, or the other page was away or busy), nothing else would ever start
    // the pair: ask again.
    if (greet) this.send(memberId, { type: 'renegotiate' });
    this.stopAwaitingOffer(memberId);
    this.awaitingOffer.set(
      memberId,
      this.options.scheduler.set(() => {
        this.awaitingOffer.delete(memberId);
        if (!this.peers.has(memberId)) this.scheduleRetry(memberId);
      }, CONNECT_TIMEOUT_MS),
    );
  }

  private stopAwaitingOffer(memberId: string): void {
    const timer = this.awaitingOffer.get(memberId);
    if (timer === undefined) return;
    this.options.scheduler.clear(timer);
    this.awaitingOffer.delete(memberId);
  }

  private send(to: string, signal: SignalPayload): void {
    if (this.online) this.options.send(to, signal);
  }

  private open(memberId: string, conn = this.options.newConnId()): void {
    this.drop(memberId);
    const isCurrent = () => this.peers.get(memberId)?.conn === conn;
    const link = this.options.factory({
      initiator: this.startsWith(memberId),
      stream: this.options.stream,
      config: this.config,
      events: {
        signal: (signal: LinkSignal) => {
          this.send(memberId, { ...signal, conn });
        },
        stream: (stream) => {
          this.options.onStream(memberId, stream);
        },
        connect: () => {
          const peer = this.peers.get(memberId);
          if (!peer || !isCurrent()) return;
          peer.connected = true;
          this.options.scheduler.clear(peer.connectTimer);
          // A retry still pending (the other side's offer came first) must not replace this.
          this.cancelRetry(memberId);
          this.options.onPeerConnected?.(memberId);
        },
        data: (bytes) => {
          if (isCurrent()) this.options.onData?.(memberId, bytes);
        },
        close: () => {
          if (!isCurrent()) return;
          this.drop(memberId);
          this.scheduleRetry(memberId);
        },
      },
    });
    const connectTimer = this.options.scheduler.set(() => {
      if (!isCurrent() || this.peers.get(memberId)?.connected) return;
      this.drop(memberId);
      this.scheduleRetry(memberId);
    }, CONNECT_TIMEOUT_MS);
    this.peers.set(memberId, {
      conn,
      link,
      createdAt: this.options.now(),
      answered: false,
      connected: false,
      connectTimer,
    });
  }

  private drop(memberId: string): void {
    const peer = this.peers.get(memberId);
    if (!peer) return;
    this.peers.delete(memberId);
    this.options.scheduler.clear(peer.connectTimer);
    peer.link.destroy();
    this.options.onPeerClosed(memberId);
  }

  /** Tries again with growing pauses while the member is still here. */
  private scheduleRetry(memberId: string): void {
    if (this.disposed || !this.members.has(memberId)) return;
    const previous = this.retries.get(memberId);
    if (previous) this.options.scheduler.clear(previous.timer);
    const attempt = previous ? previous.attempt + 1 : 0;
    const delay = RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)] ?? 8_000;
    const timer = this.options.scheduler.set(() => {
      if (this.members.has(memberId)) this.start(memberId);
    }, delay);
    this.retries.set(memberId, { attempt, timer });
  }

  private cancelRetry(memberId: string): void {
    const retry = this.retries.get(memberId);
    if (retry) this.options.scheduler.clear(retry.timer);
    this.retries.delete(memberId);
    this.stopAwaitingOffer(memberId);
  }
}
