import type { Reaction } from '../../shared/circle/presence';

/** One symbol per reaction, the same in the overlay, the headset menu and above avatars. */
export const ReactionGlyphs: Record<Reaction, string> = {
  nod: '🙂',
  heart: '💛',
  metoo: '🤝',
  wave: '👋',
  thanks: '🙏',
};
