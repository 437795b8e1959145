import type { Scene } from '@babylonjs/core/scene';
import type { Reaction } from '../../../shared/circle/presence';
import type { MemberView } from '../../../shared/circle/views';
import { decodePose } from '../../../shared/pose/pose-codec';
import { PoseBuffer } from '../../presence/pose-buffer';
import { Avatar, type AvatarLabels } from './avatar';
import { AvatarParts } from './avatar-parts';
import type { AvatarPose, RestPose } from './avatar-pose';
import { restPoseFor } from './avatar-pose';
import { memberHue } from '../seat-layout';
import { ReactionLayer } from './reaction-layer';
import type { Seating } from '../seating';

/** How far an idle avatar's head rises with each slow breath, and turns to and fro. */
const IDLE_RISE_M = 0.008;
const IDLE_TURN_RAD = 0.08;
/** An idle avatar is moved at most this often. */
const IDLE_STEP_MS = 250;

/** Closer than this to the viewer's head, another person's avatar fades out for the viewer. */
export const PERSONAL_SPACE_M = 0.6;

export interface RosterView {
  members: readonly MemberView[];
  selfId: string;
  seating: Seating;
  hands: readonly string[];
  labels: AvatarLabels;
}

/**
 * Everyone else in the circle: an avatar per member, fed by the poses their browsers send and
 * smoothed by a buffer each, plus the reactions floating above them.
 */
export class AvatarRoster {
  private readonly parts: AvatarParts;
  private readonly reactions: ReactionLayer;
  private readonly avatars = new Map<string, Avatar>();
  private readonly buffers = new Map<string, PoseBuffer>();
  private readonly drawn = new Map<string, AvatarPose>();
  private readonly restPoses = new Map<string, RestPose>();
  /** The idle step each breathing avatar was last drawn at. */
  private readonly idleSteps = new Map<string, number>();
  private badFrames = 0;

  constructor(scene: Scene) {
    this.parts = new AvatarParts(scene);
    this.reactions = new ReactionLayer(scene);
  }

  update(view: RosterView): void {
    const present = new Set<string>();
    const raised = new Set(view.hands);
    for (const member of view.members) {
      if (member.id === view.selfId) continue;
      present.add(member.id);
      const seat = view.seating.poseOf(member);
      let avatar = this.avatars.get(member.id);
      if (!avatar) {
        avatar = new Avatar(this.parts, member.id, seat);
        this.avatars.set(member.id, avatar);
      }
      avatar.update(member, seat, view.labels, raised.has(member.id));
      const rest = restPoseFor(seat);
      this.restPoses.set(member.id, rest);
      this.buffer(member.id).setRestPose(rest);
    }
    for (const [id, avatar] of this.avatars) {
      if (present.has(id)) continue;
      avatar.dispose();
      this.avatars.delete(id);
      this.buffers.delete(id);
      this.drawn.delete(id);
      this.restPoses.delete(id);
      this.idleSteps.delete(id);
    }
  }

  receivePose(memberId: string, bytes: Uint8Array, now: number): void {
    if (!this.avatars.has(memberId)) return;
    try {
      this.buffer(memberId).push(decodePose(bytes), now);
    } catch {
      // A frame that is not a pose (another version, or garbage) is dropped, never fatal.
      this.badFrames++;
    }
  }

  /** Their connection closed: their avatar settles at rest instead of holding a stale pose. */
  forgetPose(memberId: string): void {
    this.buffers.delete(memberId);
  }

  setSpeaking(memberId: string, speaking: boolean): void {
    this.avatars.get(memberId)?.setSpeaking(speaking);
  }

  showReaction(
    memberId: string,
    reaction: Reaction,
    now: number,
    selfTop?: () => { x: number; y: number; z: number },
  ): void {
    const avatar = this.avatars.get(memberId);
    const anchor = avatar ? () => avatar.topPosition : selfTop;
    if (anchor) this.reactions.show(reaction, anchor, now);
  }

  /** Moves every avatar to where its person is now; call once a frame with the viewer's head. */
  tick(now: number, viewer?: { x: number; y: number; z: number }): void {
    for (const [id, avatar] of this.avatars) {
      const buffer = this.buffers.get(id);
      const sample = buffer?.hasFrames ? buffer.sample(now) : undefined;
      if (sample) {
        this.idleSteps.delete(id);
        this.draw(id, avatar, { head: sample.head, left: sample.left, right: sample.right });
      } else {
        // A slow breath needs few steps: most frames leave an idle avatar (and its matrices)
        // untouched, each on its own beat, which keeps a veranda of 48 cheap to draw.
        const step = Math.floor((now + memberHue(id) * IDLE_STEP_MS) / IDLE_STEP_MS);
        if (this.idleSteps.get(id) !== step) {
          this.idleSteps.set(id, step);
          this.draw(id, avatar, this.idle(id, now));
        }
      }
      if (viewer) {
        const head = avatar.headPosition;
        const d = Math.hypot(head.x - viewer.x, head.y - viewer.y, head.z - viewer.z);
        avatar.setTooClose(d < PERSONAL_SPACE_M);
      }
    }
    this.reactions.tick(now);
  }

  private draw(id: string, avatar: Avatar, pose: AvatarPose | undefined): void {
    avatar.applyPose(pose);
    if (pose) this.drawn.set(id, pose);
    else this.drawn.delete(id);
  }

  /**
   * Someone whose motion this page does not receive (at another table, or sitting still by
   * choice) breathes slowly at their cushion, each at their own pace, so the veranda looks
   * alive; nothing of it comes from them.
   */
  private idle(memberId: string, now: number): AvatarPose | undefined {
    const rest = this.restPoses.get(memberId);
    if (!rest) return undefined;
    const phase = memberHue(memberId) * 2 * Math.PI;
    const breath = Math.sin(now / 700 + phase) * IDLE_RISE_M;
    const turn = Math.sin(now / 2900 + phase) * IDLE_TURN_RAD;
    const q = rest.head.rotation;
    // The rest pose only turns about the vertical axis: add a little more of that turn.
    const yaw = 2 * Math.atan2(q.y, q.w) + turn;
    return {
      head: {
        position: { ...rest.head.position, y: rest.head.position.y + breath },
        rotation: { x: 0, y: Math.sin(yaw / 2), z: 0, w: Math.cos(yaw / 2) },
      },
    };
  }

  /** The pose last drawn for a member (for diagnostics and tests). */
  drawnPose(memberId: string): AvatarPose | undefined {
    return this.drawn.get(memberId);
  }

  get rejectedFrames(): number {
    return this.badFrames;
  }

  dispose(): void {
    for (const avatar of this.avatars.values()) avatar.dispose();
    this.avatars.clear();
    this.buffers.clear();
    this.reactions.dispose();
    this.parts.dispose();
  }

  private buffer(memberId: string): PoseBuffer {
    let buffer = this.buffers.get(memberId);
    if (!buffer) {
      buffer = new PoseBuffer();
      this.buffers.set(memberId, buffer);
    }
    return buffer;
  }
}
