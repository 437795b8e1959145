import { MemoryCircleStore } from '../../../../signaling-server/circles/memory-circle-store';
import { describeCircleStore } from '../../../support/circle-store-contract';

describeCircleStore('MemoryCircleStore', () =>
  Promise.resolve({ store: new MemoryCircleStore(), close: () => Promise.resolve() }),
);
