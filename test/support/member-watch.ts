import type { CircleView, MemberView } from '../../shared/circle/views';
import { waitForEvent, type TestSocket } from './server-harness';

/** A view in which member `id` is in the circle and `test` holds for them. */
export const memberIs =
  (id: string, test: (member: MemberView) => boolean) =>
  (view: CircleView): boolean =>
    view.members.some((m) => m.id === id && test(m));

/** Resolves with the first view in which `watcher` sees member `id` as `test` says. */
export function memberSeen(
  watcher: { socket: TestSocket },
  id: string,
  test: (member: MemberView) => boolean,
): Promise<CircleView> {
  return waitForEvent(watcher.socket, 'circle:state', memberIs(id, test));
}

/**
 * Drops `member`'s connection and resolves with the first view in which `watcher` sees their
 * seat held for them: still in the circle, not connected.
 */
export function dropAndSee(
  watcher: { socket: TestSocket },
  member: { socket: TestSocket; memberId: string },
): Promise<CircleView> {
  // Listening starts before the drop, so the push cannot slip past.
  const held = memberSeen(watcher, member.memberId, (m) => !m.connected);
  member.socket.disconnect();
  return held;
}
