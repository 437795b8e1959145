import { Color3, Color4 } from '@babylonjs/core/Maths/math.color';
import { Vector3 } from '@babylonjs/core/Maths/math.vector';
import { HemisphericLight } from '@babylonjs/core/Lights/hemisphericLight';
import { PointLight } from '@babylonjs/core/Lights/pointLight';
import { StandardMaterial } from '@babylonjs/core/Materials/standardMaterial';
import { DynamicTexture } from '@babylonjs/core/Materials/Textures/dynamicTexture';
import { CreateCylinder } from '@babylonjs/core/Meshes/Builders/cylinderBuilder';
import { CreateGround } from '@babylonjs/core/Meshes/Builders/groundBuilder';
import { CreateSphere } from '@babylonjs/core/Meshes/Builders/sphereBuilder';
import { Mesh } from '@babylonjs/core/Meshes/mesh';
import type { Scene } from '@babylonjs/core/scene';
import { ringRadius, seatPose } from './seat-layout';

const DUSK_TOP = '#1f2a4d';
const DUSK_HORIZON = '#e8a57a';
const LANTERN = new Color3(1, 0.78, 0.5);

/**
 * The place itself: a dusk sky, a garden floor, a round wooden deck, a paper lantern with a
 * warm light at the centre, and a cushion per seat. Built from primitives; nothing is fetched.
 */
export class CircleEnvironment {
  private readonly cushions: Mesh[] = [];
  private readonly cushionTemplate: Mesh;
  private capacity = 0;

  constructor(private readonly scene: Scene) {
    scene.clearColor = Color4.FromHexString('#2a2f4aff');
    scene.ambientColor = new Color3(0.25, 0.22, 0.3);
    this.createSky();
    this.createGround();
    this.createLantern();
    const sky = new HemisphericLight('sky-light', new Vector3(0, 1, 0), scene);
    sky.intensity = 0.45;
    sky.diffuse = new Color3(0.75, 0.8, 1);
    sky.groundColor = new Color3(0.35, 0.28, 0.25);

    this.cushionTemplate = CreateCylinder(
      'cushion',
      { diameter: 0.62, height: 0.12, tessellation: 24 },
      scene,
    );
    const cushionMaterial = new StandardMaterial('cushion-mat', scene);
    cushionMaterial.diffuseColor = Color3.FromHexString('#8a5a44');
    cushionMaterial.specularColor = Color3.Black();
    this.cushionTemplate.material = cushionMaterial;
    this.cushionTemplate.isVisible = false;
    cushionMaterial.freeze();
  }

  /** Lays out one cushion per seat; only changes when the capacity does. */
  setCapacity(capacity: number): void {
    if (capacity === this.capacity) return;
    this.capacity = capacity;
    for (const cushion of this.cushions.splice(0)) cushion.dispose();
    for (let seat = 0; seat < capacity; seat++) {
      const pose = seatPose(seat, capacity);
      const cushion = this.cushionTemplate.clone(`cushion-${seat}`);
      cushion.isVisible = true;
      cushion.position.set(pose.x, 0.16, pose.z);
      cushion.freezeWorldMatrix();
      this.cushions.push(cushion);
    }
    this.resizeDeck(capacity);
  }

  private deck: Mesh | undefined;

  private resizeDeck(capacity: number): void {
    this.deck?.dispose(false, true);
    const deck = CreateCylinder(
      'deck',
      { diameter: (ringRadius(capacity) + 1.1) * 2, height: 0.1, tessellation: 48 },
      this.scene,
    );
    deck.position.y = 0.05;
    const material = new StandardMaterial('deck-mat', this.scene);
    material.diffuseColor = Color3.FromHexString('#6e4f3a');
    material.specularColor = new Color3(0.05, 0.04, 0.03);
    deck.material = material;
    material.freeze();
    deck.freezeWorldMatrix();
    this.deck = deck;
  }

  private createSky(): void {
    const sky = CreateSphere(
      'sky',
      { diameter: 120, segments: 16, sideOrientation: Mesh.BACKSIDE },
      this.scene,
    );
    const texture = new DynamicTexture(
      'sky-gradient',
      { width: 4, height: 256 },
      this.scene,
      false,
    );
    const ctx = texture.getContext();
    const gradient = ctx.createLinearGradient(0, 0, 0, 256);
    gradient.addColorStop(0, DUSK_TOP);
    gradient.addColorStop(0.45, '#4b4a78');
    gradient.addColorStop(0.52, DUSK_HORIZON);
    gradient.addColorStop(1, '#3a3340');
    ctx.fillStyle = gradient;
    ctx.fillRect(0, 0, 4, 256);
    texture.update(false);
    const material = new StandardMaterial('sky-mat', this.scene);
    material.emissiveTexture = texture;
    material.disableLighting = true;
    material.backFaceCulling = false;
    sky.material = material;
    sky.isPickable = false;
    sky.infiniteDistance = true;
    material.freeze();
  }

  private createGround(): void {
    const ground = CreateGround('garden', { width: 80, height: 80 }, this.scene);
    const material = new StandardMaterial('garden-mat', this.scene);
    material.diffuseColor = Color3.FromHexString('#3e4a36');
    material.specularColor = Color3.Black();
    ground.material = material;
    material.freeze();
    ground.freezeWorldMatrix();
  }

  private createLantern(): void {
    const lantern = CreateCylinder(
      'lantern',
      { diameterTop: 0.16, diameterBottom: 0.22, height: 0.3, tessellation: 16 },
      this.scene,
    );
    lantern.position.y = 0.25;
    const material = new StandardMaterial('lantern-mat', this.scene);
    material.emissiveColor = LANTERN;
    material.diffuseColor = LANTERN;
    material.disableLighting = true;
    lantern.material = material;
    material.freeze();
    lantern.freezeWorldMatrix();
    const light = new PointLight('lantern-light', new Vector3(0, 0.6, 0), this.scene);
    light.diffuse = LANTERN;
    light.specular = new Color3(0.3, 0.25, 0.15);
    light.intensity = 0.9;
    light.range = 9;
  }
}
