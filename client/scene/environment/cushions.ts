import '@babylonjs/core/Meshes/thinInstanceMesh';
import type { Material } from '@babylonjs/core/Materials/material';
import { Matrix, Quaternion, Vector3 } from '@babylonjs/core/Maths/math.vector';
import { Mesh } from '@babylonjs/core/Meshes/mesh';
import { VertexData } from '@babylonjs/core/Meshes/mesh.vertexData';
import type { Scene } from '@babylonjs/core/scene';
import type { SeatPose } from '../seat-layout';
import { DECK_TOP_Y } from './layout';
import { color, mix } from './palette';

const HALF_X = 0.28;
const HALF_Z = 0.3;
const CORNER = 0.08;
const CORNER_STEPS = 4;
/** (scale of the outline, height): a soft, slightly puffed square. */
const PROFILE: readonly (readonly [number, number])[] = [
  [0.97, 0.004],
  [1, 0.035],
  [0.95, 0.068],
  [0.74, 0.09],
  [0.38, 0.1],
];
const CENTRE_Y = 0.103;

function outline(): [number, number][] {
  const points: [number, number][] = [];
  const corners: [number, number, number][] = [
    [HALF_X - CORNER, HALF_Z - CORNER, 0],
    [-(HALF_X - CORNER), HALF_Z - CORNER, Math.PI / 2],
    [-(HALF_X - CORNER), -(HALF_Z - CORNER), Math.PI],
    [HALF_X - CORNER, -(HALF_Z - CORNER), (3 * Math.PI) / 2],
  ];
  for (const [cx, cz, start] of corners) {
    for (let s = 0; s <= CORNER_STEPS; s++) {
      const a = start + (s / CORNER_STEPS) * (Math.PI / 2);
      points.push([cx + Math.cos(a) * CORNER, cz + Math.sin(a) * CORNER]);
    }
  }
  return points;
}

/** One zabuton, smooth-shaded; the seam around its middle a shade darker. */
function cushionVertexData(): VertexData {
  const ring = outline();
  const positions: number[] = [];
  const colors: number[] = [];
  const indices: number[] = [];
  const top = color('cushion');
  const seam = color('cushionEdge');
  PROFILE.forEach(([scale, y], r) => {
    const c = r === 1 ? seam : r === 0 ? mix(seam, top, 0.3) : top;
    for (const [x, z] of ring) {
      positions.push(x * scale, y, z * scale);
      colors.push(c.r, c.g, c.b, 1);
    }
  });
  const n = ring.length;
  for (let r = 0; r + 1 < PROFILE.length; r++) {
    for (let i = 0; i < n; i++) {
      const a = r * n + i;
      const b = r * n + ((i + 1) % n);
      const c = a + n;
      const d = b + n;
      indices.push(a, b, c, b, d, c);
    }
  }
  const centre = positions.length / 3;
  positions.push(0, CENTRE_Y, 0);
  colors.push(top.r, top.g, top.b, 1);
  const last = (PROFILE.length - 1) * n;
  for (let i = 0; i < n; i++) indices.push(last + i, last + ((i + 1) % n), centre);
  const data = new VertexData();
  const normals: number[] = [];
  VertexData.ComputeNormals(positions, indices, normals);
  data.positions = positions;
  data.indices = indices;
  data.normals = normals;
  data.colors = colors;
  return data;
}

/** A cushion at every seat, drawn as thin instances of one mesh: one draw call for all. */
export class CushionRing {
  readonly mesh: Mesh;

  constructor(scene: Scene, material: Material) {
    this.mesh = new Mesh('engawa-cushions', scene);
    cushionVertexData().applyToMesh(this.mesh, false);
    this.mesh.material = material;
    this.mesh.isPickable = false;
    // Instances spread round the ring, so the template's own bounds mean nothing for culling.
    this.mesh.alwaysSelectAsActiveMesh = true;
    this.mesh.isVisible = false;
  }

  get count(): number {
    return this.mesh.thinInstanceCount;
  }

  /** Re-lays the cushions at these seats by rewriting one small matrix buffer. */
  layOut(seats: readonly SeatPose[]): void {
    const matrices = new Float32Array(16 * seats.length);
    const matrix = new Matrix();
    const scale = Vector3.One();
    for (const [seat, pose] of seats.entries()) {
      Matrix.ComposeToRef(
        scale,
        Quaternion.RotationAxis(Vector3.Up(), pose.yaw),
        new Vector3(pose.x, DECK_TOP_Y, pose.z),
        matrix,
      );
      matrix.copyToArray(matrices, seat * 16);
    }
    this.mesh.thinInstanceSetBuffer('matrix', matrices, 16, true);
    this.mesh.isVisible = seats.length > 0;
  }

  dispose(): void {
    this.mesh.dispose();
  }
}
