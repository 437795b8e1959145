import type { Locator, Page } from 'playwright-core';

export interface PixelStats {
  distinctColours: number;
  nonBackgroundShare: number;
}

/**
 * Screenshots an element and measures it inside the browser (decoding the PNG there), so a
 * test can tell a drawn 3D scene from a blank or single-colour canvas without extra packages.
 */
export async function measurePixels(page: Page, target: Locator): Promise<PixelStats> {
  const png = await target.screenshot();
  return page.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2d context');
    ctx.drawImage(bitmap, 0, 0);
    const { data } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
    const counts = new Map<number, number>();
    for (let i = 0; i < data.length; i += 4) {
      // Quantise to 5 bits per channel so antialiasing noise does not count as variety.
      const r = data[i] ?? 0;
      const g = data[i + 1] ?? 0;
      const b = data[i + 2] ?? 0;
      const key = ((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const total = data.length / 4;
    const mostCommon = Math.max(...counts.values());
    return { distinctColours: counts.size, nonBackgroundShare: 1 - mostCommon / total };
  }, png.toString('base64'));
}
