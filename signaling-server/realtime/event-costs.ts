import type { ClientEventName } from '../../shared/protocol/events';

/** An event answered to the sender alone, or passed to one other member. */
const POINT = 1;
/** An event that changes the circle and is pushed to every member (or every host). */
const CIRCLE = 4;
/** Work on the store or a secret (creating, knocking, resuming), pushed to the hosts at most. */
const ENTRY = 2;

/**
 * What each event costs its sender's flood bucket. A socket that fills everyone's screen or
 * costs the server a store lookup spends its allowance sooner than one trickling ICE candidates
 * to a single partner, so a flood of broadcasts is cut off before it slows the whole circle.
 * Unknown events cost as much as the cheapest known one: they are answered and dropped.
 */
export const eventCosts: Record<ClientEventName, number> = {
  'circle:create': ENTRY,
  'circle:preview': ENTRY,
  'circle:knock': ENTRY,
  'knock:cancel': POINT,
  'circle:resume': ENTRY,
  'circle:leave': CIRCLE,
  'circle:end': CIRCLE,
  'waiting:admit': CIRCLE,
  'waiting:decline': POINT,
  'circle:lock': CIRCLE,
  'circle:pause': CIRCLE,
  'role:set': CIRCLE,
  'piece:pass': CIRCLE,
  'piece:give': CIRCLE,
  'piece:take': CIRCLE,
  'round:start': CIRCLE,
  'round:end': CIRCLE,
  'hand:lower': CIRCLE,
  'member:mute': CIRCLE,
  'member:remove': CIRCLE,
  'bar:lift': POINT,
  'message:private': POINT,
  'member:block': POINT,
  'member:unblock': POINT,
  'report:send': POINT,
  'chat:send': CIRCLE,
  'chat:clear': CIRCLE,
  'help:alert': POINT,
  'signal:relay': POINT,
  'server:features': POINT,
  'voice:config': POINT,
  'voice:mute': CIRCLE,
  'hand:set': CIRCLE,
  'away:set': CIRCLE,
  'reaction:send': CIRCLE,
};

export function costOf(event: unknown): number {
  return typeof event === 'string' && Object.hasOwn(eventCosts, event)
    ? eventCosts[event as ClientEventName]
    : POINT;
}
