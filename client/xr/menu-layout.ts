import { Reactions, type Reaction } from '../../shared/circle/presence';

/** The wrist menu's texture, in pixels, and the size of the panel it is drawn on, in metres. */
export const MENU_PX = { width: 1024, height: 800 } as const;
export const MENU_M = { width: 0.32, height: 0.25 } as const;

export type MenuButtonId =
  'mute' | 'hand' | `react-${Reaction}` | 'help' | 'recenter' | 'leave' | 'back';

export interface MenuRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * Where each button sits. Big targets, well apart: a hand-held ray wobbles, and people new to
 * VR should never hit the wrong one. Kept as data so the pointer tests can aim at a button.
 */
export const MenuLayout: Record<MenuButtonId, MenuRect> = {
  mute: { left: 32, top: 110, width: 468, height: 200 },
  hand: { left: 524, top: 110, width: 468, height: 200 },
  ...(Object.fromEntries(
    Reactions.map((reaction, i) => [
      `react-${reaction}`,
      { left: 32 + i * 194, top: 340, width: 178, height: 178 },
    ]),
  ) as Record<`react-${Reaction}`, MenuRect>),
  help: { left: 32, top: 560, width: 304, height: 200 },
  recenter: { left: 360, top: 560, width: 304, height: 200 },
  leave: { left: 688, top: 560, width: 304, height: 200 },
  back: { left: 32, top: 560, width: 960, height: 200 },
};

/** A button's centre on the panel, in metres from the panel's centre (x right, y up). */
export function buttonCentreOnPanel(id: MenuButtonId): { x: number; y: number } {
  const rect = MenuLayout[id];
  const u = (rect.left + rect.width / 2) / MENU_PX.width;
  const v = (rect.top + rect.height / 2) / MENU_PX.height;
  return { x: (u - 0.5) * MENU_M.width, y: (0.5 - v) * MENU_M.height };
}
