import { defaultFramePacing } from '../../../../client/scene/frame-pacer';
import { renderBudgetFor } from '../../../../client/scene/render-budget';

describe('renderBudgetFor', () => {
  it('draws at full resolution and rate with graphics acceleration', () => {
    for (const renderer of [
      'ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)',
      'Adreno (TM) 740',
      'Apple M2',
    ]) {
      expect(renderBudgetFor(renderer)).toEqual({
        hardwareScaling: 1,
        antialias: true,
        pacing: defaultFramePacing,
        software: false,
      });
    }
  });

  it('draws a quarter of the pixels without multisampling, idling at 10 fps, when WebGL runs on the CPU', () => {
    for (const renderer of [
      'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
      'llvmpipe (LLVM 15.0.6, 256 bits)',
      'Google SwiftShader',
    ]) {
      const budget = renderBudgetFor(renderer);
      expect(budget.software).toBe(true);
      expect(budget.hardwareScaling).toBe(2);
      expect(budget.antialias).toBe(false);
      expect(budget.pacing.idleIntervalMs).toBeCloseTo(1000 / 10);
      // Steering the view is still drawn at the display's full rate.
      expect(budget.pacing.activeWindowMs).toBe(defaultFramePacing.activeWindowMs);
    }
  });
});
