import { CommandBus } from '../../../../client/commands/command-bus';
import type { Command, CommandSource } from '../../../../client/commands/commands';
import {
  attachKeyboardShortcuts,
  commandForKey,
  isTypingTarget,
  type KeyEventLike,
} from '../../../../client/commands/keyboard-shortcuts';
import { keyEvent } from './fake-dom';

const off = { pushToTalk: false };
const ptt = { pushToTalk: true };
const down = (key: string, extra: Partial<KeyEventLike> = {}): KeyEventLike => ({
  type: 'keydown',
  key,
  ...extra,
});
const up = (key: string, extra: Partial<KeyEventLike> = {}): KeyEventLike => ({
  type: 'keyup',
  key,
  ...extra,
});

describe('commandForKey', () => {
  it.each<[string, Command]>([
    ['m', { type: 'mute.toggle' }],
    ['M', { type: 'mute.toggle' }],
    ['h', { type: 'hand.toggle' }],
    ['b', { type: 'away.toggle' }],
    ['r', { type: 'view.recenter' }],
    ['?', { type: 'help.toggle' }],
    ['F1', { type: 'help.toggle' }],
    ['1', { type: 'react', reaction: 'nod' }],
    ['2', { type: 'react', reaction: 'heart' }],
    ['3', { type: 'react', reaction: 'metoo' }],
    ['4', { type: 'react', reaction: 'wave' }],
    ['5', { type: 'react', reaction: 'thanks' }],
  ])('maps %s', (key, command) => {
    expect(commandForKey(down(key), off)).toEqual(command);
  });

  it('maps nothing for other keys', () => {
    for (const key of ['6', 'x', 'Escape', 'Enter', 'ArrowLeft', 'Tab', 'Process']) {
      expect(commandForKey(down(key), off)).toBeUndefined();
    }
  });

  it('allows Shift (needed for ?) but not Ctrl, Alt or Meta', () => {
    expect(commandForKey(down('?', {}), off)).toEqual({ type: 'help.toggle' });
    expect(commandForKey(down('m', { ctrlKey: true }), off)).toBeUndefined();
    expect(commandForKey(down('m', { altKey: true }), off)).toBeUndefined();
    expect(commandForKey(down('m', { metaKey: true }), off)).toBeUndefined();
    expect(commandForKey(down('F1', { ctrlKey: true }), off)).toBeUndefined();
  });

  it('ignores auto-repeat and input-method composition', () => {
    expect(commandForKey(down('h', { repeat: true }), off)).toBeUndefined();
    expect(commandForKey(down('1', { isComposing: true }), off)).toBeUndefined();
  });

  it.each([
    ['a text input', { tagName: 'INPUT', type: 'text' }],
    ['an input without a type', { tagName: 'INPUT' }],
    ['a search box', { tagName: 'input', type: 'search' }],
    ['a number input', { tagName: 'INPUT', type: 'number' }],
    ['a textarea', { tagName: 'TEXTAREA' }],
    ['a select', { tagName: 'SELECT' }],
    ['contenteditable', { tagName: 'DIV', isContentEditable: true }],
  ])('ignores keys typed into %s', (_label, target) => {
    expect(isTypingTarget(target)).toBe(true);
    expect(commandForKey(down('m', { target }), ptt)).toBeUndefined();
    expect(commandForKey(down(' ', { target }), ptt)).toBeUndefined();
    expect(commandForKey(up(' ', { target }), ptt)).toBeUndefined();
  });

  it.each([
    ['a button', { tagName: 'BUTTON' }],
    ['a checkbox', { tagName: 'INPUT', type: 'checkbox' }],
    ['a volume slider', { tagName: 'INPUT', type: 'range' }],
    ['the 3D view', { tagName: 'CANVAS' }],
    ['the page', { tagName: 'BODY', isContentEditable: false }],
    ['the window', null],
  ])('takes keys pressed on %s', (_label, target) => {
    expect(isTypingTarget(target)).toBe(false);
    expect(commandForKey(down('h', { target }), off)).toEqual({ type: 'hand.toggle' });
    expect(commandForKey(down(' ', { target }), ptt)).toEqual({ type: 'talk.start' });
  });

  it('uses Space only with push to talk on: down starts, up stops', () => {
    expect(commandForKey(down(' '), off)).toBeUndefined();
    expect(commandForKey(up(' '), off)).toBeUndefined();
    expect(commandForKey(down(' '), ptt)).toEqual({ type: 'talk.start' });
    expect(commandForKey(up(' '), ptt)).toEqual({ type: 'talk.stop' });
    expect(commandForKey(down(' ', { repeat: true }), ptt)).toBeUndefined();
  });

  it('does nothing on the release of a key that is pressed, not held', () => {
    expect(commandForKey(up('m'), off)).toBeUndefined();
    expect(commandForKey(up('1'), off)).toBeUndefined();
  });

  it('ignores events without a key and events of other types', () => {
    expect(commandForKey({ type: 'keydown' } as unknown as KeyEventLike, off)).toBeUndefined();
    expect(commandForKey({ type: 'keypress', key: 'm' }, off)).toBeUndefined();
  });
});

describe('attachKeyboardShortcuts', () => {
  function setup(initial: { pushToTalk?: boolean } = {}, enabled?: () => boolean) {
    const bus = new CommandBus(initial);
    const target = new EventTarget();
    const ran: [Command, CommandSource][] = [];
    for (const type of ['mute.toggle', 'talk.start', 'talk.stop', 'hand.toggle'] as const) {
      bus.handle(type, (command, source) => ran.push([command, source]));
    }
    const dispose = attachKeyboardShortcuts(bus, { target, enabled });
    return { bus, target, ran, dispose };
  }

  it('runs the command for a key as a keyboard command and claims the key', () => {
    const { target, ran } = setup();
    const event = keyEvent('keydown', 'm');
    target.dispatchEvent(event);
    expect(ran).toEqual([[{ type: 'mute.toggle' }, 'keyboard']]);
    expect(event.defaultPrevented).toBe(true);
  });

  it('leaves a key alone when no handler takes its command', () => {
    const { target, ran } = setup();
    const event = keyEvent('keydown', 'b');
    target.dispatchEvent(event);
    expect(ran).toEqual([]);
    expect(event.defaultPrevented).toBe(false);
  });

  it('leaves keys typed into a text field alone', () => {
    const { target, ran } = setup({ pushToTalk: true });
    const event = keyEvent('keydown', ' ', { target: { tagName: 'INPUT', type: 'text' } });
    target.dispatchEvent(event);
    expect(ran).toEqual([]);
    expect(event.defaultPrevented).toBe(false);
  });

  it('holds Space to talk: one start despite auto-repeat, one stop, no scrolling', () => {
    const { target, ran } = setup({ pushToTalk: true });
    const first = keyEvent('keydown', ' ');
    const repeat = keyEvent('keydown', ' ', { repeat: true });
    const release = keyEvent('keyup', ' ');
    target.dispatchEvent(first);
    target.dispatchEvent(repeat);
    target.dispatchEvent(repeat);
    target.dispatchEvent(release);
    expect(ran.map(([c]) => c.type)).toEqual(['talk.start', 'talk.stop']);
    expect([first, repeat, release].map((e) => e.defaultPrevented)).toEqual([true, true, true]);
  });

  it('lets Space through when push to talk is off', () => {
    const { target, ran } = setup();
    const event = keyEvent('keydown', ' ');
    target.dispatchEvent(event);
    target.dispatchEvent(keyEvent('keyup', ' '));
    expect(ran).toEqual([]);
    expect(event.defaultPrevented).toBe(false);
  });

  it('stops talking on release even if push to talk was switched off meanwhile', () => {
    const { bus, target, ran } = setup({ pushToTalk: true });
    target.dispatchEvent(keyEvent('keydown', ' '));
    bus.set({ pushToTalk: false });
    target.dispatchEvent(keyEvent('keyup', ' ', { target: { tagName: 'TEXTAREA' } }));
    expect(ran.map(([c]) => c.type)).toEqual(['talk.start', 'talk.stop']);
  });

  it('stops talking when the window loses focus while Space is held', () => {
    const { target, ran } = setup({ pushToTalk: true });
    target.dispatchEvent(keyEvent('keydown', ' '));
    target.dispatchEvent(new Event('blur'));
    target.dispatchEvent(keyEvent('keyup', ' '));
    // The later key up finds nothing held; with push to talk on it stops again, harmlessly.
    expect(ran.map(([c]) => c.type)).toEqual(['talk.start', 'talk.stop', 'talk.stop']);
  });

  it('does nothing while disabled, but still lets go of a held key', () => {
    let enabled = true;
    const { target, ran } = setup({ pushToTalk: true }, () => enabled);
    target.dispatchEvent(keyEvent('keydown', ' '));
    enabled = false;
    target.dispatchEvent(keyEvent('keydown', 'h'));
    target.dispatchEvent(keyEvent('keyup', ' '));
    target.dispatchEvent(keyEvent('keydown', ' '));
    expect(ran.map(([c]) => c.type)).toEqual(['talk.start', 'talk.stop']);
  });

  it('stops listening on dispose, letting go of a held key first', () => {
    const { target, ran, dispose } = setup({ pushToTalk: true });
    target.dispatchEvent(keyEvent('keydown', ' '));
    dispose();
    target.dispatchEvent(keyEvent('keydown', 'm'));
    target.dispatchEvent(keyEvent('keyup', ' '));
    target.dispatchEvent(new Event('blur'));
    expect(ran.map(([c]) => c.type)).toEqual(['talk.start', 'talk.stop']);
  });
});
