/**
 * How members show up to each other beyond their name: the colour they chose in the lobby, the
 * quiet reactions they can send, and the states drawn on their avatar.
 */

/**
 * Soft, warm-to-cool colours chosen to stay distinct from each other under the dusk light and
 * to read well behind white name-tag text. Members send an index, never a free colour.
 */
export const AvatarColors = [
  '#e0a070',
  '#d98b8b',
  '#c9a0d6',
  '#8fa8e0',
  '#7cc0c4',
  '#8cc48f',
  '#d6c46e',
  '#b8a48c',
] as const;
export type AvatarColorIndex = number;

/** A colour everyone agrees on for a member who has not chosen one, derived from their id. */
export function defaultColorFor(id: string): AvatarColorIndex {
  let hash = 2166136261;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  return (hash >>> 0) % AvatarColors.length;
}

/** The quiet reactions a member can show above their avatar; nothing else is accepted. */
export const Reactions = ['nod', 'heart', 'metoo', 'wave', 'thanks'] as const;
export type Reaction = (typeof Reactions)[number];
