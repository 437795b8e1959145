import { NullEngine } from '@babylonjs/core/Engines/nullEngine';
import { Vector3 } from '@babylonjs/core/Maths/math.vector';
import { Scene } from '@babylonjs/core/scene';
import { NoticeCue } from '../../../../client/xr/notice-cue';

describe('NoticeCue', () => {
  it('shows a small light where it is asked to, breathing slowly, and goes out when not', () => {
    const engine = new NullEngine();
    const scene = new Scene(engine);
    const cue = new NoticeCue(scene);
    expect(cue.shown).toBe(false);
    const mesh = scene.getMeshByName('notice-cue');
    cue.follow(new Vector3(0.1, 1.2, 0.3), 0);
    expect(cue.shown).toBe(true);
    expect(mesh?.position.asArray()).toEqual([0.1, 1.2, 0.3]);
    const smallest = mesh?.scaling.x ?? 0;
    cue.follow(new Vector3(0.1, 1.2, 0.3), 1_200);
    const largest = mesh?.scaling.x ?? 0;
    // A slow swell, never large: a few centimetres across.
    expect(largest).toBeGreaterThan(smallest * 1.3);
    expect(largest).toBeLessThan(0.05);
    cue.follow(undefined, 1_300);
    expect(cue.shown).toBe(false);
    cue.dispose();
    expect(scene.meshes).toHaveLength(0);
    expect(scene.materials).toHaveLength(0);
    engine.dispose();
  });
});
