import { defaultFramePacing, type FramePacerOptions } from './frame-pacer';

/** How finely, and how often, the desktop view is drawn. */
export interface RenderBudget {
  /** Babylon's hardware scaling level: 2 draws a quarter of the pixels. */
  hardwareScaling: number;
  /** Multisampled edges: on the CPU they cost about a third of each frame. */
  antialias: boolean;
  pacing: FramePacerOptions;
  software: boolean;
}

/** Renderers that draw WebGL on the CPU (Chromium's SwiftShader, Mesa's llvmpipe and softpipe). */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software/i;

/**
 * A computer without graphics acceleration (an old laptop, a blocklisted driver) draws WebGL on
 * its CPU, the same CPU the voices need. There the circle is drawn at half resolution, without
 * multisampling and, while nobody steers the view, 10 times a second: still calm and readable,
 * at a fraction of the cost.
 */
export function renderBudgetFor(renderer: string): RenderBudget {
  if (!SOFTWARE_RENDERER.test(renderer)) {
    return { hardwareScaling: 1, antialias: true, pacing: defaultFramePacing, software: false };
  }
  return {
    hardwareScaling: 2,
    antialias: false,
    pacing: { ...defaultFramePacing, idleIntervalMs: 1000 / 10 },
    software: true,
  };
}
