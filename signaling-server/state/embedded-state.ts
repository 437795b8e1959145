import { Limits } from '../../shared/protocol/limits';
import type { Scheduler } from '../../shared/time/time';
import type { CircleStore } from '../circles/circle-store';
import { MemoryCircleStore } from '../circles/memory-circle-store';
import { MemoryChatLog } from '../conversation/chat-log';
import { TimerDeadlines } from '../deadlines/timer-deadlines';
import { sqliteFileIn } from '../durable/sqlite-file';
import { SqliteFacilitatorKeys } from '../facilitators/sqlite-facilitator-keys';
import { SqliteGatheringStore } from '../schedule/sqlite-gathering-store';
import { MemoryLimits } from '../limits/memory-limits';
import type { Logger } from '../logger';
import { singleNode } from './node-liveness';
import type { SharedState } from './shared-state';

/**
 * One node, nothing to install: circles in memory, deadlines as timers, and what must outlive
 * a restart (facilitator keys, the schedule) in one SQLite file under `dataDir`.
 */
export function embeddedState(deps: {
  dataDir: string;
  store?: CircleStore;
  scheduler: Scheduler;
  now: () => number;
  logger: Logger;
}): SharedState {
  const deadlines = new TimerDeadlines(deps);
  const store = deps.store ?? new MemoryCircleStore();
  const file = sqliteFileIn(deps.dataDir);
  const limits = new MemoryLimits(deps.now);
  return {
    kind: 'memory',
    store,
    deadlines,
    chat: new MemoryChatLog(Limits.chatHistoryMax),
    limits,
    facilitatorKeys: new SqliteFacilitatorKeys(file),
    gatherings: new SqliteGatheringStore(file),
    liveness: singleNode,
    circleCount: () => store.count(),
    connected: () => true,
    beforeShutdown: () => {
      deadlines.dispose();
    },
    close: () => {
      limits.dispose();
      file.close();
      return Promise.resolve();
    },
  };
}
