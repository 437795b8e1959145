import { Color4 } from '@babylonjs/core/Maths/math.color';
import { Quaternion } from '@babylonjs/core/Maths/math.vector';
import type { InstancedMesh } from '@babylonjs/core/Meshes/instancedMesh';
import { TransformNode } from '@babylonjs/core/Meshes/transformNode';
import { AvatarColors } from '../../../shared/circle/presence';
import type { MemberView } from '../../../shared/circle/views';
import type { Pose } from '../../../shared/pose/pose-codec';
import type { AvatarPart, PartKind, PartLook } from './avatar-parts';
import type { AvatarParts } from './avatar-parts';
import type { SeatPose } from '../seat-layout';
import { raisedHandFor, restPoseFor, yawOf, type AvatarPose, type RestPose } from './avatar-pose';
import { NameTag, type TagState } from './name-tag';

/** How much lighter a colour gets while its person speaks, on top of the halo. */
const SPEAKING_LIFT = 0.18;
const TORSO_BELOW_HEAD_M = 0.52;
const TAG_ABOVE_HEAD_M = 0.3;

export interface AvatarLabels {
  steppedOut: string;
}

function mixHand(rest: Pose, tracked: Pose | undefined, weight: number, out: InstancedMesh): void {
  const w = tracked ? Math.max(0, Math.min(1, weight)) : 0;
  const a = rest.position;
  const b = tracked?.position ?? a;
  out.position.set(a.x + (b.x - a.x) * w, a.y + (b.y - a.y) * w, a.z + (b.z - a.z) * w);
  const r = tracked && w > 0.5 ? tracked.rotation : rest.rotation;
  (out.rotationQuaternion ??= new Quaternion()).set(r.x, r.y, r.z, r.w);
}

/**
 * One person in the circle as others see them: a soft head and body in their chosen colour,
 * mitten hands, a name tag that turns to the viewer, and a warm ring while they speak. Moves
 * with the poses they send; rests calmly at their seat when they send none.
 */
export class Avatar {
  private readonly root: TransformNode;
  private parts = new Map<AvatarPart, InstancedMesh>();
  private readonly halo: InstancedMesh;
  private readonly tag: NameTag;
  private look: PartLook = 'solid';
  private color = new Color4(1, 1, 1, 1);
  private speaking = false;
  private rest: RestPose;
  private raised: Pose;
  private handRaised = false;
  /** Faded by the state others see (stepped out, connection lost). */
  private stateFaded = false;
  /** Faded because they are inside this viewer's personal space. */
  private tooClose = false;

  constructor(
    private readonly kit: AvatarParts,
    readonly memberId: string,
    seat: SeatPose,
  ) {
    this.root = new TransformNode(`avatar-${memberId}`, kit.scene);
    this.rest = restPoseFor(seat);
    this.raised = raisedHandFor(seat);
    this.halo = kit.haloInstance(`halo-${memberId}`);
    this.halo.parent = this.root;
    this.halo.isVisible = false;
    this.tag = new NameTag(kit.scene, this.root);
    this.build();
    this.applyPose(undefined);
  }

  /** Seat, colour and the states others should see at a glance. */
  update(member: MemberView, seat: SeatPose, labels: AvatarLabels, handRaised: boolean): void {
    this.rest = restPoseFor(seat);
    this.raised = raisedHandFor(seat);
    this.handRaised = handRaised;
    const hex = AvatarColors[member.color] ?? AvatarColors[0];
    const base = Color4.FromHexString(`${hex}ff`);
    if (!base.equals(this.color)) {
      this.color = base;
      this.paint();
    }
    this.stateFaded = !member.connected || member.away;
    this.applyLook();
    const state: TagState = {
      name: member.name,
      dimmed: this.stateFaded,
      muted: member.muted,
      handRaised,
      note: member.away ? labels.steppedOut : undefined,
    };
    this.tag.draw(state);
  }

  /**
   * The personal space bubble: someone whose head comes closer than about 0.6 m to yours fades
   * out for you (only for you), so nobody can loom over anyone.
   */
  setTooClose(tooClose: boolean): void {
    if (tooClose === this.tooClose) return;
    this.tooClose = tooClose;
    this.applyLook();
  }

  /** Where the head is drawn now. */
  get headPosition(): { x: number; y: number; z: number } {
    return this.part('head').position;
  }

  setSpeaking(speaking: boolean): void {
    if (speaking === this.speaking) return;
    this.speaking = speaking;
    this.halo.isVisible = speaking;
    this.paint();
  }

  /** Places head, body and hands; `undefined` means no pose yet, so sit at rest. */
  applyPose(pose: AvatarPose | undefined): void {
    const head = pose?.head ?? this.rest.head;
    const headMesh = this.part('head');
    headMesh.position.set(head.position.x, head.position.y, head.position.z);
    (headMesh.rotationQuaternion ??= new Quaternion()).set(
      head.rotation.x,
      head.rotation.y,
      head.rotation.z,
      head.rotation.w,
    );
    const body = this.part('body');
    body.position.set(head.position.x, head.position.y - TORSO_BELOW_HEAD_M, head.position.z);
    // The body turns with the head's heading but never tilts or rolls with it.
    body.rotation.y = yawOf(head.rotation);
    this.halo.position.set(head.position.x, head.position.y - 0.2, head.position.z);
    this.tag.placeAt(head.position.x, head.position.y + TAG_ABOVE_HEAD_M, head.position.z);
    mixHand(this.rest.left, pose?.left?.pose, pose?.left?.weight ?? 0, this.part('left'));
    const rightRest = this.handRaised ? this.raised : this.rest.right;
    mixHand(rightRest, pose?.right?.pose, pose?.right?.weight ?? 0, this.part('right'));
  }

  /** World position just above the head, for reactions. */
  get topPosition(): { x: number; y: number; z: number } {
    const head = this.part('head').position;
    return { x: head.x, y: head.y + TAG_ABOVE_HEAD_M + 0.22, z: head.z };
  }

  dispose(): void {
    for (const mesh of this.parts.values()) mesh.dispose();
    this.parts.clear();
    this.halo.dispose();
    this.tag.dispose();
    this.root.dispose();
  }

  private applyLook(): void {
    const look: PartLook = this.stateFaded || this.tooClose ? 'faded' : 'solid';
    if (look === this.look) return;
    this.look = look;
    this.build();
  }

  private part(part: AvatarPart): InstancedMesh {
    const mesh = this.parts.get(part);
    if (!mesh) throw new Error(`Avatar part ${part} missing`);
    return mesh;
  }

  /** (Re)creates the instances for the current look, keeping where they were. */
  private build(): void {
    const kinds: [AvatarPart, PartKind][] = [
      ['head', 'head'],
      ['body', 'body'],
      ['left', 'hand'],
      ['right', 'hand'],
    ];
    const next = new Map<AvatarPart, InstancedMesh>();
    for (const [part, kind] of kinds) {
      const mesh = this.kit.instance(kind, this.look, `${part}-${this.memberId}`);
      const previous = this.parts.get(part);
      if (previous) {
        mesh.position.copyFrom(previous.position);
        if (previous.rotationQuaternion)
          mesh.rotationQuaternion = previous.rotationQuaternion.clone();
        mesh.rotation.copyFrom(previous.rotation);
        previous.dispose();
      }
      mesh.parent = this.root;
      next.set(part, mesh);
    }
    this.parts = next;
    this.paint();
  }

  private paint(): void {
    const lift = this.speaking ? SPEAKING_LIFT : 0;
    const c = this.color;
    const tint = new Color4(
      Math.min(1, c.r + lift),
      Math.min(1, c.g + lift),
      Math.min(1, c.b + lift),
      1,
    );
    for (const mesh of this.parts.values()) mesh.instancedBuffers.color = tint;
  }
}
