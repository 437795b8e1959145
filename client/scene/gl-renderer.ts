/**
 * The name of the device that would draw WebGL here, read from a throwaway context before the
 * scene's own exists: some choices (multisampling) are fixed when a context is created.
 */
export function probeGlRenderer(): string {
  const canvas = document.createElement('canvas');
  canvas.width = 1;
  canvas.height = 1;
  const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
  if (!gl) return '';
  try {
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name: unknown = gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER);
    return typeof name === 'string' ? name : '';
  } finally {
    // Browsers cap live contexts per page; hand this one back at once rather than at GC.
    gl.getExtension('WEBGL_lose_context')?.loseContext();
  }
}
