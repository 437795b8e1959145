/**
 * Where the big pieces stand, in metres. The circle's centre is the origin; the house is on the
 * -z side and the garden opens towards +z, so the first seat (at -z, facing +z) looks out over
 * the garden and the seats opposite look at the glowing shoji.
 */
export const DECK_TOP_Y = 0.1;
export const GROUND_Y = -0.55;
export const HOUSE_FRONT_Z = -3.3;
export const DECK = { minX: -4.6, maxX: 4.6, minZ: HOUSE_FRONT_Z, maxZ: 2.95 } as const;
export const HOUSE_HALF_WIDTH = 5.3;
/** The eave: its underside at the house wall and at its outer edge. */
export const EAVE = { wallY: 3.6, edgeY: 2.75, edgeZ: 3.55, halfWidth: 5.5 } as const;
/** Posts along the garden edge, clear of every seat and of the middle of the view. */
export const POST_XS = [-4.45, -1.9, 1.9, 4.45] as const;
export const POST_Z = 2.75;
export const LANTERN_LIGHT_Y = 0.42;
/** No seated (or leaning) eye gets this low, so undersides below it are never seen. */
export const UNSEEN_BELOW_Y = 0.6;

/** Height of the eave's underside at depth `z`. */
export function eaveUndersideY(z: number): number {
  const t = (z - HOUSE_FRONT_Z) / (EAVE.edgeZ - HOUSE_FRONT_Z);
  return EAVE.wallY + (EAVE.edgeY - EAVE.wallY) * t;
}
