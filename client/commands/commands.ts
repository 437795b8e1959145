import { Reactions, type Reaction } from '../../shared/circle/presence';
import type { MessageKey } from '../i18n/en';
import { ReactionGlyphs } from '../ui/reaction-glyphs';

/**
 * Everything a person can ask of the circle from the keyboard, the page's controls or the VR
 * wrist menu. Each surface only turns its input into one of these; what a command does lives in
 * one handler, so the surfaces cannot drift apart.
 */
export type Command =
  | { type: 'mute.toggle' }
  /** Push to talk: the microphone is live from `talk.start` until `talk.stop`. */
  | { type: 'talk.start' }
  | { type: 'talk.stop' }
  | { type: 'hand.toggle' }
  | { type: 'react'; reaction: Reaction }
  /** Stepping out for a quiet break, or coming back. */
  | { type: 'away.toggle' }
  /** The holder hands the talking piece on round the circle (passing is always allowed). */
  | { type: 'piece.pass' }
  | { type: 'help.toggle' }
  | { type: 'view.recenter' }
  | { type: 'circle.leave' }
  | { type: 'xr.enter' };

export type CommandType = Command['type'];
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;

/** Where a command came from; also the surfaces a command can be offered on. */
export const CommandSources = ['keyboard', 'overlay', 'vr'] as const;
export type CommandSource = (typeof CommandSources)[number];

/**
 * A keyboard shortcut. Keys are `KeyboardEvent.key` values as `keyName` normalises them
 * (letters upper-cased, the space bar as `Space`), so they follow the person's keyboard layout.
 */
export interface Shortcut {
  readonly keys: readonly string[];
  /** Held rather than pressed: key down starts the command, key up runs its `release`. */
  readonly release?: Command;
  /** The key does this only while that setting is on (Space talks only with push to talk). */
  readonly activeWhen?: 'pushToTalk';
}

export interface CommandDescriptor {
  readonly command: Command;
  readonly labelKey: MessageKey;
  readonly shortcut?: Shortcut;
  readonly surfaces: readonly CommandSource[];
  /** A small picture for buttons (reactions); always paired with a text label. */
  readonly glyph?: string;
}

type KindInfo = Omit<CommandDescriptor, 'command'>;

const everywhere = ['keyboard', 'overlay', 'vr'] as const;

/** One entry per kind of command; the compiler insists on a new kind being described here. */
const kinds: Readonly<Record<Exclude<CommandType, 'react'>, KindInfo>> = {
  'mute.toggle': { labelKey: 'command.mute', shortcut: { keys: ['M'] }, surfaces: everywhere },
  'talk.start': {
    labelKey: 'command.talkStart',
    shortcut: { keys: ['Space'], release: { type: 'talk.stop' }, activeWhen: 'pushToTalk' },
    surfaces: ['keyboard', 'vr'],
  },
  // Issued by releasing the key or button that started talking; it has no key of its own.
  'talk.stop': { labelKey: 'command.talkStop', surfaces: ['keyboard', 'vr'] },
  'hand.toggle': { labelKey: 'command.hand', shortcut: { keys: ['H'] }, surfaces: everywhere },
  // B for "break".
  'away.toggle': { labelKey: 'command.away', shortcut: { keys: ['B'] }, surfaces: everywhere },
  'piece.pass': {
    labelKey: 'command.pass',
    shortcut: { keys: ['P'] },
    surfaces: ['keyboard', 'vr'],
  },
  'help.toggle': {
    labelKey: 'command.help',
    shortcut: { keys: ['?', 'F1'] },
    surfaces: everywhere,
  },
  'view.recenter': {
    labelKey: 'xr.recenter',
    shortcut: { keys: ['R'] },
    surfaces: ['keyboard', 'vr'],
  },
  // Leaving is never one stray keystroke away: only a visible control offers it.
  'circle.leave': { labelKey: 'circle.leave', surfaces: ['overlay', 'vr'] },
  'xr.enter': { labelKey: 'xr.enter', surfaces: ['overlay'] },
};

/** The reactions' names; their pictures come from `ReactionGlyphs`, shared with the scene. */
const reactionLabels: Readonly<Record<Reaction, MessageKey>> = {
  nod: 'reaction.nod',
  heart: 'reaction.heart',
  metoo: 'reaction.metoo',
  wave: 'reaction.wave',
  thanks: 'reaction.thanks',
};

/** How the kind `react` as a whole is named and offered (each reaction has its own entry). */
export const reactKind: KindInfo = { labelKey: 'command.react', surfaces: everywhere };

function simple(type: Exclude<CommandType, 'react'>): CommandDescriptor {
  return { command: { type }, ...kinds[type] };
}

/**
 * Every command a person can issue, in the order help lists them: one entry per kind, with
 * `react` expanded into one entry per reaction.
 */
export const commandDescriptors: readonly CommandDescriptor[] = [
  simple('mute.toggle'),
  simple('talk.start'),
  simple('talk.stop'),
  simple('hand.toggle'),
  simple('away.toggle'),
  simple('piece.pass'),
  ...Reactions.map((reaction, index): CommandDescriptor => ({
    command: { type: 'react', reaction },
    labelKey: reactionLabels[reaction],
    glyph: ReactionGlyphs[reaction],
    shortcut: { keys: [String(index + 1)] },
    surfaces: reactKind.surfaces,
  })),
  simple('view.recenter'),
  simple('help.toggle'),
  simple('circle.leave'),
  simple('xr.enter'),
];

export function sameCommand(a: Command, b: Command): boolean {
  if (a.type === 'react' && b.type === 'react') return a.reaction === b.reaction;
  return a.type === b.type;
}

/** The entry for a command; every command has one (the unit tests check the table). */
export function descriptorFor(command: Command): CommandDescriptor | undefined {
  return commandDescriptors.find((entry) => sameCommand(entry.command, command));
}

/** The entries a surface offers, in table order. */
export function commandsFor(surface: CommandSource): CommandDescriptor[] {
  return commandDescriptors.filter((entry) => entry.surfaces.includes(surface));
}

export function isReaction(value: unknown): value is Reaction {
  return typeof value === 'string' && (Reactions as readonly string[]).includes(value);
}

/** A key as the shortcut table spells it: letters upper-cased, the space bar as `Space`. */
export function keyName(key: string): string {
  if (key === ' ' || key === 'Spacebar') return 'Space';
  return key.length === 1 ? key.toUpperCase() : key;
}

/**
 * The value of `aria-keyshortcuts` for a command, or undefined when it has no key. That
 * attribute names physical keys, so a character typed with Shift says so.
 */
export function ariaKeyShortcuts(command: Command): string | undefined {
  const keys = descriptorFor(command)?.shortcut?.keys;
  return keys?.map((key) => (key === '?' ? 'Shift+?' : key)).join(' ');
}
