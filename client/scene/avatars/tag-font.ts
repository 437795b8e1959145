/**
 * Fonts for text drawn into 3D textures. Japanese and other scripts need fonts that carry their
 * glyphs; these are common ones per platform, with colour emoji for state symbols.
 */
export const TAG_FONT_FAMILY =
  'system-ui, "Noto Sans", "Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Yu Gothic", "Meiryo", "Noto Color Emoji", sans-serif';
