/**
 * Keeps, for each test socket, the circle view its deltas add up to, as a page does: the whole
 * view from an answer (create, resume, sync), then `circle:delta` after `circle:delta`, asking
 * `circle:sync` when one is missing. Each view it reaches is raised on the socket as the
 * harness's own `circle:state` event, so tests read whole views while every one of them is
 * rebuilt from what the server really sent.
 */
import type { Socket } from 'socket.io-client';
import { applyCircleDelta, type CircleDelta } from '../../shared/circle/circle-delta';
import type { CircleView, EnteredCircle } from '../../shared/circle/views';
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

/** Asks the server for the whole view. */
export type SyncRequest = () => Promise<Ack<CircleView>>;

function isCircleView(value: unknown): value is CircleView {
  return (
    typeof value === 'object' &&
    value !== null &&
    'revision' in value &&
    'members' in value &&
    'code' in value
  );
}

export class ViewTracker {
  private view: CircleView | undefined;
  /** Deltas that came before the first whole view did, or while one was being fetched. */
  private readonly early: CircleDelta[] = [];
  private syncing = false;
  /** How many times a delta did not follow the view held, and the whole view was fetched. */
  gaps = 0;

  constructor(
    private readonly socket: AnySocket,
    private readonly sync: SyncRequest,
  ) {
    socket.on('circle:delta', (delta) => {
      this.received(unpackDelta(delta));
    });
  }

  /** Reads the answers to entering a circle, which carry the whole view. */
  answered(event: string, ack: Ack<unknown>): void {
    if (!ack.ok || !ENTERING.has(event)) return;
    const data = ack.data as { circle?: unknown } | null;
    if (isCircleView(data?.circle)) this.whole(data.circle, false);
  }

  private whole(view: CircleView, raise: boolean): void {
    const held = this.view;
    // Another circle, or a newer view of this one.
    if (held === undefined || held.code !== view.code || view.revision > held.revision) {
      this.view = view;
      if (raise) this.raise(view);
    }
    for (const delta of this.early.splice(0)) this.received(delta);
  }

  private received(delta: CircleDelta): void {
    if (this.view === undefined || this.syncing) {
      this.early.push(delta);
      return;
    }
    const outcome = applyCircleDelta(this.view, delta);
    if (outcome.kind === 'applied') {
      this.view = outcome.view;
      this.raise(outcome.view);
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

  private raise(view: CircleView): void {
    for (const listener of this.socket.listenersAny()) listener('circle:state', view);
    (this.socket as unknown as LocalEmitter).emitReserved('circle:state', view);
  }
}
