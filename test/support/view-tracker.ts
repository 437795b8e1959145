/**
 * Keeps, for each test socket, the circle view its deltas add up to, as a page does: the whole
 * view from an answer (create, resume, sync), then `circle:delta` after `circle:delta`, asking
 * `circle:sync` when one is missing. Each view it reaches is raised on the socket as the
 * harness's own `circle:state` event, so tests read whole views while every one of them is
 * rebuilt from what the server really sent. A host's waiting list is followed the same way,
 * from `waiting:delta`s, and raised as `waiting:state`.
 */
import type { Socket } from 'socket.io-client';
import {
  applyCircleDelta,
  type CircleDelta,
  type DeltaOutcome,
} from '../../shared/circle/circle-delta';
import { applyWaitingDelta, type WaitingDelta } from '../../shared/circle/waiting-delta';
import type {
  CircleView,
  EnteredCircle,
  WaitingList,
  WaitingView,
} from '../../shared/circle/views';
import {
  unpackCircleView,
  unpackDelta,
  unpackEntered,
  type PackedCircleView,
  type PackedEnteredCircle,
} from '../../shared/circle/wire-views';
import type { Ack } from '../../shared/protocol/ack';
import type { ClientToServerEvents } from '../../shared/protocol/client-events';
import type { ServerToClientEvents } from '../../shared/protocol/server-events';

/** What a test socket hears: the server's events, and the views the harness rebuilt. */
export type TestServerEvents = ServerToClientEvents & {
  'circle:state': (circle: CircleView) => void;
  /** A host's waiting list, whole, each time it changed. */
  'waiting:state': (waiting: WaitingView[]) => void;
};

type AnySocket = Socket<TestServerEvents, ClientToServerEvents>;

interface LocalEmitter {
  emitReserved(event: string, ...args: unknown[]): void;
}

/** Views as tests read them: members whole, as a page unpacks them. */
type Unpacked<T> = T extends PackedEnteredCircle
  ? EnteredCircle
  : T extends PackedCircleView
    ? CircleView
    : T;
export type UnpackedAck<A> = [A] extends [Ack<infer T>] ? Ack<Unpacked<T>> : A;

/** The requests whose answers enter a circle, each with its whole view. */
const ENTERING = new Set(['circle:create', 'circle:resume', 'gathering:open', 'gathering:accept']);

/** Unpacks the answers that carry a whole view (entering a circle, `circle:sync`). */
export function unpackAnswer(event: string, ack: Ack<unknown>): Ack<unknown> {
  if (!ack.ok) return ack;
  if (event === 'circle:sync') {
    return { ok: true, data: unpackCircleView(ack.data as PackedCircleView) };
  }
  if (ENTERING.has(event)) {
    return { ok: true, data: unpackEntered(ack.data as PackedEnteredCircle) };
  }
  return ack;
}

/** Asks the server for the whole (view or list). */
export type SyncRequest<W> = () => Promise<Ack<W>>;

function isCircleView(value: unknown): value is CircleView {
  return (
    typeof value === 'object' &&
    value !== null &&
    'revision' in value &&
    'members' in value &&
    'code' in value
  );
}

function isWaitingList(value: unknown): value is WaitingList {
  return typeof value === 'object' && value !== null && 'revision' in value && 'waiting' in value;
}

/** What differs between following the circle and following its waiting list. */
interface Followed<W, D> {
  apply(held: W, delta: D): DeltaOutcome<W>;
  /** Whether a whole one that came should replace the one held. */
  replaces(held: W, next: W): boolean;
  raise(socket: AnySocket, whole: W): void;
}

/** Raises a harness event on the socket, as if the server had sent it. */
function raiseLocal(socket: AnySocket, event: string, payload: unknown): void {
  for (const listener of socket.listenersAny()) listener(event, payload);
  (socket as unknown as LocalEmitter).emitReserved(event, payload);
}

class ChangeFollower<W, D> {
  private held: W | undefined;
  /** Deltas that came before the first whole did, or while one was being fetched. */
  private readonly early: D[] = [];
  private syncing = false;
  /** How many times a delta did not follow what was held, and the whole was fetched. */
  gaps = 0;

  constructor(
    private readonly socket: AnySocket,
    private readonly followed: Followed<W, D>,
    private readonly sync: SyncRequest<W>,
  ) {}

  /** `force`: a new entry, whose whole replaces whatever was held (perhaps another circle's). */
  whole(value: W, raise: boolean, force = false): void {
    const held = this.held;
    if (force || held === undefined || this.followed.replaces(held, value)) {
      this.held = value;
      if (raise) this.followed.raise(this.socket, value);
    }
    for (const delta of this.early.splice(0)) this.received(delta);
  }

  received(delta: D): void {
    if (this.held === undefined || this.syncing) {
      this.early.push(delta);
      return;
    }
    const outcome = this.followed.apply(this.held, delta);
    if (outcome.kind === 'applied') {
      this.held = outcome.view;
      this.followed.raise(this.socket, outcome.view);
    } else if (outcome.kind === 'gap') {
      this.gaps += 1;
      this.syncing = true;
      void this.sync().then(
        (ack) => {
          this.syncing = false;
          if (ack.ok) this.whole(ack.data, true);
        },
        () => undefined /* the socket closed meanwhile */,
      );
    }
  }
}

const circleFollowed: Followed<CircleView, CircleDelta> = {
  apply: applyCircleDelta,
  // Another circle, or a newer view of this one.
  replaces: (held, next) => held.code !== next.code || next.revision > held.revision,
  raise: (socket, view) => {
    raiseLocal(socket, 'circle:state', view);
  },
};

const waitingFollowed: Followed<WaitingList, WaitingDelta> = {
  apply: applyWaitingDelta,
  replaces: (held, next) => next.revision >= held.revision,
  raise: (socket, list) => {
    raiseLocal(socket, 'waiting:state', list.waiting);
  },
};

export class ViewTracker {
  private readonly circle: ChangeFollower<CircleView, CircleDelta>;
  private readonly waiting: ChangeFollower<WaitingList, WaitingDelta>;

  constructor(
    socket: AnySocket,
    syncCircle: SyncRequest<CircleView>,
    syncWaiting: SyncRequest<WaitingList>,
  ) {
    this.circle = new ChangeFollower(socket, circleFollowed, syncCircle);
    this.waiting = new ChangeFollower(socket, waitingFollowed, syncWaiting);
    socket.on('circle:delta', (delta) => {
      this.circle.received(unpackDelta(delta));
    });
    socket.on('waiting:delta', (delta) => {
      this.waiting.received(delta);
    });
    // Someone made a co-facilitator is handed the list whole.
    socket.on('waiting:list', (list) => {
      this.waiting.whole(list, true);
    });
  }

  /** How many times a circle delta was missing and the whole view was fetched. */
  get gaps(): number {
    return this.circle.gaps;
  }

  /** Reads the answers to entering a circle, which carry the whole view (and list, for hosts). */
  answered(event: string, ack: Ack<unknown>): void {
    if (!ack.ok || !ENTERING.has(event)) return;
    const data = ack.data as { circle?: unknown; waiting?: unknown } | null;
    if (isCircleView(data?.circle)) this.circle.whole(data.circle, false);
    if (isWaitingList(data?.waiting)) this.waiting.whole(data.waiting, false, true);
  }
}
