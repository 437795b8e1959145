import { CircleBroadcaster } from '../../../../signaling-server/circles/circle-broadcasts';
import { CircleChanges } from '../../../../signaling-server/circles/circle-changes';
import type { CircleRecord } from '../../../../signaling-server/circles/circle-record';
import { MemoryCircleStore } from '../../../../signaling-server/circles/memory-circle-store';
import type { Deadlines } from '../../../../signaling-server/deadlines/deadlines';
import {
  PieceService,
  REMEMBERED_HOLDINGS,
} from '../../../../signaling-server/facilitation/piece-service';
import { createLogger } from '../../../../signaling-server/logger';
import type { Notifier } from '../../../../signaling-server/ports/notifier';
import { newCircle, T0 } from '../circles/fixtures';

/** Records what the service asks of the deadlines; nothing fires. */
function recordingDeadlines() {
  const sets: string[] = [];
  const deadlines: Deadlines = {
    handle: () => undefined,
    set: (_kind, id, _dueAt, tag) => {
      sets.push(`${id} ${tag}`);
      return Promise.resolve();
    },
    cancel: () => Promise.resolve(),
    pending: () => Promise.resolve(0),
    dispose: () => undefined,
  };
  return { deadlines, sets };
}

const quietNotifier = {
  toCircle: () => undefined,
  toHosts: () => undefined,
} as unknown as Notifier;

function holdingCircle(id: string) {
  const circle = newCircle();
  circle.id = id;
  circle.piece.holder = 'fac';
  circle.piece.since = T0;
  return circle;
}

describe('PieceService on a node that does not see circles end', () => {
  it('remembers a bounded number of holdings, and sets a forgotten one again', () => {
    const broadcast = new CircleBroadcaster(quietNotifier, () => T0);
    const { deadlines, sets } = recordingDeadlines();
    const store = new MemoryCircleStore();
    const logger = createLogger('silent');
    const now = () => T0;
    const service = new PieceService({
      notify: quietNotifier,
      changes: new CircleChanges({ store, broadcast, logger, now }),
      store,
      broadcast,
      logger,
      now,
      deadlines,
    });

    const changed = (circle: CircleRecord) => {
      broadcast.state(circle, broadcast.shown(circle));
    };
    // Circles held here and ended elsewhere: this node is never told of their end.
    for (let i = 0; i <= REMEMBERED_HOLDINGS; i++) changed(holdingCircle(`c${i}`));
    expect(service.size).toBe(REMEMBERED_HOLDINGS);
    expect(sets).toHaveLength(REMEMBERED_HOLDINGS + 1);

    // A change that keeps the holding asks nothing of the store while it is remembered...
    changed(holdingCircle(`c${REMEMBERED_HOLDINGS}`));
    expect(sets).toHaveLength(REMEMBERED_HOLDINGS + 1);
    // ...and sets the cue again once forgotten: the oldest went first.
    changed(holdingCircle('c0'));
    expect(sets.at(-1)).toBe(`c0 fac@${T0}`);
    expect(service.size).toBe(REMEMBERED_HOLDINGS);
    service.dispose();
  });
});
