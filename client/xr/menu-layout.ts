import { ReportReasons, type ReportReason } from '../../shared/circle/facilitation';
import { Reactions, type Reaction } from '../../shared/circle/presence';
import { TakingPartChoices, type TakingPart } from '../../shared/circle/taking-part';

/** The wrist menu's texture, in pixels, and the size of the panel it is drawn on, in metres. */
export const MENU_PX = { width: 1024, height: 860 } as const;
export const MENU_M = { width: 0.32, height: (0.32 * 860) / 1024 } as const;

/** One button per other member on the People page: a circle has at most 12 seats. */
export const PersonSlots = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
export type PersonButtonId = `person-${(typeof PersonSlots)[number]}`;

/** One button per table on the Tables page: a social event has at most six. */
export const TableSlots = [0, 1, 2, 3, 4, 5] as const;
export type TableButtonId = `table-${(typeof TableSlots)[number]}`;

/** One button per suggested word on the word chain's page. */
export const WordSlots = [0, 1, 2] as const;
export type WordButtonId = `word-${(typeof WordSlots)[number]}`;

export type MenuButtonId =
  | 'mute'
  | 'hand'
  | 'game'
  | 'tables'
  | 'pass'
  | 'take-part'
  | `part-${TakingPart}`
  | 'offer'
  | 'offer-accept'
  | 'offer-decline'
  | `react-${Reaction}`
  | 'away'
  | 'chat'
  | 'people'
  | 'recenter'
  | 'get-help'
  | 'help'
  | 'leave'
  | 'alert'
  | PersonButtonId
  | 'report'
  | 'block'
  | `reason-${ReportReason}`
  | WordButtonId
  | 'game-pass'
  | 'game-join'
  | 'game-tables'
  | TableButtonId
  | 'table-quiet'
  | 'back';

/**
 * The menu's pages: its buttons, how to use the controllers (with Recenter), places to turn to
 * (Get help now), the latest chat lines to read, and the people in the circle, where one can be
 * chosen to report (with a reason) or block. At a social event's table, the table's word chain
 * (しりとり) has a page of its own.
 */
export type MenuPage =
  | 'main'
  | 'controls'
  | 'get-help'
  | 'chat'
  | 'people'
  | 'person'
  | 'report'
  | 'take-part'
  | 'offer'
  | 'game'
  | 'tables';

export interface MenuRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

const column = (i: number) => 32 + i * 328;
const ROW_TOPS = [100, 290, 470, 660] as const;
const wide = (col: number, row: 0 | 1 | 2 | 3): MenuRect => ({
  left: column(col),
  top: ROW_TOPS[row],
  width: 304,
  height: 170,
});
/** The People page's grid: three across, four down, above Back. */
const slot = (i: number): MenuRect => ({
  left: column(i % 3),
  top: 100 + Math.floor(i / 3) * 135,
  width: 304,
  height: 120,
});

/**
 * Where each button sits. Big targets, well apart: a hand-held ray wobbles, and people new to
 * VR should never hit the wrong one. Kept as data so the pointer tests can aim at a button.
 */
export const MenuLayout: Record<MenuButtonId, MenuRect> = {
  mute: wide(0, 0),
  hand: wide(1, 0),
  // At a table, the word chain takes Raise hand's place: nobody there holds a floor to ask for.
  game: wide(1, 0),
  // At a social event, away from any table, choosing one takes it instead.
  tables: wide(1, 0),
  pass: wide(2, 0),
  // Share Pass's place: one of the three shows at a time (see `shownButtons`).
  'take-part': wide(2, 0),
  offer: wide(2, 0),
  'offer-accept': wide(0, 1),
  'offer-decline': wide(1, 1),
  ...(Object.fromEntries(
    TakingPartChoices.map((choice, i) => [`part-${choice}`, i < 3 ? wide(i, 1) : wide(i - 3, 2)]),
  ) as Record<`part-${TakingPart}`, MenuRect>),
  ...(Object.fromEntries(
    Reactions.map((reaction, i) => [
      `react-${reaction}`,
      { left: 32 + i * 194, top: ROW_TOPS[1], width: 178, height: 160 },
    ]),
  ) as Record<`react-${Reaction}`, MenuRect>),
  away: wide(0, 2),
  chat: wide(1, 2),
  people: wide(2, 2),
  'get-help': wide(0, 3),
  help: wide(1, 3),
  leave: wide(2, 3),
  // The other pages: their text fills the space above these.
  recenter: { left: 32, top: ROW_TOPS[3], width: 632, height: 170 },
  alert: { left: 32, top: ROW_TOPS[3], width: 632, height: 170 },
  ...(Object.fromEntries(PersonSlots.map((i) => [`person-${i}`, slot(i)])) as Record<
    PersonButtonId,
    MenuRect
  >),
  report: wide(0, 2),
  block: wide(1, 2),
  ...(Object.fromEntries(
    ReportReasons.map((reason, i) => [`reason-${reason}`, i < 3 ? wide(i, 1) : wide(i - 3, 2)]),
  ) as Record<`reason-${ReportReason}`, MenuRect>),
  ...(Object.fromEntries(WordSlots.map((i) => [`word-${i}`, wide(i, 1)])) as Record<
    WordButtonId,
    MenuRect
  >),
  'game-pass': wide(0, 2),
  'game-join': wide(1, 2),
  'game-tables': wide(2, 2),
  ...(Object.fromEntries(
    TableSlots.map((i) => [`table-${i}`, i < 3 ? wide(i, 1) : wide(i - 3, 2)]),
  ) as Record<TableButtonId, MenuRect>),
  'table-quiet': wide(0, 3),
  back: wide(2, 3),
};

/** The buttons each page offers (some only when they apply, see `WristMenu`). */
export const MenuPageButtons: Record<MenuPage, readonly MenuButtonId[]> = {
  main: [
    'mute',
    'hand',
    'game',
    'tables',
    'pass',
    'take-part',
    'offer',
    ...Reactions.map((r) => `react-${r}` as const),
    'away',
    'chat',
    'people',
    'get-help',
    'help',
    'leave',
  ],
  controls: ['recenter', 'back'],
  'get-help': ['alert', 'back'],
  chat: ['back'],
  people: [...PersonSlots.map((i) => `person-${i}` as const), 'back'],
  person: ['report', 'block', 'back'],
  report: [...ReportReasons.map((r) => `reason-${r}` as const), 'back'],
  'take-part': [...TakingPartChoices.map((c) => `part-${c}` as const), 'back'],
  offer: ['offer-accept', 'offer-decline', 'back'],
  game: [
    ...WordSlots.map((i) => `word-${i}` as const),
    'game-pass',
    'game-join',
    'game-tables',
    'back',
  ],
  tables: [...TableSlots.map((i) => `table-${i}` as const), 'table-quiet', 'back'],
};

/** Buttons that share one place on a page; `shownButtons` never shows both at once. */
export const SharedPlaces: readonly (readonly [MenuButtonId, MenuButtonId])[] = [
  ['pass', 'take-part'],
  ['pass', 'offer'],
  ['take-part', 'offer'],
  ['hand', 'game'],
  ['hand', 'tables'],
  ['game', 'tables'],
];

/** What decides which buttons a page shows. */
export interface MenuConditions {
  page: MenuPage;
  /** Someone listening without a microphone has nothing to mute. */
  listenOnly: boolean;
  /** Pass is offered only to the holder of the talking piece. */
  holdingPiece: boolean;
  /** The talking piece is offered to this member, to take or let go by. */
  pieceOffered: boolean;
  /** A facilitator can be told privately from the Get help page (only in a circle). */
  canAlert: boolean;
  /** How many other members the People page lists. */
  people: number;
  /** At a social event: tables instead of raised hands. */
  socialEvent: boolean;
  /** How many tables the event sets out (0 outside one). */
  tables: number;
  /** Sitting at a social event's table, where a word chain can be played. */
  atTable: boolean;
  /** How many suggested words the word chain's page offers (only on this member's turn). */
  gameWords: number;
  /** It is this member's turn in their table's word chain: they may pass. */
  gameTurn: boolean;
}

/** The buttons shown now, in layout order. */
export function shownButtons(conditions: MenuConditions): MenuButtonId[] {
  return MenuPageButtons[conditions.page].filter((id) => {
    if (id === 'mute') return !conditions.listenOnly;
    if (id === 'hand') return !conditions.socialEvent;
    if (id === 'tables') return conditions.socialEvent && !conditions.atTable;
    if (id === 'game' || id === 'game-join' || id === 'game-tables') return conditions.atTable;
    if (id.startsWith('table-') && id !== 'table-quiet') {
      return Number(id.slice('table-'.length)) < conditions.tables;
    }
    if (id === 'game-pass') return conditions.gameTurn;
    if (id.startsWith('word-')) return Number(id.slice('word-'.length)) < conditions.gameWords;
    if (id === 'pass') return conditions.holdingPiece;
    if (id === 'offer') return !conditions.holdingPiece && conditions.pieceOffered;
    if (id === 'take-part') return !conditions.holdingPiece && !conditions.pieceOffered;
    if (id === 'alert') return conditions.canAlert;
    if (id.startsWith('person-')) return Number(id.slice('person-'.length)) < conditions.people;
    return true;
  });
}

/** How tall each page's text may be, from its top (y 100 px), so it stays above the buttons. */
export const PageTextHeight: Record<MenuPage, number> = {
  main: 0,
  controls: 540,
  'get-help': 540,
  chat: 540,
  people: 0,
  person: 350,
  report: 180,
  'take-part': 0,
  offer: 0,
  game: 180,
  tables: 0,
};

/** A button's centre on the panel, in metres from the panel's centre (x right, y up). */
export function buttonCentreOnPanel(id: MenuButtonId): { x: number; y: number } {
  const rect = MenuLayout[id];
  const u = (rect.left + rect.width / 2) / MENU_PX.width;
  const v = (rect.top + rect.height / 2) / MENU_PX.height;
  return { x: (u - 0.5) * MENU_M.width, y: (0.5 - v) * MENU_M.height };
}
