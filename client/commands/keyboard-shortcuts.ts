import type { CommandBus, CommandState } from './command-bus';
import { commandDescriptors, descriptorFor, keyName, type Command } from './commands';

/** The parts of a `KeyboardEvent` the mapping reads, so it can be tested without a browser. */
export interface KeyEventLike {
  type: string;
  key: string;
  repeat?: boolean;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
  isComposing?: boolean;
  target?: unknown;
}

/** Inputs that take no typed text; letters and Space pressed on them are free for shortcuts. */
const nonTextInputs = new Set([
  'checkbox',
  'radio',
  'range',
  'button',
  'submit',
  'reset',
  'color',
  'file',
  'image',
]);

/** True when keys pressed on `target` are someone typing (duck-typed, so tests need no DOM). */
export function isTypingTarget(target: unknown): boolean {
  if (typeof target !== 'object' || target === null) return false;
  const node = target as { tagName?: unknown; type?: unknown; isContentEditable?: unknown };
  if (node.isContentEditable === true) return true;
  const tag = typeof node.tagName === 'string' ? node.tagName.toUpperCase() : '';
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = typeof node.type === 'string' ? node.type.toLowerCase() : 'text';
  return !nonTextInputs.has(type);
}

/**
 * The command a key press (or, for held keys, a release) stands for, or undefined. Keys typed
 * into text, pressed with Ctrl/Alt/Meta (the browser's and the system's own shortcuts), repeated
 * by holding, or still being composed by an input method never count.
 */
export function commandForKey(
  event: KeyEventLike,
  state: Pick<CommandState, 'pushToTalk'>,
): Command | undefined {
  // Some synthetic events (autofill in Chromium) arrive without a key.
  if (typeof event.key !== 'string') return undefined;
  if (event.ctrlKey === true || event.altKey === true || event.metaKey === true) return undefined;
  if (event.isComposing === true || isTypingTarget(event.target)) return undefined;
  const name = keyName(event.key);
  const entry = commandDescriptors.find((d) => d.shortcut?.keys.includes(name));
  const shortcut = entry?.shortcut;
  if (!entry || !shortcut) return undefined;
  if (shortcut.activeWhen && !state[shortcut.activeWhen]) return undefined;
  if (event.type === 'keyup') return shortcut.release;
  if (event.type !== 'keydown' || event.repeat === true) return undefined;
  return entry.command;
}

type KeyTarget = Pick<Window, 'addEventListener' | 'removeEventListener'>;

export interface KeyboardOptions {
  /** Where keys are heard; the window by default. */
  target?: KeyTarget;
  /** Shortcuts act only while this is true (for example, only inside a circle). */
  enabled?: () => boolean;
}

/**
 * Turns key presses into commands on `bus`. A held key (Space for push to talk) is always let go
 * of: on its key up wherever focus went, when the window loses focus (the key up then never
 * arrives), and on dispose, so the microphone cannot stay open by accident.
 */
export function attachKeyboardShortcuts(
  bus: CommandBus,
  options: KeyboardOptions = {},
): () => void {
  const target: KeyTarget = options.target ?? window;
  const enabled = options.enabled ?? (() => true);
  const held = new Map<string, Command>();

  const releaseAll = () => {
    const releases = [...held.values()];
    held.clear();
    for (const release of releases) bus.run(release, 'keyboard');
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (typeof event.key !== 'string') return;
    const name = keyName(event.key);
    // Auto-repeat of a key being held must not scroll the page or press a focused button.
    if (event.repeat && held.has(name)) {
      event.preventDefault();
      return;
    }
    if (!enabled()) return;
    const command = commandForKey(event, bus.state);
    if (!command || !bus.run(command, 'keyboard')) return;
    event.preventDefault();
    const release = descriptorFor(command)?.shortcut?.release;
    if (release) held.set(name, release);
  };

  const onKeyUp = (event: KeyboardEvent) => {
    if (typeof event.key !== 'string') return;
    const name = keyName(event.key);
    const release = held.get(name);
    held.delete(name);
    const command = release ?? (enabled() ? commandForKey(event, bus.state) : undefined);
    if (command && bus.run(command, 'keyboard')) event.preventDefault();
  };

  target.addEventListener('keydown', onKeyDown);
  target.addEventListener('keyup', onKeyUp);
  target.addEventListener('blur', releaseAll);
  return () => {
    target.removeEventListener('keydown', onKeyDown);
    target.removeEventListener('keyup', onKeyUp);
    target.removeEventListener('blur', releaseAll);
    releaseAll();
  };
}
