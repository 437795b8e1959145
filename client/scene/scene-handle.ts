import type { MemberView } from '../../shared/circle/views';
import type { ListenerPose } from '../voice/spatial-audio';

/** Called whenever the view turns or moves, so voices stay where their speakers sit. */
export type ListenerCallback = (pose: ListenerPose) => void;

/** What the page needs from the 3D circle; the Babylon code behind it loads lazily. */
export interface CircleSceneHandle {
  /** Places everyone at their seats; the view sits at `selfId`'s seat. */
  update(members: readonly MemberView[], selfId: string, capacity: number): void;
  /** Lights a member's avatar while they speak. */
  setSpeaking(memberId: string, speaking: boolean): void;
  dispose(): void;
}
