import type { CircleView } from '../../../../shared/circle/views';
import { HeadsetMenu, type MenuSources } from '../../../../client/app/headset-menu';
import { CommandBus } from '../../../../client/commands/command-bus';
import { Translator } from '../../../../client/i18n/i18n';
import type { MenuButtonId } from '../../../../client/xr/menu-layout';
import type { MenuView } from '../../../../client/xr/wrist-menu';
import { shownButtons } from '../../../../client/xr/menu-layout';
import { TablesMenu } from '../../../../client/tables/tables-menu';
import { kanaChain, playing, settle, socialEvent } from './fixtures';

const en = new Translator('en');

/** The wrist menu over a stay in `view`, and the server's side of it. */
function wristMenu(view: CircleView | undefined, blocked: string[] = []) {
  const { play, server, store, client } = playing(en, view, blocked);
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
    tables: new TablesMenu(en, client, store),
  };
  const menu = new HeadsetMenu(en, new CommandBus(), sources);
  return { menu, server, store };
}

/** The buttons shown, with their labels, as a test reading the headset sees them. */
function shown(view: MenuView): [MenuButtonId, string][] {
  return shownButtons(view).map((id) => [id, view.labels[id]]);
}

describe('the word chain in the wrist menu', () => {
  it('puts the tables in Raise hand’s place away from a table, and the word chain at one', async () => {
    const { menu: awayMenu, server } = wristMenu(socialEvent({}, { place: null }));
    const away = awayMenu.view();
    expect(shownButtons(away)).not.toContain('hand');
    expect(shownButtons(away)).not.toContain('game');
    expect(shown(away)).toContainEqual(['tables', 'Tables']);
    awayMenu.press('tables');
    const tables = awayMenu.view();
    expect(tables.page).toBe('tables');
    expect(tables.labels.hint).toBe('Choose a table to sit at');
    expect(shown(tables)).toEqual([
      ['table-0', 'Table 1 · 2/8'],
      ['table-1', 'Table 2 · 1/8'],
      ['table-quiet', 'Somewhere quiet'],
      ['back', 'Back'],
    ]);
    server.answer = { ok: true, data: { table: 1, cushion: 1 } } as never;
    awayMenu.press('table-1');
    await settle();
    expect(server.sent).toEqual([{ event: 'table:sit', input: { table: 1 } }]);
    expect(awayMenu.view().labels.hint).toBe('You sat down at table 2.');
    server.answer = { ok: false, error: { code: 'table_full' } } as never;
    awayMenu.press('table-quiet');
    await settle();
    expect(server.sent.at(-1)).toEqual({ event: 'table:sit', input: { table: 'quiet' } });
    expect(awayMenu.view().labels.hint).toBe(en.error('table_full'));
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
      ['game-tables', 'Another table'],
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
      'game-tables',
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
      ['game-tables', 'Another table'],
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
