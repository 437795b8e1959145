/**
 * Whether this browser can show the circle in a headset. Kept tiny and separate from the XR code
 * so desktop browsers never download Babylon's XR parts.
 */
export async function immersiveVrSupported(
  xr: XRSystem | undefined = navigator.xr,
): Promise<boolean> {
  if (!xr || !window.isSecureContext) return false;
  try {
    return await xr.isSessionSupported('immersive-vr');
  } catch {
    // Some browsers throw instead of answering when a permissions policy forbids XR.
    return false;
  }
}
