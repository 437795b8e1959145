import { NullEngine } from '@babylonjs/core/Engines/nullEngine';
import type { InstancedMesh } from '@babylonjs/core/Meshes/instancedMesh';
import { Scene } from '@babylonjs/core/scene';
import { AvatarRoster } from '../../../../client/scene/avatars/avatar-roster';
import { restPoseFor } from '../../../../client/scene/avatars/avatar-pose';
import { seatingFor } from '../../../../client/scene/seating';

const ring4 = seatingFor({ kind: 'support', capacity: 4, tables: [] });
import type { MemberView } from '../../../../shared/circle/views';
import { encodePose } from '../../../../shared/pose/pose-codec';

function member(id: string, seat: number, extra: Partial<MemberView> = {}): MemberView {
  return {
    id,
    name: id,
    role: 'participant',
    seat,
    arrival: seat,
    connected: true,
    takingPart: 'speak',
    place: null,
    muted: false,
    forceMuted: false,
    color: 2,
    away: false,
    ...extra,
  };
}

const labels = { steppedOut: 'stepped out' };

/**
 * Name tags draw text on a canvas, which Node lacks; a 2D context that accepts every call and
 * measures text by length is enough here, where only geometry and looks are checked.
 */
class FakeCanvas {
  constructor(
    public width: number,
    public height: number,
  ) {}
  getContext(): unknown {
    const calls: Record<string, unknown> = {
      measureText: (text: string) => ({ width: text.length * 20 }),
    };
    return new Proxy(calls, {
      get: (target, key: string) => target[key] ?? (() => undefined),
      set: () => true,
    });
  }
}

beforeAll(() => {
  (globalThis as Record<string, unknown>).OffscreenCanvas = FakeCanvas;
});

afterAll(() => {
  delete (globalThis as Record<string, unknown>).OffscreenCanvas;
});

function setup() {
  const engine = new NullEngine();
  const scene = new Scene(engine);
  const roster = new AvatarRoster(scene);
  const look = (id: string) =>
    (scene.getMeshByName(`head-${id}`) as InstancedMesh | null)?.sourceMesh.name;
  return { engine, scene, roster, look };
}

describe('AvatarRoster', () => {
  it('draws everyone but the viewer, at rest at their seats until poses arrive', () => {
    const { scene, roster, engine } = setup();
    roster.update({
      members: [member('me', 0), member('ann', 1), member('ben', 2)],
      selfId: 'me',
      seating: ring4,
      hands: [],
      labels,
    });
    roster.tick(0);
    expect(scene.getMeshByName('head-me')).toBeNull();
    const ann = scene.getMeshByName('head-ann');
    const rest = restPoseFor(ring4.poseOf({ seat: 1, place: null })).head.position;
    expect(ann?.position.x).toBeCloseTo(rest.x, 5);
    expect(ann?.position.z).toBeCloseTo(rest.z, 5);
    roster.dispose();
    engine.dispose();
  });

  it('moves an avatar to the pose its person sends', () => {
    const { scene, roster, engine } = setup();
    roster.update({ members: [member('ann', 1)], selfId: 'me', seating: ring4, hands: [], labels });
    const head = { position: { x: 0.3, y: 1.2, z: 0.4 }, rotation: { x: 0, y: 0, z: 0, w: 1 } };
    // 25 updates a second (seq counts the sender's 10 ms ticks), drawn at 60 frames a second.
    for (let t = 0; t <= 600; t += 16) {
      if (t % 40 < 16) roster.receivePose('ann', encodePose({ seq: Math.floor(t / 10), head }), t);
      roster.tick(t);
    }
    const drawn = roster.drawnPose('ann');
    expect(drawn?.head.position.x).toBeCloseTo(0.3, 3);
    expect(scene.getMeshByName('head-ann')?.position.z).toBeCloseTo(0.4, 3);
    roster.dispose();
    engine.dispose();
  });

  it('lets someone who sends no motion breathe slowly at their seat, never leaving it', () => {
    const { roster, engine } = setup();
    roster.update({ members: [member('ann', 1)], selfId: 'me', seating: ring4, hands: [], labels });
    const rest = restPoseFor(ring4.poseOf({ seat: 1, place: null })).head.position;
    const heights: number[] = [];
    for (let t = 0; t <= 6_000; t += 100) {
      roster.tick(t);
      const head = roster.drawnPose('ann')?.head.position;
      if (!head) throw new Error('nothing drawn');
      expect(head.x).toBeCloseTo(rest.x, 6);
      expect(head.z).toBeCloseTo(rest.z, 6);
      heights.push(head.y - rest.y);
    }
    expect(Math.max(...heights) - Math.min(...heights)).toBeGreaterThan(0.01);
    expect(Math.max(...heights.map(Math.abs))).toBeLessThanOrEqual(0.008 + 1e-9);
    roster.dispose();
    engine.dispose();
  });

  it('fades someone who comes within the personal space bubble, and restores them after', () => {
    const { roster, engine, look } = setup();
    roster.update({ members: [member('ann', 1)], selfId: 'me', seating: ring4, hands: [], labels });
    roster.tick(0, { x: 10, y: 1, z: 10 });
    expect(look('ann')).toBe('avatar-head-solid');
    const at = restPoseFor(ring4.poseOf({ seat: 1, place: null })).head.position;
    roster.tick(16, { x: at.x + 0.3, y: at.y, z: at.z });
    expect(look('ann')).toBe('avatar-head-faded');
    roster.tick(32, { x: at.x + 1, y: at.y, z: at.z });
    expect(look('ann')).toBe('avatar-head-solid');
    roster.dispose();
    engine.dispose();
  });

  it('shows stepped-out and disconnected people faded, and rejects frames that are not poses', () => {
    const { roster, engine, look } = setup();
    roster.update({
      members: [member('ann', 1, { away: true }), member('ben', 2, { connected: false })],
      selfId: 'me',
      seating: ring4,
      hands: [],
      labels,
    });
    expect(look('ann')).toBe('avatar-head-faded');
    expect(look('ben')).toBe('avatar-head-faded');
    roster.receivePose('ann', new Uint8Array([1, 2, 3]), 0);
    expect(roster.rejectedFrames).toBe(1);
    roster.dispose();
    engine.dispose();
  });

  it('removes the avatars of people who left and leaves no meshes behind on dispose', () => {
    const { scene, roster, engine } = setup();
    roster.update({
      members: [member('ann', 1), member('ben', 2)],
      selfId: 'me',
      seating: ring4,
      hands: [],
      labels,
    });
    roster.update({ members: [member('ann', 1)], selfId: 'me', seating: ring4, hands: [], labels });
    expect(scene.getMeshByName('head-ben')).toBeNull();
    roster.dispose();
    expect(scene.meshes).toHaveLength(0);
    expect(scene.materials).toHaveLength(0);
    expect(scene.textures).toHaveLength(0);
    engine.dispose();
  });
});
