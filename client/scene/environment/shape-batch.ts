import { Color3 } from '@babylonjs/core/Maths/math.color';
import type { Matrix } from '@babylonjs/core/Maths/math.vector';
import { Vector3 } from '@babylonjs/core/Maths/math.vector';
import { Mesh } from '@babylonjs/core/Meshes/mesh';
import { VertexData } from '@babylonjs/core/Meshes/mesh.vertexData';
import type { Material } from '@babylonjs/core/Materials/material';
import type { Scene } from '@babylonjs/core/scene';
import { UNSEEN_BELOW_Y } from './layout';

/** A colour for a whole face, chosen from where the face is and which way it looks. */
export type FaceColor = Color3 | ((centre: Vector3, normal: Vector3) => Color3);

/** Just enough of VertexData to copy triangles out of Babylon's shape builders. */
export interface TriangleSource {
  positions: ArrayLike<number> | null;
  indices: ArrayLike<number> | null;
}

const scratch = {
  a: new Vector3(),
  b: new Vector3(),
  c: new Vector3(),
  ab: new Vector3(),
  cb: new Vector3(),
  normal: new Vector3(),
  centre: new Vector3(),
};

/**
 * Collects many static shapes into one vertex-coloured mesh, so a whole part of the place costs
 * a single draw call. Faces are flat-shaded (each triangle has its own vertices and normal),
 * which gives the low-poly look and lets every face carry its own colour.
 */
export class ShapeBatch {
  private readonly positions: number[] = [];
  private readonly normals: number[] = [];
  private readonly colors: number[] = [];
  private readonly indices: number[] = [];

  get triangleCount(): number {
    return this.indices.length / 3;
  }

  /** One flat triangle; the order of the corners decides which side faces out. */
  triangle(a: Vector3, b: Vector3, c: Vector3, color: FaceColor): void {
    a.subtractToRef(b, scratch.ab);
    c.subtractToRef(b, scratch.cb);
    Vector3.CrossToRef(scratch.ab, scratch.cb, scratch.normal);
    const length = scratch.normal.length();
    if (length < 1e-12) return;
    scratch.normal.scaleInPlace(1 / length);
    scratch.centre
      .copyFrom(a)
      .addInPlace(b)
      .addInPlace(c)
      .scaleInPlace(1 / 3);
    const rgb = typeof color === 'function' ? color(scratch.centre, scratch.normal) : color;
    const base = this.positions.length / 3;
    for (const p of [a, b, c]) {
      this.positions.push(p.x, p.y, p.z);
      this.normals.push(scratch.normal.x, scratch.normal.y, scratch.normal.z);
      this.colors.push(rgb.r, rgb.g, rgb.b, 1);
    }
    this.indices.push(base, base + 1, base + 2);
  }

  /** A flat four-sided face turned so its front looks towards `outward`. */
  quad(a: Vector3, b: Vector3, c: Vector3, d: Vector3, outward: Vector3, color: FaceColor): void {
    a.subtractToRef(b, scratch.ab);
    c.subtractToRef(b, scratch.cb);
    const facing = Vector3.Dot(Vector3.Cross(scratch.ab, scratch.cb), outward);
    if (facing >= 0) {
      this.triangle(a, b, c, color);
      this.triangle(a, c, d, color);
    } else {
      this.triangle(a, c, b, color);
      this.triangle(a, d, c, color);
    }
  }

  /**
   * Any six-sided block from its four lower and four upper corners (each in the same turning
   * order), so sloping roofs and tapering posts need no special cases.
   */
  block(
    lower: readonly Vector3[],
    upper: readonly Vector3[],
    color: FaceColor,
    withUnderside = true,
  ): void {
    const centre = new Vector3();
    for (const p of [...lower, ...upper]) centre.addInPlace(p);
    centre.scaleInPlace(1 / 8);
    const face = (corners: Vector3[]): void => {
      const mid = corners.reduce((sum, p) => sum.addInPlace(p), new Vector3()).scaleInPlace(0.25);
      const [a, b, c, d] = corners as [Vector3, Vector3, Vector3, Vector3];
      this.quad(a, b, c, d, mid.subtract(centre), color);
    };
    const [l0, l1, l2, l3] = lower as [Vector3, Vector3, Vector3, Vector3];
    const [u0, u1, u2, u3] = upper as [Vector3, Vector3, Vector3, Vector3];
    if (withUnderside) face([l0, l1, l2, l3]);
    face([u0, u1, u2, u3]);
    face([l0, l1, u1, u0]);
    face([l1, l2, u2, u1]);
    face([l2, l3, u3, u2]);
    face([l3, l0, u0, u3]);
  }

  /**
   * An upright box from its minimum and maximum corners. Its underside is left out when it is
   * lower than any eye can get (`UNSEEN_BELOW_Y`): planks, posts and frames never show it.
   */
  box(min: Vector3, max: Vector3, color: FaceColor): void {
    const at = (x: number, y: number, z: number): Vector3 => new Vector3(x, y, z);
    this.block(
      [
        at(min.x, min.y, min.z),
        at(max.x, min.y, min.z),
        at(max.x, min.y, max.z),
        at(min.x, min.y, max.z),
      ],
      [
        at(min.x, max.y, min.z),
        at(max.x, max.y, min.z),
        at(max.x, max.y, max.z),
        at(min.x, max.y, max.z),
      ],
      color,
      min.y >= UNSEEN_BELOW_Y,
    );
  }

  /** Copies the triangles of a builder's shape, placed by `transform`, each face flat. */
  shape(source: TriangleSource, transform: Matrix, color: FaceColor): void {
    const positions = source.positions;
    const indices = source.indices;
    if (!positions || !indices) return;
    const corner = (index: number, out: Vector3): Vector3 => {
      const i = (indices[index] ?? 0) * 3;
      return Vector3.TransformCoordinatesFromFloatsToRef(
        positions[i] ?? 0,
        positions[i + 1] ?? 0,
        positions[i + 2] ?? 0,
        transform,
        out,
      );
    };
    // A mirroring transform flips the turning order; swap two corners to keep fronts outside.
    const mirrored = transform.determinant() < 0;
    for (let t = 0; t + 2 < indices.length; t += 3) {
      const a = corner(t, scratch.a).clone();
      const b = corner(t + 1, scratch.b).clone();
      const c = corner(t + 2, scratch.c).clone();
      if (mirrored) this.triangle(a, c, b, color);
      else this.triangle(a, b, c, color);
    }
  }

  /** Shared-vertex, smoothly shaded triangles (sky, water) with a colour per vertex. */
  smooth(
    positions: readonly Vector3[],
    colors: readonly Color3[],
    indices: readonly number[],
    alpha = 1,
  ): void {
    const base = this.positions.length / 3;
    positions.forEach((p, i) => {
      const c = colors[i] ?? Color3.White();
      this.positions.push(p.x, p.y, p.z);
      // Unlit surfaces only: the normal just has to exist.
      this.normals.push(0, 1, 0);
      this.colors.push(c.r, c.g, c.b, alpha);
    });
    for (const index of indices) this.indices.push(base + index);
  }

  /** Turns everything collected so far into one static, unpickable mesh. */
  build(name: string, scene: Scene, material: Material): Mesh {
    const mesh = new Mesh(name, scene);
    const data = new VertexData();
    data.positions = new Float32Array(this.positions);
    data.normals = new Float32Array(this.normals);
    data.colors = new Float32Array(this.colors);
    data.indices =
      this.positions.length / 3 > 65535
        ? new Uint32Array(this.indices)
        : new Uint16Array(this.indices);
    data.applyToMesh(mesh, false);
    mesh.material = material;
    freezeStatic(mesh);
    return mesh;
  }
}

/** Static meshes skip per-frame matrix, bounds and picking work. */
export function freezeStatic(mesh: Mesh): void {
  mesh.isPickable = false;
  mesh.freezeWorldMatrix();
  mesh.doNotSyncBoundingInfo = true;
}
