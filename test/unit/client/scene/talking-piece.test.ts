import { NullEngine } from '@babylonjs/core/Engines/nullEngine';
import { Scene } from '@babylonjs/core/scene';
import { seatPose } from '../../../../client/scene/seat-layout';
import { TalkingPiece } from '../../../../client/scene/talking-piece';

function setup() {
  const engine = new NullEngine();
  const scene = new Scene(engine);
  return { engine, scene, piece: new TalkingPiece(scene) };
}

describe('TalkingPiece', () => {
  it('glides to the holder, arcing above the floor on the way, and settles in front of their seat', () => {
    const { engine, scene, piece } = setup();
    piece.setHolder('ann', seatPose(3, 8), 0);
    piece.tick(600);
    expect(piece.position.y).toBeGreaterThan(0.3);
    piece.tick(5_000);
    const seat = seatPose(3, 8);
    // In front of the cushion: closer to the lantern than the seat itself.
    expect(Math.hypot(piece.position.x, piece.position.z)).toBeLessThan(Math.hypot(seat.x, seat.z));
    expect(Math.hypot(piece.position.x - seat.x, piece.position.z - seat.z)).toBeCloseTo(0.42, 2);
    expect(scene.getMeshByName('talking-piece-ring')?.isEnabled()).toBe(true);
    expect(piece.holderId).toBe('ann');
    piece.dispose();
    engine.dispose();
  });

  it('rests by the lantern, without a ring, when nobody holds it', () => {
    const { engine, scene, piece } = setup();
    piece.setHolder('ann', seatPose(1, 4), 0);
    piece.setHolder(null, undefined, 100);
    piece.tick(5_000);
    expect(Math.hypot(piece.position.x, piece.position.z)).toBeLessThan(0.6);
    expect(scene.getMeshByName('talking-piece-ring')?.isEnabled()).toBe(false);
    piece.dispose();
    expect(scene.meshes).toHaveLength(0);
    expect(scene.materials).toHaveLength(0);
    engine.dispose();
  });
});
