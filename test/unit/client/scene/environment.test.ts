import { FreeCamera } from '@babylonjs/core/Cameras/freeCamera';
import { NullEngine } from '@babylonjs/core/Engines/nullEngine';
import { Texture } from '@babylonjs/core/Materials/Textures/texture';
import { Vector3 } from '@babylonjs/core/Maths/math.vector';
import type { AbstractMesh } from '@babylonjs/core/Meshes/abstractMesh';
import { Mesh } from '@babylonjs/core/Meshes/mesh';
import { Logger } from '@babylonjs/core/Misc/logger';
import { Scene } from '@babylonjs/core/scene';
import { CircleEnvironment } from '../../../../client/scene/environment';
import { SEATED_EYE_HEIGHT_M, seatPose } from '../../../../client/scene/seat-layout';
import { seatingFor } from '../../../../client/scene/seating';

const ringOf = (capacity: number) => seatingFor({ kind: 'support', capacity, tables: [] });

/** The place's share of the Quest budget (60 draw calls, 100k triangles for everything). */
const DRAW_CALL_BUDGET = 12;
const TRIANGLE_BUDGET = 25_000;

Logger.LogLevels = Logger.ErrorLogLevel;

interface World {
  engine: NullEngine;
  scene: Scene;
  camera: FreeCamera;
}

const worlds: World[] = [];

function createWorld(): World {
  const engine = new NullEngine();
  const scene = new Scene(engine);
  const camera = new FreeCamera('seat', new Vector3(0, SEATED_EYE_HEIGHT_M, -1.5), scene);
  camera.setTarget(Vector3.Zero());
  const world = { engine, scene, camera };
  worlds.push(world);
  return world;
}

afterEach(() => {
  for (const { scene, engine } of worlds.splice(0)) {
    scene.dispose();
    engine.dispose();
  }
  jest.restoreAllMocks();
});

function drawable(scene: Scene): AbstractMesh[] {
  return scene.meshes.filter((m) => m.isEnabled() && m.isVisible && m.getTotalVertices() > 0);
}

/** Triangles a frame would draw: a thin-instanced mesh draws its shape once per instance. */
function triangles(meshes: readonly AbstractMesh[]): number {
  return meshes.reduce((sum, mesh) => {
    const instances = mesh instanceof Mesh && mesh.hasThinInstances ? mesh.thinInstanceCount : 1;
    return sum + (mesh.getTotalIndices() / 3) * instances;
  }, 0);
}

function meshNamed(scene: Scene, name: string): Mesh {
  const mesh = scene.getMeshByName(name);
  if (!(mesh instanceof Mesh)) throw new Error(`no mesh called ${name}`);
  return mesh;
}

/** Renders one frame once every shader is ready and counts the draw calls it issued. */
async function drawCallsOfOneFrame({ engine, scene }: World): Promise<number> {
  await scene.whenReadyAsync();
  const elements = jest.spyOn(engine, 'drawElementsType');
  const arrays = jest.spyOn(engine, 'drawArraysType');
  scene.render();
  return elements.mock.calls.length + arrays.mock.calls.length;
}

describe('CircleEnvironment', () => {
  test.each([4, 8, 12])(
    'stays within its draw-call and triangle budget with %i seats',
    async (seats) => {
      const world = createWorld();
      const environment = new CircleEnvironment(world.scene);
      environment.setSeating(ringOf(seats));

      const meshes = drawable(world.scene);
      expect(meshes.length).toBeGreaterThan(0);
      expect(meshes.length).toBeLessThanOrEqual(DRAW_CALL_BUDGET);
      const count = triangles(meshes);
      expect(count).toBeGreaterThan(1000);
      expect(count).toBeLessThanOrEqual(TRIANGLE_BUDGET);

      const drawCalls = await drawCallsOfOneFrame(world);
      expect(drawCalls).toBeGreaterThan(0);
      expect(drawCalls).toBeLessThanOrEqual(DRAW_CALL_BUDGET);
      expect(world.scene.getActiveIndices() / 3).toBeLessThanOrEqual(TRIANGLE_BUDGET);
      // At most the sky light and the lantern's light.
      expect(world.scene.lights.length).toBeLessThanOrEqual(2);
    },
  );

  test('lays one cushion on every seat, and re-lays them when the capacity changes', () => {
    const { scene } = createWorld();
    const environment = new CircleEnvironment(scene);
    const meshCount = scene.meshes.length;
    for (const seats of [4, 12, 8, 5, 12]) {
      environment.setSeating(ringOf(seats));
      const mesh = meshNamed(scene, 'engawa-cushions');
      expect(mesh.thinInstanceCount).toBe(seats);
      const matrices = mesh.thinInstanceGetWorldMatrices();
      for (let seat = 0; seat < seats; seat++) {
        const pose = seatPose(seat, seats);
        const at = matrices[seat]?.getTranslation();
        expect(at?.x).toBeCloseTo(pose.x, 5);
        expect(at?.z).toBeCloseTo(pose.z, 5);
      }
      // Re-laying rewrites matrices; it never adds meshes.
      expect(scene.meshes.length).toBe(meshCount);
    }
  });

  test('freezes every material it uses and loads nothing from the network', async () => {
    const world = createWorld();
    const fetchSpy = jest.spyOn(globalThis, 'fetch');
    const environment = new CircleEnvironment(world.scene);
    environment.setSeating(ringOf(8));
    await drawCallsOfOneFrame(world);

    const materials = new Set(drawable(world.scene).map((m) => m.material));
    expect(materials.size).toBeGreaterThan(0);
    for (const material of materials) expect(material?.isFrozen).toBe(true);
    const withUrls = world.scene.textures.filter((t) => t instanceof Texture && Boolean(t.url));
    expect(withUrls).toEqual([]);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  test('keeps everything that moves slow and steady', () => {
    const { engine, scene } = createWorld();
    const environment = new CircleEnvironment(scene);
    environment.setSeating(ringOf(8));
    const glows = meshNamed(scene, 'engawa-glows');
    const frameMs = 1000 / 72;
    jest.spyOn(engine, 'getDeltaTime').mockReturnValue(frameMs);
    const positions = (): Vector3[] =>
      glows.thinInstanceGetWorldMatrices().map((m) => m.getTranslation());
    scene.render();
    let before = positions();
    let moved = 0;
    for (let frame = 0; frame < 72 * 10; frame++) {
      scene.render();
      const after = positions();
      after.forEach((p, i) => {
        const step = Vector3.Distance(p, before[i] ?? p);
        // Under 0.25 m/s: a drift, never a dart.
        expect(step / (frameMs / 1000)).toBeLessThan(0.25);
        moved = Math.max(moved, step);
      });
      before = after;
    }
    expect(moved).toBeGreaterThan(0);
  });

  test('dispose() leaves nothing of the place behind', () => {
    const { scene } = createWorld();
    const snapshot = (): unknown[][] => [
      [...scene.meshes],
      [...scene.materials],
      [...scene.textures],
      [...scene.lights],
      [...scene.geometries],
      [...scene.transformNodes],
      [...scene.onBeforeRenderObservable.observers],
    ];
    const before = snapshot();
    const fogMode = scene.fogMode;
    const environment = new CircleEnvironment(scene);
    environment.setSeating(ringOf(12));
    scene.render();
    environment.setSeating(ringOf(6));
    expect(scene.meshes.length).toBeGreaterThan(before[0]?.length ?? 0);

    environment.dispose();
    expect(snapshot()).toEqual(before);
    expect(scene.fogMode).toBe(fogMode);
  });
});
