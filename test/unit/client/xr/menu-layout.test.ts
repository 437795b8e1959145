import { Reactions } from '../../../../shared/circle/presence';
import {
  buttonCentreOnPanel,
  MENU_M,
  MENU_PX,
  MenuLayout,
  MenuPageButtons,
  shownButtons,
  type MenuConditions,
  type MenuPage,
  type MenuRect,
} from '../../../../client/xr/menu-layout';

const main: MenuConditions = {
  page: 'main',
  listenOnly: false,
  holdingPiece: false,
  canAlert: true,
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
      for (const a of ids) {
        for (const b of ids) {
          if (a !== b) expect(overlap(MenuLayout[a], MenuLayout[b])).toBe(false);
        }
      }
    },
  );

  it('keeps the panel pixels square, so text is not stretched', () => {
    expect(MENU_M.width / MENU_M.height).toBeCloseTo(MENU_PX.width / MENU_PX.height, 9);
  });

  it('offers the safety tools on the main page: step out, chat, Get help now', () => {
    expect(shownButtons(main)).toEqual(
      expect.arrayContaining(['away', 'chat', 'get-help', 'leave', 'mute', 'hand']),
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

  it('shows only Back (and telling the facilitator, in a circle) on the other pages', () => {
    expect(shownButtons({ ...main, page: 'chat' })).toEqual(['back']);
    expect(shownButtons({ ...main, page: 'controls' })).toEqual(['back']);
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
});
