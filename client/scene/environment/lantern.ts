import { PointLight } from '@babylonjs/core/Lights/pointLight';
import { Color3 } from '@babylonjs/core/Maths/math.color';
import { Vector3 } from '@babylonjs/core/Maths/math.vector';
import type { Scene } from '@babylonjs/core/scene';
import { DECK_TOP_Y, LANTERN_LIGHT_Y } from './layout';
import { color, shade } from './palette';
import type { ShapeBatch } from './shape-batch';

const v = (x: number, y: number, z: number): Vector3 => new Vector3(x, y, z);

const HALF = 0.15;
const PAPER_BOTTOM = DECK_TOP_Y + 0.12;
const PAPER_TOP = DECK_TOP_Y + 0.56;
const LEG = 0.022;

/**
 * The andon at the centre of the circle: a square wooden frame on four legs, paper sides glowing
 * from within, on a small board. Its light is steady; a flame that flickers would unsettle.
 */
export function addLantern(lit: ShapeBatch, unlit: ShapeBatch): void {
  const wood = color('lanternWood');
  lit.box(v(-0.26, DECK_TOP_Y, -0.26), v(0.26, DECK_TOP_Y + 0.02, 0.26), color('mat'));
  const top = PAPER_TOP + 0.04;
  for (const sx of [-1, 1]) {
    for (const sz of [-1, 1]) {
      const x = sx * HALF;
      const z = sz * HALF;
      lit.box(v(x - LEG, DECK_TOP_Y + 0.02, z - LEG), v(x + LEG, top, z + LEG), wood);
    }
  }
  for (const y of [PAPER_BOTTOM, PAPER_TOP]) {
    lit.box(v(-HALF - LEG, y - 0.02, -HALF - LEG), v(HALF + LEG, y + 0.02, HALF + LEG), wood);
  }
  // A simple lid ring with a cross bar, so looking down one sees a frame, not a bare light.
  lit.box(v(-HALF - LEG, top - 0.02, -LEG * 0.7), v(HALF + LEG, top, LEG * 0.7), wood);

  const paper = color('lanternPaper');
  const low = shade(paper, 0.88);
  const inset = HALF - 0.004;
  const y0 = PAPER_BOTTOM + 0.02;
  const y1 = PAPER_TOP - 0.02;
  const corners = [
    v(-inset, 0, -inset),
    v(inset, 0, -inset),
    v(inset, 0, inset),
    v(-inset, 0, inset),
  ];
  for (let i = 0; i < 4; i++) {
    const a = corners[i] as Vector3;
    const b = corners[(i + 1) % 4] as Vector3;
    unlit.smooth(
      [v(a.x, y0, a.z), v(b.x, y0, b.z), v(b.x, y1, b.z), v(a.x, y1, a.z)],
      [low, low, paper, paper],
      [0, 2, 1, 0, 3, 2],
    );
  }
  // The open top shows the bright inside.
  const inside = color('lanternInside');
  unlit.smooth(
    [v(-inset, y1, -inset), v(inset, y1, -inset), v(inset, y1, inset), v(-inset, y1, inset)],
    [inside, inside, inside, inside],
    [0, 2, 1, 0, 3, 2],
  );
}

/** The one warm light of the place, at the lantern's heart. */
export function createLanternLight(scene: Scene): PointLight {
  const light = new PointLight('engawa-lantern-light', new Vector3(0, LANTERN_LIGHT_Y, 0), scene);
  light.diffuse = color('lanternLight');
  light.specular = Color3.Black();
  light.intensity = 1.5;
  light.range = 9;
  return light;
}
