import { Reactions } from '../../../../shared/circle/presence';
import {
  buttonCentreOnPanel,
  MENU_M,
  MENU_PX,
  MenuLayout,
  MenuPageButtons,
  PageTextHeight,
  SharedPlaces,
  shownButtons,
  type MenuConditions,
  type MenuPage,
  type MenuRect,
} from '../../../../client/xr/menu-layout';

const main: MenuConditions = {
  page: 'main',
  listenOnly: false,
  holdingPiece: false,
  pieceOffered: false,
  canAlert: true,
  people: 2,
  socialEvent: false,
  tables: 0,
  atTable: false,
  gameWords: 0,
  gameTurn: false,
};

function overlap(a: MenuRect, b: MenuRect): boolean {
  return (
    a.left < b.left + b.width &&
    b.left < a.left + a.width &&
    a.top < b.top + b.height &&
    b.top < a.top + a.height
  );
}

describe('the wrist menu layout', () => {
  it.each(Object.keys(MenuPageButtons) as MenuPage[])(
    'keeps every button of the %s page inside the panel, apart from the others',
    (page) => {
      const ids = MenuPageButtons[page];
      for (const id of ids) {
        const r = MenuLayout[id];
        expect(r.left).toBeGreaterThanOrEqual(0);
        expect(r.top).toBeGreaterThanOrEqual(0);
        expect(r.left + r.width).toBeLessThanOrEqual(MENU_PX.width);
        expect(r.top + r.height).toBeLessThanOrEqual(MENU_PX.height);
        // Big enough to hit with a wobbly ray: at least 4 cm across on the panel.
        expect((r.width / MENU_PX.width) * MENU_M.width).toBeGreaterThan(0.04);
      }
      const sharing = (a: string, b: string) =>
        SharedPlaces.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
      for (const a of ids) {
        for (const b of ids) {
          if (a !== b && !sharing(a, b)) expect(overlap(MenuLayout[a], MenuLayout[b])).toBe(false);
        }
      }
    },
  );

  it.each(Object.keys(MenuPageButtons) as MenuPage[])(
    'keeps the text of the %s page above its buttons',
    (page) => {
      const bottom = 100 + PageTextHeight[page];
      for (const id of MenuPageButtons[page]) {
        if (PageTextHeight[page] > 0) expect(MenuLayout[id].top).toBeGreaterThanOrEqual(bottom);
      }
    },
  );

  it('lists up to eleven others on the People page, one button each', () => {
    const people = shownButtons({ ...main, page: 'people', people: 3 });
    expect(people).toEqual(['person-0', 'person-1', 'person-2', 'back']);
    expect(shownButtons({ ...main, page: 'people', people: 11 })).toHaveLength(12);
    expect(shownButtons({ ...main, page: 'person' })).toEqual(['report', 'block', 'back']);
    expect(shownButtons({ ...main, page: 'report' })).toHaveLength(6);
  });

  it('keeps the panel pixels square, so text is not stretched', () => {
    expect(MENU_M.width / MENU_M.height).toBeCloseTo(MENU_PX.width / MENU_PX.height, 9);
  });

  it('offers the safety tools on the main page: step out, chat, Get help now', () => {
    expect(shownButtons(main)).toEqual(
      expect.arrayContaining(['away', 'chat', 'people', 'get-help', 'leave', 'mute', 'hand']),
    );
    expect(shownButtons(main)).toEqual(expect.arrayContaining(Reactions.map((r) => `react-${r}`)));
  });

  it('offers Pass only to the holder of the talking piece', () => {
    expect(shownButtons(main)).not.toContain('pass');
    expect(shownButtons({ ...main, holdingPiece: true })).toContain('pass');
  });

  it('hides mute for someone listening without a microphone', () => {
    expect(shownButtons({ ...main, listenOnly: true })).not.toContain('mute');
  });

  it('shows Back, plus what the page is for, on the other pages', () => {
    expect(shownButtons({ ...main, page: 'chat' })).toEqual(['back']);
    expect(shownButtons({ ...main, page: 'controls' })).toEqual(['recenter', 'back']);
    expect(shownButtons({ ...main, page: 'get-help' })).toEqual(['alert', 'back']);
    expect(shownButtons({ ...main, page: 'get-help', canAlert: false })).toEqual(['back']);
  });

  it('places button centres on the panel in metres, y up', () => {
    const mute = buttonCentreOnPanel('mute');
    const leave = buttonCentreOnPanel('leave');
    expect(mute.x).toBeLessThan(0);
    expect(mute.y).toBeGreaterThan(0);
    expect(leave.x).toBeGreaterThan(0);
    expect(leave.y).toBeLessThan(0);
    expect(Math.abs(leave.x)).toBeLessThan(MENU_M.width / 2);
  });

  it('never shows two buttons that share a place, and offers the ways to take part', () => {
    for (const holdingPiece of [true, false]) {
      for (const pieceOffered of [true, false]) {
        const shown = shownButtons({ ...main, holdingPiece, pieceOffered });
        for (const [a, b] of SharedPlaces) {
          expect(shown.includes(a) && shown.includes(b)).toBe(false);
        }
        // The place is never empty: Pass, the offer, or the ways to take part.
        expect(shown.filter((id) => ['pass', 'offer', 'take-part'].includes(id))).toHaveLength(1);
      }
    }
    expect(shownButtons({ ...main, page: 'take-part' })).toEqual([
      'part-present',
      'part-listen',
      'part-write',
      'part-speak',
      'back',
    ]);
  });

  it('puts the word chain in Raise hand’s place at a table, and only there', () => {
    expect(shownButtons(main)).toContain('hand');
    expect(shownButtons(main)).not.toContain('game');
    const seated = shownButtons({ ...main, socialEvent: true, tables: 2, atTable: true });
    expect(seated).toContain('game');
    expect(seated).not.toContain('hand');
    expect(seated).not.toContain('tables');
    expect(MenuLayout.game).toEqual(MenuLayout.hand);
  });

  it('offers the tables in Raise hand’s place at a social event, away from any table', () => {
    const away = shownButtons({ ...main, socialEvent: true, tables: 2 });
    expect(away).toContain('tables');
    expect(away).not.toContain('hand');
    expect(away).not.toContain('game');
    expect(MenuLayout.tables).toEqual(MenuLayout.hand);
    const page = { ...main, page: 'tables', socialEvent: true, tables: 2 } as const;
    expect(shownButtons(page)).toEqual(['table-0', 'table-1', 'table-quiet', 'back']);
    expect(shownButtons({ ...page, tables: 6 })).toContain('table-5');
    // From the word chain's page, another table is one press away.
    expect(shownButtons({ ...page, page: 'game', atTable: true })).toContain('game-tables');
  });

  it('offers suggested words, Pass on one’s turn, and joining on the word chain’s page', () => {
    const game = { ...main, page: 'game', socialEvent: true, atTable: true } as const;
    expect(shownButtons(game)).toEqual(['game-join', 'game-tables', 'back']);
    expect(shownButtons({ ...game, gameWords: 2, gameTurn: true })).toEqual([
      'word-0',
      'word-1',
      'game-pass',
      'game-join',
      'game-tables',
      'back',
    ]);
    expect(shownButtons({ ...game, gameWords: 3, gameTurn: true })).toContain('word-2');
    // Having got up from the table, only Back is left.
    expect(shownButtons({ ...game, atTable: false })).toEqual(['back']);
  });

  it('offers the piece in Pass’s place, with its own page to take it or let it go by', () => {
    const offered = shownButtons({ ...main, pieceOffered: true });
    expect(offered).toContain('offer');
    expect(offered).not.toContain('take-part');
    expect(shownButtons({ ...main, pieceOffered: true, holdingPiece: true })).not.toContain(
      'offer',
    );
    expect(shownButtons({ ...main, page: 'offer' })).toEqual([
      'offer-accept',
      'offer-decline',
      'back',
    ]);
  });
});
