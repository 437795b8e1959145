import { StandardMaterial } from '@babylonjs/core/Materials/standardMaterial';
import { Color3 } from '@babylonjs/core/Maths/math.color';
import { CreateCapsule } from '@babylonjs/core/Meshes/Builders/capsuleBuilder';
import { CreateSphere } from '@babylonjs/core/Meshes/Builders/sphereBuilder';
import { TransformNode } from '@babylonjs/core/Meshes/transformNode';
import type { Mesh } from '@babylonjs/core/Meshes/mesh';
import type { Scene } from '@babylonjs/core/scene';
import type { MemberView } from '../../shared/circle/views';
import { NameTag } from './name-tag';
import { memberHue, SEATED_EYE_HEIGHT_M, seatPose } from './seat-layout';

const SPEAKING_GLOW = new Color3(0.45, 0.32, 0.12);

/** A placeholder person: a soft body and head in their own colour, with a name tag above. */
export class Avatar {
  private readonly root: TransformNode;
  private readonly body: Mesh;
  private readonly head: Mesh;
  private readonly material: StandardMaterial;
  private readonly tag: NameTag;

  constructor(
    scene: Scene,
    readonly memberId: string,
  ) {
    this.root = new TransformNode(`avatar-${memberId}`, scene);
    this.material = new StandardMaterial(`avatar-mat-${memberId}`, scene);
    this.material.diffuseColor = Color3.FromHSV(memberHue(memberId) * 360, 0.35, 0.85);
    this.material.specularColor = new Color3(0.08, 0.08, 0.08);
    this.body = CreateCapsule(
      'avatar-body',
      { height: 0.8, radius: 0.22, tessellation: 12 },
      scene,
    );
    this.body.position.y = 0.6;
    this.head = CreateSphere('avatar-head', { diameter: 0.28, segments: 12 }, scene);
    this.head.position.y = SEATED_EYE_HEIGHT_M;
    for (const mesh of [this.body, this.head]) {
      mesh.parent = this.root;
      mesh.material = this.material;
      mesh.isPickable = false;
    }
    this.tag = new NameTag(scene, this.root, SEATED_EYE_HEIGHT_M + 0.32);
  }

  /** A warm glow while they speak. */
  setSpeaking(speaking: boolean): void {
    this.material.emissiveColor = speaking ? SPEAKING_GLOW : Color3.Black();
  }

  update(member: MemberView, capacity: number): void {
    const pose = seatPose(member.seat, capacity);
    this.root.position.set(pose.x, 0.1, pose.z);
    this.root.rotation.y = pose.yaw;
    // Someone whose connection dropped stays in their seat, faded, until they return or leave.
    this.material.alpha = member.connected ? 1 : 0.45;
    this.tag.setText(member.name, !member.connected);
  }

  dispose(): void {
    this.tag.dispose();
    this.body.dispose();
    this.head.dispose();
    this.material.dispose();
    this.root.dispose();
  }
}
