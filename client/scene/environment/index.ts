import type { Seating } from '../seating';
import { HemisphericLight } from '@babylonjs/core/Lights/hemisphericLight';
import type { PointLight } from '@babylonjs/core/Lights/pointLight';
import { Color4 } from '@babylonjs/core/Maths/math.color';
import { Vector3 } from '@babylonjs/core/Maths/math.vector';
import type { Mesh } from '@babylonjs/core/Meshes/mesh';
import { Scene } from '@babylonjs/core/scene';
import { CushionRing } from './cushions';
import { addGarden } from './garden';
import { DriftingGlows } from './glows';
import { LANTERN_LIGHT_Y } from './layout';
import { addLantern, createLanternLight } from './lantern';
import { createMaterials, disposeMaterials, freezeMaterials } from './materials';
import type { EnvironmentMaterials } from './materials';
import { color, shade } from './palette';
import { seededRandom } from './random';
import { ShapeBatch } from './shape-batch';
import { MOON_POSITION, addSky } from './sky';
import { addVeranda } from './veranda';

/**
 * The engawa: a wooden veranda under a deep eave, shoji glowing behind, a garden at dusk in
 * front, and a ring of cushions round a paper lantern. Everything is built here from simple
 * shapes and vertex colours (nothing is fetched) and drawn in four calls: the lit place, the
 * unlit sky/paper/water, the cushions, and the soft glows.
 */
export class CircleEnvironment {
  private readonly materials: EnvironmentMaterials;
  private readonly meshes: Mesh[];
  private readonly cushions: CushionRing;
  private readonly glows: DriftingGlows;
  private readonly skyLight: HemisphericLight;
  private readonly lanternLight: PointLight;
  private readonly previousFogMode: number;
  private readonly previousClearColor: Color4;
  private seatingKey = '';

  constructor(private readonly scene: Scene) {
    this.materials = createMaterials(scene);
    const random = seededRandom(20_26);
    const lit = new ShapeBatch();
    const unlit = new ShapeBatch();
    addSky(unlit);
    addVeranda(lit, unlit, random);
    addLantern(lit, unlit);
    const halos = addGarden(lit, unlit, random);
    this.meshes = [
      lit.build('engawa-place', scene, this.materials.lit),
      unlit.build('engawa-sky-and-paper', scene, this.materials.unlit),
    ];
    for (const mesh of this.meshes) mesh.alwaysSelectAsActiveMesh = true;

    this.cushions = new CushionRing(scene, this.materials.lit);
    this.glows = new DriftingGlows(scene, this.materials.glow, [
      {
        position: new Vector3(0, LANTERN_LIGHT_Y, 0),
        radius: 0.45,
        tint: shade(color('lanternLight'), 0.32),
      },
      ...halos,
      { position: MOON_POSITION, radius: 5, tint: shade(color('moon'), 0.16) },
    ]);

    this.skyLight = new HemisphericLight('engawa-sky-light', new Vector3(0, 1, 0), scene);
    this.skyLight.diffuse = color('skyLightTop');
    this.skyLight.groundColor = color('skyLightBottom');
    this.skyLight.intensity = 1;
    this.lanternLight = createLanternLight(scene);

    this.previousClearColor = scene.clearColor.clone();
    scene.clearColor = Color4.FromColor3(color('skyHigh'));
    // A faint haze deepens the distance without hiding the horizon.
    this.previousFogMode = scene.fogMode;
    scene.fogMode = Scene.FOGMODE_EXP2;
    scene.fogColor = color('fog');
    scene.fogDensity = 0.04;

    freezeMaterials(this.materials);
  }

  /** Lays out one cushion per seat; only changes when the layout does. */
  setSeating(seating: Seating): void {
    if (seating.key === this.seatingKey) return;
    this.seatingKey = seating.key;
    this.cushions.layOut(seating.cushions());
  }

  dispose(): void {
    this.glows.dispose();
    this.cushions.dispose();
    for (const mesh of this.meshes) mesh.dispose();
    this.skyLight.dispose();
    this.lanternLight.dispose();
    disposeMaterials(this.materials);
    this.scene.fogMode = this.previousFogMode;
    this.scene.clearColor = this.previousClearColor;
  }
}
