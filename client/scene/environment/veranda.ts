import type { Color3 } from '@babylonjs/core/Maths/math.color';
import { Vector3 } from '@babylonjs/core/Maths/math.vector';
import {
  DECK,
  DECK_TOP_Y,
  EAVE,
  GROUND_Y,
  HOUSE_FRONT_Z,
  HOUSE_HALF_WIDTH,
  POST_XS,
  POST_Z,
  eaveUndersideY,
} from './layout';
import { color, mix, shade } from './palette';
import { between } from './random';
import type { ShapeBatch } from './shape-batch';

const v = (x: number, y: number, z: number): Vector3 => new Vector3(x, y, z);

/** Boards run along the veranda, as on a real engawa; no gaps, so nothing shimmers underfoot. */
function addDeck(lit: ShapeBatch, random: () => number): void {
  lit.box(
    v(DECK.minX, GROUND_Y - 0.05, DECK.minZ),
    v(DECK.maxX, DECK_TOP_Y - 0.03, DECK.maxZ),
    color('deckBody'),
  );
  const boardWidth = 0.19;
  const rows = Math.ceil((DECK.maxZ - DECK.minZ) / boardWidth);
  const wood = color('deckWood');
  for (let row = 0; row < rows; row++) {
    const z0 = DECK.minZ + row * boardWidth;
    const z1 = Math.min(DECK.maxZ, z0 + boardWidth);
    let x0: number = DECK.minX;
    while (x0 < DECK.maxX - 1e-3) {
      const x1 = Math.min(DECK.maxX, x0 + between(random, 1.8, 3.6));
      const tone = shade(wood, between(random, 0.94, 1.04));
      lit.box(v(x0, DECK_TOP_Y - 0.035, z0), v(x1, DECK_TOP_Y, z1), tone);
      x0 = x1;
    }
  }
  // A darker edge board along the garden side, as a soft visual boundary.
  lit.box(
    v(DECK.minX, DECK_TOP_Y - 0.06, DECK.maxZ),
    v(DECK.maxX, DECK_TOP_Y - 0.005, DECK.maxZ + 0.06),
    color('beamWood'),
  );
}

/** Posts, the beam they carry and the eave above, all well over head height. */
function addEave(lit: ShapeBatch): void {
  const post = color('postWood');
  for (const x of POST_XS) {
    lit.box(
      v(x - 0.07, GROUND_Y, POST_Z - 0.07),
      v(x + 0.07, eaveUndersideY(POST_Z) - 0.17, POST_Z + 0.07),
      post,
    );
  }
  const beamTop = eaveUndersideY(POST_Z);
  lit.box(
    v(-EAVE.halfWidth + 0.1, beamTop - 0.17, POST_Z - 0.08),
    v(EAVE.halfWidth - 0.1, beamTop, POST_Z + 0.08),
    color('beamWood'),
  );

  // The roof slab, sloping gently down towards the garden.
  const w = EAVE.halfWidth;
  const z0 = HOUSE_FRONT_Z - 0.2;
  const z1 = EAVE.edgeZ;
  const y0 = eaveUndersideY(z0);
  const y1 = eaveUndersideY(z1);
  const thick = 0.14;
  const under = color('roofUnder');
  const top = color('roofTop');
  const roofColor = (_c: Vector3, n: Vector3): Color3 => (n.y > 0.5 ? top : under);
  lit.block(
    [v(-w, y0, z0), v(w, y0, z0), v(w, y1, z1), v(-w, y1, z1)],
    [v(-w, y0 + thick, z0), v(w, y0 + thick, z0), v(w, y1 + thick, z1), v(-w, y1 + thick, z1)],
    roofColor,
  );
  // Rafters under the slab give the ceiling its rhythm.
  const rafter = color('rafter');
  for (let x = -w + 0.25; x <= w - 0.2; x += 0.5) {
    const d = 0.07;
    lit.block(
      [
        v(x - 0.035, y0 - d, z0),
        v(x + 0.035, y0 - d, z0),
        v(x + 0.035, y1 - d, z1),
        v(x - 0.035, y1 - d, z1),
      ],
      [v(x - 0.035, y0, z0), v(x + 0.035, y0, z0), v(x + 0.035, y1, z1), v(x - 0.035, y1, z1)],
      rafter,
    );
  }
  // A fascia board finishes the eave's edge.
  lit.block(
    [
      v(-w, y1 - 0.12, z1 - 0.04),
      v(w, y1 - 0.12, z1 - 0.04),
      v(w, y1 - 0.12, z1 + 0.02),
      v(-w, y1 - 0.12, z1 + 0.02),
    ],
    [
      v(-w, y1 + thick, z1 - 0.04),
      v(w, y1 + thick, z1 - 0.04),
      v(w, y1 + thick, z1 + 0.02),
      v(-w, y1 + thick, z1 + 0.02),
    ],
    color('beamWood'),
  );
}

const SHOJI_HALF_WIDTH = 3.6;
const PANEL_WIDTH = 0.9;
const SHOJI_TOP_Y = 2.0;
const RANMA = { bottom: 2.12, top: 2.48 } as const;
const KICK_TOP_Y = 0.36;

/**
 * The house side: sliding shoji lit softly from inside, their lattice in pale wood, a lintel,
 * plaster above, and plaster walls at either end.
 */
function addHouse(lit: ShapeBatch, unlit: ShapeBatch, random: () => number): void {
  const zWall = HOUSE_FRONT_Z;
  const plaster = color('plaster');
  const wood = color('postWood');
  const kumiko = color('kumiko');
  const roofAtWall = eaveUndersideY(zWall);
  const out = v(0, 0, 1);
  // Plaster above the transom, beside it and beside the shoji.
  lit.quad(
    v(-HOUSE_HALF_WIDTH, RANMA.top, zWall),
    v(HOUSE_HALF_WIDTH, RANMA.top, zWall),
    v(HOUSE_HALF_WIDTH, roofAtWall, zWall),
    v(-HOUSE_HALF_WIDTH, roofAtWall, zWall),
    out,
    plaster,
  );
  for (const side of [-1, 1]) {
    const inner = side * SHOJI_HALF_WIDTH;
    const outer = side * HOUSE_HALF_WIDTH;
    lit.quad(
      v(inner, GROUND_Y, zWall),
      v(outer, GROUND_Y, zWall),
      v(outer, RANMA.top, zWall),
      v(inner, RANMA.top, zWall),
      out,
      plaster,
    );
    for (const x of [inner, outer]) {
      lit.box(v(x - 0.07, GROUND_Y, zWall - 0.02), v(x + 0.07, roofAtWall, zWall + 0.07), wood);
    }
  }
  // Lintel and a second rail higher up, with a softly lit transom (ranma) between them.
  lit.box(
    v(-HOUSE_HALF_WIDTH, SHOJI_TOP_Y, zWall),
    v(HOUSE_HALF_WIDTH, RANMA.bottom, zWall + 0.07),
    wood,
  );
  lit.box(
    v(-HOUSE_HALF_WIDTH, RANMA.top, zWall),
    v(HOUSE_HALF_WIDTH, RANMA.top + 0.1, zWall + 0.06),
    wood,
  );
  const transom = shade(color('shojiPaperDim'), 0.85);
  unlit.smooth(
    [
      v(-SHOJI_HALF_WIDTH, RANMA.bottom, zWall + 0.01),
      v(SHOJI_HALF_WIDTH, RANMA.bottom, zWall + 0.01),
      v(SHOJI_HALF_WIDTH, RANMA.top, zWall + 0.01),
      v(-SHOJI_HALF_WIDTH, RANMA.top, zWall + 0.01),
    ],
    [transom, transom, transom, transom],
    [0, 2, 1, 0, 3, 2],
  );
  for (let x = -SHOJI_HALF_WIDTH; x <= SHOJI_HALF_WIDTH + 1e-3; x += PANEL_WIDTH / 3) {
    lit.box(v(x - 0.012, RANMA.bottom, zWall), v(x + 0.012, RANMA.top, zWall + 0.04), wood);
  }

  const panels = Math.round((2 * SHOJI_HALF_WIDTH) / PANEL_WIDTH);
  const zPaper = zWall + 0.01;
  for (let p = 0; p < panels; p++) {
    const x0 = -SHOJI_HALF_WIDTH + p * PANEL_WIDTH;
    const x1 = x0 + PANEL_WIDTH;
    // Rooms behind are lit unevenly, which makes the wall feel lived in rather than a screen.
    const glow = mix(color('shojiPaperDim'), color('shojiPaper'), between(random, 0.35, 1));
    const low = shade(glow, 0.93);
    unlit.smooth(
      [
        v(x0, KICK_TOP_Y, zPaper),
        v(x1, KICK_TOP_Y, zPaper),
        v(x1, SHOJI_TOP_Y, zPaper),
        v(x0, SHOJI_TOP_Y, zPaper),
      ],
      [low, low, glow, glow],
      [0, 2, 1, 0, 3, 2],
    );
    // Frame, kick board and lattice sit just in front of the paper.
    const zf = zPaper + 0.035;
    lit.box(v(x0, DECK_TOP_Y, zWall), v(x1, KICK_TOP_Y, zf), wood);
    lit.box(v(x0, KICK_TOP_Y, zWall), v(x0 + 0.035, SHOJI_TOP_Y, zf), kumiko);
    lit.box(v(x1 - 0.035, KICK_TOP_Y, zWall), v(x1, SHOJI_TOP_Y, zf), kumiko);
    lit.box(v(x0, SHOJI_TOP_Y - 0.035, zWall), v(x1, SHOJI_TOP_Y, zf), kumiko);
    const zk = zPaper + 0.02;
    for (let i = 1; i < 3; i++) {
      const x = x0 + (i * PANEL_WIDTH) / 3;
      lit.box(v(x - 0.009, KICK_TOP_Y, zPaper), v(x + 0.009, SHOJI_TOP_Y, zk), kumiko);
    }
    const rows = 6;
    for (let i = 1; i < rows; i++) {
      const y = KICK_TOP_Y + (i * (SHOJI_TOP_Y - KICK_TOP_Y)) / rows;
      lit.box(v(x0, y - 0.009, zPaper), v(x1, y + 0.009, zk), kumiko);
    }
  }
}

export function addVeranda(lit: ShapeBatch, unlit: ShapeBatch, random: () => number): void {
  addDeck(lit, random);
  addEave(lit);
  addHouse(lit, unlit, random);
}
