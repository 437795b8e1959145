import type { MemberView } from '../../shared/circle/views';

/** What the page needs from the 3D circle; the Babylon code behind it loads lazily. */
export interface CircleSceneHandle {
  /** Places everyone at their seats; the view sits at `selfId`'s seat. */
  update(members: readonly MemberView[], selfId: string, capacity: number): void;
  dispose(): void;
}
