import type { CircleView } from '../../../../shared/circle/views';
import { HeadsetMenu, type MenuSources } from '../../../../client/app/headset-menu';
import { CommandBus } from '../../../../client/commands/command-bus';
import { Translator } from '../../../../client/i18n/i18n';
import type { MenuButtonId } from '../../../../client/xr/menu-layout';
import type { MenuView } from '../../../../client/xr/wrist-menu';
import { shownButtons } from '../../../../client/xr/menu-layout';
import { kanaChain, playing, settle, socialEvent } from './fixtures';

const en = new Translator('en');

/** The wrist menu over a stay in `view`, and the server's side of it. */
function wristMenu(view: CircleView | undefined, blocked: string[] = []) {
  const { play, server, store } = playing(en, view, blocked);
  const sources: MenuSources = {
    holdingPiece: () => false,
    pieceOffered: () => false,
    answerOffer: () => undefined,
    listenOnly: () => false,
    circle: () => undefined,
    helpText: () => Promise.resolve(undefined),
    alert: () => Promise.resolve(undefined),
    recentChat: () => [],
    notice: () => undefined,
    report: () => Promise.resolve(false),
    block: () => Promise.resolve(false),
    takingPart: () => 'speak',
    chooseTakingPart: () => undefined,
    wordChain: play,
  };
  const menu = new HeadsetMenu(en, new CommandBus(), sources);
  return { menu, server, store };
}

/** The buttons shown, with their labels, as a test reading the headset sees them. */
function shown(view: MenuView): [MenuButtonId, string][] {
  return shownButtons(view).map((id) => [id, view.labels[id]]);
}

describe('the word chain in the wrist menu', () => {
  it('keeps Raise hand away from a table, and offers the word chain in its place at one', () => {
    const away = wristMenu(socialEvent({}, { place: null })).menu.view();
    expect(shownButtons(away)).toContain('hand');
    expect(shownButtons(away)).not.toContain('game');
    const seated = wristMenu(socialEvent()).menu.view();
    expect(shownButtons(seated)).not.toContain('hand');
    expect(shown(seated)).toContainEqual(['game', 'Word chain']);
  });

  it('offers to start a chain at a table without one, in the page’s language', async () => {
    const { menu, server } = wristMenu(socialEvent());
    menu.press('game');
    const view = menu.view();
    expect(view.page).toBe('game');
    expect(view.labels.hint).toBe('Word chain (しりとり)');
    expect(view.pageText).toBe(en.t('wordChain.menuIdle'));
    expect(shown(view)).toEqual([
      ['game-join', 'Start a word chain'],
      ['back', 'Back'],
    ]);
    menu.press('game-join');
    await settle();
    expect(server.sent).toEqual([{ event: 'activity:start', input: { language: 'en' } }]);
    expect(menu.view().pageText).toContain('You started a word chain');
  });

  it('on this member’s turn: suggested words to press, Pass, and Stop playing', async () => {
    const { menu, server } = wristMenu(socialEvent({ activities: [kanaChain()] }));
    menu.press('game');
    const view = menu.view();
    expect(view.pageText.split('\n')).toEqual([
      'Next word starts with 「す」 — your turn.',
      'So far: しりとり → りす',
    ]);
    const buttons = shown(view);
    expect(buttons.map(([id]) => id)).toEqual([
      'word-0',
      'word-1',
      'word-2',
      'game-pass',
      'game-join',
      'back',
    ]);
    expect(buttons).toContainEqual(['game-join', 'Stop playing']);
    const second = view.labels['word-1'];
    expect(second.startsWith('す')).toBe(true);
    menu.press('word-1');
    await settle();
    expect(server.sent).toEqual([{ event: 'activity:word', input: { word: second } }]);
    expect(menu.view().pageText).toContain(`You played 「${second}」.`);
    menu.press('game-pass');
    await settle();
    expect(server.sent.at(-1)?.event).toBe('activity:pass');
  });

  it('for someone watching: whose turn it is and Join, but no words to press', async () => {
    const view = socialEvent({ activities: [kanaChain({ players: ['aki'], turn: 'aki' })] });
    const { menu, server } = wristMenu(view);
    menu.press('game');
    expect(menu.view().pageText).toContain('Aki’s turn');
    expect(shown(menu.view())).toEqual([
      ['game-join', 'Join the game'],
      ['back', 'Back'],
    ]);
    // A word button not shown does nothing if pressed.
    menu.press('word-0');
    menu.press('game-join');
    await settle();
    expect(server.sent).toEqual([{ event: 'activity:join', input: {} }]);
  });

  it('shows the newest four words only, and never a blocked member’s name', () => {
    const words = ['しりとり', 'りす', 'すいか', 'かめ', 'めだか', 'かさ'].map((word, i) => ({
      word,
      by: i === 0 ? null : 'aki',
    }));
    const view = socialEvent({
      activities: [kanaChain({ words, next: 'さ', played: 5, turn: 'aki' })],
    });
    const { menu } = wristMenu(view, ['aki']);
    menu.press('game');
    const text = menu.view().pageText;
    expect(text).toContain('So far: すいか → かめ → めだか → かさ');
    expect(text).toContain('another player’s turn');
    expect(JSON.stringify(menu.view())).not.toContain('Aki');
  });

  it('leaves only Back, and says why, once this member gets up from the table', () => {
    const { menu, store } = wristMenu(socialEvent({ activities: [kanaChain()] }));
    menu.press('game');
    store.circleChanged(socialEvent({ activities: [kanaChain()], revision: 2 }, { place: null }));
    const view = menu.view();
    expect(shownButtons(view)).toEqual(['back']);
    expect(view.pageText).toBe('Sit at a table to play a word chain.');
    menu.press('back');
    expect(menu.view().page).toBe('main');
  });

  it('forgets the last press’s note when the page is opened again', async () => {
    const { menu } = wristMenu(socialEvent({ activities: [kanaChain()] }));
    menu.press('game');
    menu.press('game-pass');
    await settle();
    expect(menu.view().pageText).toContain('You passed.');
    menu.press('back');
    menu.press('game');
    expect(menu.view().pageText).not.toContain('You passed.');
  });
});
