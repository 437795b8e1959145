import { Reactions } from '../../../../shared/circle/presence';
import {
  ariaKeyShortcuts,
  CommandSources,
  commandDescriptors,
  commandsFor,
  descriptorFor,
  isReaction,
  keyName,
  reactKind,
  sameCommand,
  type Command,
  type CommandType,
} from '../../../../client/commands/commands';
import { en } from '../../../../client/i18n/en';
import { ja } from '../../../../client/i18n/ja';

/** Every kind of command, spelled out here so a new kind must be added to the test as well. */
const allTypes: Record<CommandType, true> = {
  'mute.toggle': true,
  'talk.start': true,
  'talk.stop': true,
  'hand.toggle': true,
  react: true,
  'away.toggle': true,
  'piece.pass': true,
  'help.toggle': true,
  'view.recenter': true,
  'circle.leave': true,
  'xr.enter': true,
};

const tables = { en, ja } as Record<string, Record<string, string>>;

describe('the command table', () => {
  it('has one entry for every kind of command except react, and one for every reaction', () => {
    const types = commandDescriptors.map((d) => d.command.type);
    for (const type of Object.keys(allTypes) as CommandType[]) {
      const expected = type === 'react' ? Reactions.length : 1;
      expect([type, types.filter((t) => t === type).length]).toEqual([type, expected]);
    }
    const reactions = commandDescriptors.flatMap((d) =>
      d.command.type === 'react' ? [d.command.reaction] : [],
    );
    expect(reactions).toEqual([...Reactions]);
    expect(commandDescriptors).toHaveLength(Object.keys(allTypes).length - 1 + Reactions.length);
  });

  it.each(Object.keys(tables))('has every label in the %s table, not blank', (locale) => {
    const table = tables[locale] ?? {};
    const keys = [...commandDescriptors.map((d) => d.labelKey), reactKind.labelKey];
    const missing = keys.filter((key) => (table[key] ?? '').trim() === '');
    expect(missing).toEqual([]);
  });

  it('gives every reaction its own label and a glyph', () => {
    const entries = commandDescriptors.filter((d) => d.command.type === 'react');
    expect(new Set(entries.map((d) => d.labelKey)).size).toBe(Reactions.length);
    expect(entries.map((d) => d.labelKey)).toEqual(Reactions.map((r) => `reaction.${r}`));
    for (const entry of entries) expect(entry.glyph?.length).toBeGreaterThan(0);
  });

  it('never gives two commands the same key', () => {
    const keys = commandDescriptors.flatMap((d) => d.shortcut?.keys ?? []);
    expect(keys.length).toBeGreaterThan(0);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('spells keys the way keyName normalises them', () => {
    for (const key of commandDescriptors.flatMap((d) => d.shortcut?.keys ?? [])) {
      expect(keyName(key)).toBe(key);
    }
  });

  it('has the documented keys', () => {
    const keysOf = (command: Command) => descriptorFor(command)?.shortcut?.keys;
    expect(keysOf({ type: 'mute.toggle' })).toEqual(['M']);
    expect(keysOf({ type: 'hand.toggle' })).toEqual(['H']);
    expect(keysOf({ type: 'away.toggle' })).toEqual(['B']);
    expect(keysOf({ type: 'help.toggle' })).toEqual(['?', 'F1']);
    expect(keysOf({ type: 'view.recenter' })).toEqual(['R']);
    expect(keysOf({ type: 'talk.start' })).toEqual(['Space']);
    expect(Reactions.map((reaction) => keysOf({ type: 'react', reaction }))).toEqual([
      ['1'],
      ['2'],
      ['3'],
      ['4'],
      ['5'],
    ]);
    expect(keysOf({ type: 'circle.leave' })).toBeUndefined();
  });

  it('offers keys exactly for the commands it offers on the keyboard (talk.stop is a release)', () => {
    for (const entry of commandDescriptors) {
      const onKeyboard = entry.surfaces.includes('keyboard');
      const hasKey = entry.shortcut !== undefined || entry.command.type === 'talk.stop';
      expect([entry.command, onKeyboard]).toEqual([entry.command, hasKey]);
    }
  });

  it('releases Space with talk.stop, and only while push to talk is on', () => {
    const talk = descriptorFor({ type: 'talk.start' })?.shortcut;
    expect(talk?.release).toEqual({ type: 'talk.stop' });
    expect(talk?.activeWhen).toBe('pushToTalk');
  });

  it('names only known surfaces, and offers every command somewhere', () => {
    for (const entry of commandDescriptors) {
      expect(entry.surfaces.length).toBeGreaterThan(0);
      for (const s of entry.surfaces) expect(CommandSources).toContain(s);
    }
  });

  it('lists per surface in table order', () => {
    const overlay = commandsFor('overlay').map((d) => d.command.type);
    expect(overlay).toContain('xr.enter');
    expect(overlay).not.toContain('talk.start');
    expect(commandsFor('vr').map((d) => d.command.type)).toContain('view.recenter');
  });
});

describe('helpers', () => {
  it('compares reactions by reaction and other commands by type', () => {
    expect(
      sameCommand({ type: 'react', reaction: 'nod' }, { type: 'react', reaction: 'nod' }),
    ).toBe(true);
    expect(
      sameCommand({ type: 'react', reaction: 'nod' }, { type: 'react', reaction: 'wave' }),
    ).toBe(false);
    expect(sameCommand({ type: 'hand.toggle' }, { type: 'hand.toggle' })).toBe(true);
    expect(sameCommand({ type: 'hand.toggle' }, { type: 'away.toggle' })).toBe(false);
  });

  it('knows the reactions and nothing else', () => {
    for (const r of Reactions) expect(isReaction(r)).toBe(true);
    for (const v of ['', 'NOD', 'clap', undefined, 1, '__proto__'])
      expect(isReaction(v)).toBe(false);
  });

  it('normalises keys: letters upper-cased, the space bar named', () => {
    expect(keyName('m')).toBe('M');
    expect(keyName('M')).toBe('M');
    expect(keyName(' ')).toBe('Space');
    expect(keyName('?')).toBe('?');
    expect(keyName('F1')).toBe('F1');
    expect(keyName('Escape')).toBe('Escape');
  });

  it('writes aria-keyshortcuts with Shift for ?', () => {
    expect(ariaKeyShortcuts({ type: 'mute.toggle' })).toBe('M');
    expect(ariaKeyShortcuts({ type: 'help.toggle' })).toBe('Shift+? F1');
    expect(ariaKeyShortcuts({ type: 'react', reaction: 'thanks' })).toBe('5');
    expect(ariaKeyShortcuts({ type: 'xr.enter' })).toBeUndefined();
  });
});
