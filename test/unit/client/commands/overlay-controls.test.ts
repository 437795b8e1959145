import { CommandBus } from '../../../../client/commands/command-bus';
import type { Command, CommandSource } from '../../../../client/commands/commands';
import { OverlayControls } from '../../../../client/commands/overlay-controls';
import { Translator } from '../../../../client/i18n/i18n';
import { Reactions } from '../../../../shared/circle/presence';
import { FakeDocument, type FakeElement } from './fake-dom';

/** The circle panel's controls, as index.html has them. */
function page() {
  const doc = new FakeDocument();
  const mute = doc.add('button', 'mute-toggle');
  const controlState = doc.add('p', 'control-state');
  const micState = doc.add('span', 'mic-state', controlState);
  const handState = doc.add('span', 'hand-state', controlState);
  handState.hidden = true;
  const chatJump = doc.add('button', 'chat-jump');
  const chatInput = doc.add('input', 'chat-input');
  const pushToTalk = doc.add('input', 'push-to-talk');
  pushToTalk.type = 'checkbox';
  const hand = doc.add('button', 'hand-toggle');
  const away = doc.add('button', 'away-toggle');
  const reactions = doc.add('div', 'reactions');
  const reactionButtons = new Map<string, FakeElement>();
  for (const reaction of [...Reactions, 'bogus']) {
    const button = doc.add('button', '', reactions);
    button.dataset.reaction = reaction;
    reactionButtons.set(reaction, button);
  }
  const help = doc.add('button', 'help-open');
  const enterVr = doc.add('button', 'enter-vr');
  enterVr.hidden = true;
  const snapOption = doc.add('label', 'snap-turn-option');
  const snapTurn = doc.add('input', 'snap-turn', snapOption);
  snapTurn.type = 'checkbox';
  snapTurn.checked = true;
  const leave = doc.add('button', 'leave-circle');
  const root = doc.body as unknown as ParentNode;
  return {
    root,
    mute,
    micState,
    handState,
    chatJump,
    chatInput,
    pushToTalk,
    hand,
    away,
    reactionButtons,
    help,
    enterVr,
    snapOption,
    snapTurn,
    leave,
  };
}

function setup(locale: 'en' | 'ja' = 'en') {
  const bus = new CommandBus();
  const ran: [Command, CommandSource][] = [];
  const record = (command: Command, source: CommandSource) => ran.push([command, source]);
  bus.handle('mute.toggle', record);
  bus.handle('hand.toggle', record);
  bus.handle('away.toggle', record);
  bus.handle('react', record);
  bus.handle('help.toggle', record);
  bus.handle('xr.enter', record);
  bus.handle('circle.leave', record);
  const i18n = new Translator(locale);
  const dom = page();
  const controls = new OverlayControls(bus, i18n, dom.root);
  return { bus, ran, i18n, dom, controls };
}

describe('OverlayControls', () => {
  it('runs each button’s command as an overlay command', () => {
    const { ran, dom } = setup();
    for (const button of [dom.mute, dom.hand, dom.away, dom.help, dom.enterVr, dom.leave]) {
      button.click();
    }
    expect(ran).toEqual([
      [{ type: 'mute.toggle' }, 'overlay'],
      [{ type: 'hand.toggle' }, 'overlay'],
      [{ type: 'away.toggle' }, 'overlay'],
      [{ type: 'help.toggle' }, 'overlay'],
      [{ type: 'xr.enter' }, 'overlay'],
      [{ type: 'circle.leave' }, 'overlay'],
    ]);
  });

  it('sends the reaction of each reaction button and ignores unknown ones', () => {
    const { ran, dom } = setup();
    for (const button of dom.reactionButtons.values()) button.click();
    expect(ran).toEqual(Reactions.map((reaction) => [{ type: 'react', reaction }, 'overlay']));
  });

  it('announces the keys of each control', () => {
    const { dom } = setup();
    expect(dom.mute.getAttribute('aria-keyshortcuts')).toBe('M');
    expect(dom.hand.getAttribute('aria-keyshortcuts')).toBe('H');
    expect(dom.away.getAttribute('aria-keyshortcuts')).toBe('B');
    expect(dom.help.getAttribute('aria-keyshortcuts')).toBe('Shift+? F1');
    expect(dom.reactionButtons.get('wave')?.getAttribute('aria-keyshortcuts')).toBe('4');
    expect(dom.leave.getAttribute('aria-keyshortcuts')).toBeNull();
  });

  it('draws every toggle from the shared state', () => {
    const { bus, dom } = setup();
    expect(dom.hand.getAttribute('aria-pressed')).toBe('false');
    expect(dom.micState.textContent).toBe('Microphone on');
    expect(dom.handState.hidden).toBe(true);
    expect(dom.enterVr.hidden).toBe(true);
    expect(dom.snapOption.hidden).toBe(true);
    bus.set({ muted: true, handRaised: true, away: true, helpOpen: true, xrAvailable: true });
    expect(dom.mute.getAttribute('aria-pressed')).toBe('true');
    expect(dom.micState.textContent).toBe('Microphone off');
    expect(dom.hand.getAttribute('aria-pressed')).toBe('true');
    expect(dom.handState.hidden).toBe(false);
    expect(dom.away.getAttribute('aria-pressed')).toBe('true');
    expect(dom.help.getAttribute('aria-expanded')).toBe('true');
    expect(dom.enterVr.hidden).toBe(false);
    expect(dom.snapOption.hidden).toBe(false);
    bus.set({ pushToTalk: true });
    expect(dom.pushToTalk.checked).toBe(true);
  });

  it('turns the push-to-talk box into state, and lets Enter switch it', () => {
    const { bus, dom } = setup();
    dom.pushToTalk.click();
    expect(bus.state.pushToTalk).toBe(true);
    const enter = Object.assign(new Event('keydown', { cancelable: true }), { key: 'Enter' });
    dom.pushToTalk.dispatchEvent(enter);
    expect(enter.defaultPrevented).toBe(true);
    expect(bus.state.pushToTalk).toBe(false);
    dom.snapTurn.dispatchEvent(Object.assign(new Event('keydown'), { key: 'Enter' }));
    expect(dom.snapTurn.checked).toBe(false);
    dom.snapTurn.dispatchEvent(Object.assign(new Event('keydown'), { key: 'a' }));
    expect(dom.snapTurn.checked).toBe(false);
  });

  it('keeps the mute button’s name and says the microphone’s state in words, in the new language', () => {
    const { bus, i18n, dom } = setup();
    bus.set({ muted: true });
    i18n.setLocale('ja');
    expect(dom.micState.textContent).toBe('マイクはオフです');
    expect(dom.mute.getAttribute('aria-pressed')).toBe('true');
  });

  it('jumps to the chat box from the control bar', () => {
    const { dom } = setup();
    const seen: string[] = [];
    Object.assign(dom.chatInput, {
      scrollIntoView: () => seen.push('scrolled'),
      focus: () => seen.push('focused'),
    });
    dom.chatJump.click();
    expect(seen).toEqual(['scrolled', 'focused']);
  });

  it('stops listening and drawing once disposed', () => {
    const { bus, ran, i18n, dom, controls } = setup();
    controls.dispose();
    dom.hand.click();
    dom.reactionButtons.get('nod')?.click();
    dom.pushToTalk.click();
    bus.set({ handRaised: true });
    i18n.setLocale('ja');
    expect(ran).toEqual([]);
    expect(bus.state.pushToTalk).toBe(false);
    expect(dom.hand.getAttribute('aria-pressed')).toBe('false');
    expect(dom.micState.textContent).toBe('Microphone on');
  });

  it('tells which element is missing from the page', () => {
    const dom = page();
    dom.hand.id = '';
    expect(() => new OverlayControls(new CommandBus(), new Translator('en'), dom.root)).toThrow(
      '#hand-toggle',
    );
  });
});
