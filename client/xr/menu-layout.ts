import { Reactions, type Reaction } from '../../shared/circle/presence';

/** The wrist menu's texture, in pixels, and the size of the panel it is drawn on, in metres. */
export const MENU_PX = { width: 1024, height: 860 } as const;
export const MENU_M = { width: 0.32, height: (0.32 * 860) / 1024 } as const;

export type MenuButtonId =
  | 'mute'
  | 'hand'
  | 'pass'
  | `react-${Reaction}`
  | 'away'
  | 'chat'
  | 'recenter'
  | 'get-help'
  | 'help'
  | 'leave'
  | 'alert'
  | 'back';

/**
 * The menu's pages: its buttons, how to use the controllers, places to turn to (Get help now),
 * and the latest chat lines to read.
 */
export type MenuPage = 'main' | 'controls' | 'get-help' | 'chat';

export interface MenuRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

const column = (i: number) => 32 + i * 328;
const ROW_TOPS = [100, 290, 470, 660] as const;
const wide = (col: number, row: 0 | 2 | 3): MenuRect => ({
  left: column(col),
  top: ROW_TOPS[row],
  width: 304,
  height: 170,
});

/**
 * Where each button sits. Big targets, well apart: a hand-held ray wobbles, and people new to
 * VR should never hit the wrong one. Kept as data so the pointer tests can aim at a button.
 */
export const MenuLayout: Record<MenuButtonId, MenuRect> = {
  mute: wide(0, 0),
  hand: wide(1, 0),
  pass: wide(2, 0),
  ...(Object.fromEntries(
    Reactions.map((reaction, i) => [
      `react-${reaction}`,
      { left: 32 + i * 194, top: ROW_TOPS[1], width: 178, height: 160 },
    ]),
  ) as Record<`react-${Reaction}`, MenuRect>),
  away: wide(0, 2),
  chat: wide(1, 2),
  recenter: wide(2, 2),
  'get-help': wide(0, 3),
  help: wide(1, 3),
  leave: wide(2, 3),
  // The other pages: their text fills the space above these.
  alert: { left: 32, top: ROW_TOPS[3], width: 632, height: 170 },
  back: wide(2, 3),
};

/** The buttons each page offers (some only when they apply, see `WristMenu`). */
export const MenuPageButtons: Record<MenuPage, readonly MenuButtonId[]> = {
  main: [
    'mute',
    'hand',
    'pass',
    ...Reactions.map((r) => `react-${r}` as const),
    'away',
    'chat',
    'recenter',
    'get-help',
    'help',
    'leave',
  ],
  controls: ['back'],
  'get-help': ['alert', 'back'],
  chat: ['back'],
};

/** What decides which buttons a page shows. */
export interface MenuConditions {
  page: MenuPage;
  /** Someone listening without a microphone has nothing to mute. */
  listenOnly: boolean;
  /** Pass is offered only to the holder of the talking piece. */
  holdingPiece: boolean;
  /** A facilitator can be told privately from the Get help page (only in a circle). */
  canAlert: boolean;
}

/** The buttons shown now, in layout order. */
export function shownButtons(conditions: MenuConditions): MenuButtonId[] {
  return MenuPageButtons[conditions.page].filter((id) => {
    if (id === 'mute') return !conditions.listenOnly;
    if (id === 'pass') return conditions.holdingPiece;
    if (id === 'alert') return conditions.canAlert;
    return true;
  });
}

/** A button's centre on the panel, in metres from the panel's centre (x right, y up). */
export function buttonCentreOnPanel(id: MenuButtonId): { x: number; y: number } {
  const rect = MenuLayout[id];
  const u = (rect.left + rect.width / 2) / MENU_PX.width;
  const v = (rect.top + rect.height / 2) / MENU_PX.height;
  return { x: (u - 0.5) * MENU_M.width, y: (0.5 - v) * MENU_M.height };
}
