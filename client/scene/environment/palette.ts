import { Color3 } from '@babylonjs/core/Maths/math.color';

/**
 * Every colour of the place in one table, so the mood can be tuned in one spot. Dusk: deep
 * indigo overhead, warm peach at the horizon, wood and paper lit warmly from the lantern.
 * Contrast is kept gentle on purpose; nothing is pure black or pure white.
 */
export const PALETTE = {
  skyZenith: '#141a3c',
  skyHigh: '#252c5c',
  skyMid: '#4a4577',
  skyLow: '#8e6b8a',
  horizonWarm: '#f0a67a',
  horizonCool: '#b28497',
  skyGlow: '#d98c82',
  moon: '#f1e6cc',
  belowHorizon: '#6c5671',
  mountainFar: '#76648a',
  mountainNear: '#54496f',
  fog: '#6d5a79',
  skyLightTop: '#8c8fb8',
  skyLightBottom: '#4a3a36',

  deckWood: '#966a48',
  deckBody: '#3b2a20',
  postWood: '#5e4030',
  beamWood: '#4f3626',
  roofUnder: '#8a6a4e',
  rafter: '#5e4230',
  roofTop: '#3a3940',
  plaster: '#c9b9a0',
  kumiko: '#d2b48a',
  shojiPaper: '#e8c697',
  shojiPaperDim: '#cfa77a',

  lanternWood: '#3c2a20',
  lanternPaper: '#f6cf98',
  lanternInside: '#ffe6bd',
  lanternLight: '#ffc488',
  mat: '#6a4a34',

  cushion: '#364470',
  cushionEdge: '#2a3558',

  grass: '#3e5a3a',
  moss: '#4b6a3f',
  earth: '#4a4034',
  gravel: '#8c877c',
  gravelRidge: '#979185',
  stone: '#777470',
  stoneWarm: '#847a6e',
  waterNear: '#3b3d60',
  waterFar: '#c9928a',
  mapleRed: '#c24a30',
  mapleOrange: '#d6763a',
  mapleDeep: '#9c3a32',
  trunk: '#4a3628',
  evergreen: '#3d5e45',
  shrub: '#3a5a3e',
  hedge: '#344c3a',
  toroGlow: '#ffc27a',
  firefly: '#c8e070',
} as const;

export type PaletteName = keyof typeof PALETTE;

/** A fresh copy, so callers may change it without touching the table. */
export function color(name: PaletteName): Color3 {
  return Color3.FromHexString(PALETTE[name]);
}

/** The colour scaled in brightness by `factor`. */
export function shade(base: Color3, factor: number): Color3 {
  return new Color3(base.r * factor, base.g * factor, base.b * factor);
}

/** Part way from `a` to `b`. */
export function mix(a: Color3, b: Color3, t: number): Color3 {
  return Color3.Lerp(a, b, t);
}
