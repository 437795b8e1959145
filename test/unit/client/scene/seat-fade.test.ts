import { FreeCamera } from '@babylonjs/core/Cameras/freeCamera';
import { NullEngine } from '@babylonjs/core/Engines/nullEngine';
import type { StandardMaterial } from '@babylonjs/core/Materials/standardMaterial';
import { Vector3 } from '@babylonjs/core/Maths/math.vector';
import { Scene } from '@babylonjs/core/scene';
import { SeatFade } from '../../../../client/scene/seat-fade';

function setup() {
  const engine = new NullEngine();
  const scene = new Scene(engine);
  const camera = new FreeCamera('viewer', new Vector3(1, 1.1, 2), scene);
  const fade = new SeatFade(scene);
  const shell = () => scene.getMeshByName('seat-fade');
  const alpha = () => (shell()?.material as StandardMaterial).alpha;
  return { engine, scene, camera, fade, shell, alpha };
}

describe('SeatFade', () => {
  it('darkens round the viewer, moves them only in the dark, then lightens and hides', () => {
    const { engine, scene, camera, fade, shell, alpha } = setup();
    const moves: number[] = [];
    expect(shell()?.isEnabled()).toBe(false);
    fade.carry(() => moves.push(1), 0);
    fade.tick(140, camera);
    expect(shell()?.isEnabled()).toBe(true);
    expect(shell()?.position.equals(camera.globalPosition)).toBe(true);
    expect(alpha()).toBeCloseTo(0.5, 1);
    expect(moves).toEqual([]);
    fade.tick(300, camera);
    expect(moves).toEqual([1]);
    expect(fade.moving).toBe(true);
    fade.tick(500, camera);
    expect(alpha()).toBeGreaterThan(0);
    expect(alpha()).toBeLessThan(1);
    fade.tick(800, camera);
    expect(fade.moving).toBe(false);
    expect(shell()?.isEnabled()).toBe(false);
    fade.dispose();
    expect(scene.meshes).toHaveLength(0);
    engine.dispose();
  });

  it('runs only the latest of two quick moves, once', () => {
    const { engine, camera, fade } = setup();
    const moves: string[] = [];
    fade.carry(() => moves.push('first'), 0);
    fade.tick(100, camera);
    fade.carry(() => moves.push('second'), 100);
    fade.tick(400, camera);
    fade.tick(2_000, camera);
    expect(moves).toEqual(['second']);
    fade.dispose();
    engine.dispose();
  });
});
