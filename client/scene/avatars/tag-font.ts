/**
 * Fonts for text drawn into 3D textures (name tags, the headset menu). Japanese needs a font
 * with its glyphs on every device, so Noto Sans JP is served by Engawa itself, in small
 * unicode-range pieces; the rest of the list covers other scripts and colour emoji.
 */
export const TAG_FONT_FAMILY =
  '"Noto Sans JP", system-ui, "Noto Sans", "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic", "Meiryo", "Noto Color Emoji", sans-serif';

/** Same-origin stylesheet declaring the font's pieces (see signaling-server/http/create-app.ts). */
const STYLESHEET = '/fonts/noto-sans-jp/600.css';

let linked = false;

/**
 * Resolves once the glyphs `text` needs are loaded (fetching only those pieces), so a canvas can
 * draw it. Resolves at once where there is no document (unit tests) or nothing to wait for.
 */
export async function tagFontReady(text: string, px = 52): Promise<void> {
  if (typeof document === 'undefined' || !('fonts' in document)) return;
  if (!linked) {
    linked = true;
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = STYLESHEET;
    document.head.append(link);
    await new Promise<void>((resolve) => {
      link.addEventListener(
        'load',
        () => {
          resolve();
        },
        { once: true },
      );
      link.addEventListener(
        'error',
        () => {
          resolve();
        },
        { once: true },
      );
    });
  }
  const font = `600 ${px}px "Noto Sans JP"`;
  if (document.fonts.check(font, text)) return;
  await document.fonts.load(font, text).catch(() => undefined);
}
