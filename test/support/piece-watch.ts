import type { CircleView } from '../../shared/circle/views';
import { waitForEvent, type TestSocket } from './server-harness';

/** Sends a request and waits until `watcher` sees the circle as `predicate` says. */
export async function andSee(
  watcher: { socket: TestSocket },
  send: () => Promise<{ ok: boolean }>,
  predicate: (view: CircleView) => boolean,
): Promise<CircleView> {
  const seen = waitForEvent(watcher.socket, 'circle:state', predicate);
  expect(await send()).toMatchObject({ ok: true });
  return seen;
}

/** A view whose talking piece is held by `id` (or rests in the centre, for null). */
export const holderIs = (id: string | null) => (view: CircleView) => view.piece.holder === id;
