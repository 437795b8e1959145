import type { Page } from 'playwright-core';
import { waitUntil } from './wait-until';
import { diagnose } from './wrist-menu';
import type { Vec3 } from './xr-emulator';

/** A pose as the page's `?diagnostics` scene reports it: world space, yaw in radians. */
export interface PoseSnapshot {
  head: { position: Vec3; yaw: number };
  /** Only while a hand is tracked in VR. */
  right?: Vec3;
}

export const distance = (a: Vec3, b: Vec3) => Math.hypot(a.x - b.x, a.y - b.y, a.z - b.z);

/** The smaller angle between two yaws, whichever way round the circle. */
export const angleGap = (a: number, b: number) =>
  Math.abs(Math.atan2(Math.sin(a - b), Math.cos(a - b)));

/**
 * Waits until `viewer` draws `subjectId` where the subject's own page says they are: head, and
 * the right hand when the subject has one.
 */
export async function seenWhereTheyAre(
  viewer: Page,
  subject: Page,
  subjectId: string,
): Promise<{ seen: PoseSnapshot | undefined; truth: PoseSnapshot }> {
  const truth = await diagnose<PoseSnapshot>(subject, 'scene.localPose');
  const seen = await waitUntil(
    'the remote avatar to match the sender',
    () => diagnose<PoseSnapshot | undefined>(viewer, 'scene.remotePose', subjectId),
    (pose) =>
      pose !== undefined &&
      distance(pose.head.position, truth.head.position) < 0.02 &&
      angleGap(pose.head.yaw, truth.head.yaw) < 0.05 &&
      (truth.right === undefined ||
        (pose.right !== undefined && distance(pose.right, truth.right) < 0.02)),
  );
  return { seen, truth };
}
