import type { ReportReason } from '../../../../shared/circle/facilitation';
import type { TakingPart } from '../../../../shared/circle/taking-part';
import { WordChainPlay } from '../../../../client/activity/word-chain-play';
import { HeadsetMenu, type MenuSources } from '../../../../client/app/headset-menu';
import { CommandBus } from '../../../../client/commands/command-bus';
import type { Command, CommandSource } from '../../../../client/commands/commands';
import { Translator } from '../../../../client/i18n/i18n';
import { StayStore } from '../../../../client/stay/stay-store';
import type { SignalingClient } from '../../../../client/net/signaling-client';
import { TablesMenu } from '../../../../client/tables/tables-menu';
import { circle, member } from '../facilitation/fixtures';

const i18n = new Translator('en');
const noServer = {
  request: () => Promise.reject(new Error('no server here')),
} as unknown as SignalingClient;

function setup(overrides: Partial<MenuSources> = {}) {
  const bus = new CommandBus();
  const ran: [Command, CommandSource][] = [];
  for (const type of ['mute.toggle', 'piece.pass', 'away.toggle', 'view.recenter'] as const) {
    bus.handle(type, (command, source) => ran.push([command, source]));
  }
  bus.handle('help.toggle', () => {
    bus.set({ helpOpen: !bus.state.helpOpen });
  });
  const reports: [string, ReportReason][] = [];
  const blocks: string[] = [];
  const chosen: TakingPart[] = [];
  const answers: boolean[] = [];
  let offered = false;
  let takingPart: TakingPart = 'listen';
  const current = {
    selfId: 'me',
    circle: circle({
      members: [
        member('me', { seat: 0 }),
        member('kai', { seat: 2, name: 'カイ' }),
        member('ren', { seat: 1, name: 'Ren' }),
      ],
    }),
  };
  const sources: MenuSources = {
    holdingPiece: () => false,
    pieceOffered: () => offered,
    answerOffer: (accept) => {
      answers.push(accept);
    },
    listenOnly: () => false,
    circle: () => current,
    helpText: () => Promise.resolve('Line: 000'),
    alert: () => Promise.resolve(1),
    recentChat: () => [],
    notice: () => undefined,
    report: (memberId, reason) => {
      reports.push([memberId, reason]);
      return Promise.resolve(true);
    },
    block: (memberId) => {
      blocks.push(memberId);
      return Promise.resolve(true);
    },
    takingPart: () => takingPart,
    chooseTakingPart: (choice) => {
      chosen.push(choice);
      takingPart = choice;
    },
    // Outside any circle: no table, so no word chain.
    wordChain: new WordChainPlay(
      i18n,
      { request: () => Promise.reject(new Error('no server here')) },
      new StayStore(),
      { announce: () => undefined },
    ),
    tables: new TablesMenu(i18n, noServer, new StayStore()),
    ...overrides,
  };
  const offer = (on: boolean) => {
    offered = on;
  };
  return {
    menu: new HeadsetMenu(i18n, bus, sources),
    bus,
    ran,
    reports,
    blocks,
    chosen,
    answers,
    offer,
  };
}

/** Lets the menu's pending promises settle. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('HeadsetMenu', () => {
  it('sends plain buttons through the command layer, marked as coming from the headset', () => {
    const { menu, ran } = setup();
    menu.press('mute');
    menu.press('pass');
    menu.press('away');
    expect(ran).toEqual([
      [{ type: 'mute.toggle' }, 'vr'],
      [{ type: 'piece.pass' }, 'vr'],
      [{ type: 'away.toggle' }, 'vr'],
    ]);
  });

  it('lists the others in seat order, and reports the chosen one with a reason', async () => {
    const { menu, reports } = setup();
    menu.press('people');
    const people = menu.view();
    expect(people.page).toBe('people');
    expect(people.people).toBe(2);
    expect([people.labels['person-0'], people.labels['person-1']]).toEqual(['Ren', 'カイ']);
    menu.press('person-1');
    expect(menu.view().page).toBe('person');
    expect(menu.view().pageText).toContain('カイ');
    menu.press('report');
    expect(menu.view().page).toBe('report');
    menu.press('reason-unkind');
    await settle();
    expect(reports).toEqual([['kai', 'unkind']]);
    expect(menu.view().page).toBe('person');
    expect(menu.view().pageText).toContain(i18n.t('report.sent'));
  });

  it('blocks only on a second press, which the label asks for', async () => {
    const { menu, blocks } = setup();
    menu.press('people');
    menu.press('person-0');
    menu.press('block');
    expect(blocks).toEqual([]);
    expect(menu.view().labels.block).toBe('Block Ren? Press again');
    // Any other button calls the block off.
    menu.press('report');
    menu.press('back');
    expect(menu.view().labels.block).toBe('Block');
    menu.press('block');
    menu.press('block');
    await settle();
    expect(blocks).toEqual(['ren']);
    expect(menu.view().page).toBe('people');
  });

  it('goes back one page at a time, and Back closes the controls help', () => {
    const { menu, bus } = setup();
    menu.press('people');
    menu.press('person-0');
    menu.press('report');
    menu.press('back');
    expect(menu.view().page).toBe('person');
    menu.press('back');
    expect(menu.view().page).toBe('people');
    menu.press('back');
    expect(menu.view().page).toBe('main');
    menu.press('help');
    expect(menu.view().page).toBe('controls');
    menu.press('back');
    expect(bus.state.helpOpen).toBe(false);
    expect(menu.view().page).toBe('main');
  });

  it('asks twice before leaving, and any other button calls it off', () => {
    const { menu } = setup();
    expect(menu.confirmLeave()).toBe(false);
    expect(menu.view().labels.leave).toBe(i18n.t('xr.leaveConfirm'));
    menu.press('chat');
    expect(menu.view().labels.leave).toBe(i18n.t('circle.leave'));
    expect(menu.confirmLeave()).toBe(false);
    expect(menu.confirmLeave()).toBe(true);
  });

  it('shows the places to turn to, tries again after a failed load, and tells the facilitator', async () => {
    let available = false;
    const { menu } = setup({
      helpText: () => Promise.resolve(available ? 'Line: 000' : undefined),
    });
    menu.press('get-help');
    await settle();
    expect(menu.view().pageText).toContain(i18n.t('helpNow.none'));
    menu.press('back');
    available = true;
    menu.press('get-help');
    await settle();
    expect(menu.view().pageText).toContain('Line: 000');
    expect(menu.view().pageText).not.toContain(i18n.t('helpNow.none'));
    menu.press('alert');
    await settle();
    expect(menu.view().pageText).toContain(i18n.t('helpNow.alertSent'));
  });

  it('shows the latest chat lines, cut to fit, or says there are none', () => {
    const lines: { name: string; text: string }[] = [];
    const { menu } = setup({ recentChat: (count) => lines.slice(-count) });
    menu.press('chat');
    expect(menu.view().pageText).toBe(i18n.t('xr.chatEmpty'));
    for (let i = 0; i < 8; i++) lines.push({ name: 'Ren', text: `line ${i}` });
    lines.push({ name: 'Ren', text: 'x'.repeat(200) });
    const text = menu.view().pageText.split('\n');
    expect(text).toHaveLength(6);
    expect(text[0]).toBe('Ren: line 3');
    expect(text[5]?.length).toBe(90);
    expect(text[5]?.endsWith('…')).toBe(true);
  });

  it('puts a facilitator’s newest notice on the main page’s top line, and cues it while pending', () => {
    let notice: string | undefined = 'Kai is in the waiting room';
    const { menu } = setup({ notice: () => notice });
    expect(menu.noticePending()).toBe(true);
    expect(menu.view().notice).toBe('Kai is in the waiting room');
    // Shown on the open menu: the light above the hand goes out until the next notice.
    expect(menu.noticePending()).toBe(false);
    expect(menu.view().labels.hint).toBe('Notice: Kai is in the waiting room');
    menu.press('people');
    expect(menu.view().labels.hint).not.toContain('Kai is in the waiting room');
    menu.press('back');
    notice = 'Mio asked for help privately';
    expect(menu.noticePending()).toBe(true);
    notice = undefined;
    expect(menu.noticePending()).toBe(false);
    expect(menu.view().labels.hint).toBe(i18n.t('xr.menuHint'));
  });

  it('changes how this member takes part from its own page, marking the current way in words', () => {
    const { menu, chosen } = setup();
    menu.press('take-part');
    const view = menu.view();
    expect(view.page).toBe('take-part');
    expect(view.labels['part-listen']).toBe('✓ Listen');
    expect(view.labels['part-speak']).toBe('Speak');
    expect(view.labels.hint).toBe(i18n.t('takePart.menuHint'));
    menu.press('part-speak');
    expect(chosen).toEqual(['speak']);
    expect(menu.view().page).toBe('main');
    menu.press('take-part');
    expect(menu.view().labels['part-speak']).toBe('✓ Speak');
  });

  it('lets a headset user take an offered piece, or let it go by, from its own page', () => {
    const { menu, answers, offer } = setup();
    offer(true);
    expect(menu.view().labels.offer).toBe('Piece offered');
    menu.press('offer');
    expect(menu.view()).toMatchObject({ page: 'offer' });
    expect(menu.view().labels.hint).toBe(i18n.t('piece.offered'));
    menu.press('offer-accept');
    expect(menu.view().page).toBe('main');
    menu.press('offer');
    menu.press('offer-decline');
    expect(answers).toEqual([true, false]);
  });
});
