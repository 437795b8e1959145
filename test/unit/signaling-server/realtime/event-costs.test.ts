import { ClientEvent } from '../../../../shared/protocol/events';
import { costOf, eventCosts } from '../../../../signaling-server/realtime/event-costs';

describe('flood costs per event', () => {
  it('prices every client event', () => {
    for (const event of Object.values(ClientEvent)) {
      expect(eventCosts[event]).toBeGreaterThanOrEqual(1);
    }
  });

  it('charges an event pushed to the whole circle more than one passed to a single member', () => {
    for (const broadcast of ['chat:send', 'voice:mute', 'reaction:send', 'hand:set'] as const) {
      expect(costOf(broadcast)).toBeGreaterThan(costOf('signal:relay'));
      expect(costOf(broadcast)).toBeGreaterThan(costOf('message:private'));
    }
  });

  it('charges unknown and malformed event names the smallest cost, never nothing', () => {
    expect(costOf('junk:event')).toBe(costOf('signal:relay'));
    expect(costOf('__proto__')).toBe(costOf('signal:relay'));
    expect(costOf('toString')).toBe(costOf('signal:relay'));
    expect(costOf(42)).toBe(costOf('signal:relay'));
  });
});
