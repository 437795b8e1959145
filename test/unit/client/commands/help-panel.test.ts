import { CommandBus } from '../../../../client/commands/command-bus';
import { HelpPanel, shortcutRows } from '../../../../client/commands/help-panel';
import { en } from '../../../../client/i18n/en';
import { Translator } from '../../../../client/i18n/i18n';
import { ja } from '../../../../client/i18n/ja';
import { FakeDocument } from './fake-dom';

describe('shortcutRows', () => {
  it('lists every key from the table with its label, in English', () => {
    const rows = shortcutRows(new Translator('en'));
    expect(rows).toContainEqual({ keys: ['M'], label: en['command.mute'] });
    expect(rows).toContainEqual({ keys: ['?', 'F1'], label: en['command.help'] });
    expect(rows).toContainEqual({ keys: ['Space'], label: en['command.talkStart'] });
    expect(rows).toContainEqual({ keys: ['1'], label: 'React: Nod' });
    expect(rows).toContainEqual({ keys: ['5'], label: 'React: Thank you' });
    expect(rows.map((r) => r.keys.join())).toEqual([
      'M',
      'Space',
      'H',
      'B',
      'P',
      '1',
      '2',
      '3',
      '4',
      '5',
      'R',
      '?,F1',
    ]);
  });

  it('speaks Japanese, key names included', () => {
    const rows = shortcutRows(new Translator('ja'));
    expect(rows).toContainEqual({ keys: [ja['key.space']], label: ja['command.talkStart'] });
    expect(rows).toContainEqual({
      keys: ['2'],
      label: ja['help.react'].replace('{reaction}', ja['reaction.heart']),
    });
  });
});

function setup() {
  const doc = new FakeDocument();
  const dialog = doc.createDialog();
  const list = doc.add('dl', 'shortcut-list', dialog);
  const close = doc.add('button', 'help-close', dialog);
  const bus = new CommandBus();
  const i18n = new Translator('en');
  const panel = new HelpPanel(
    bus,
    i18n,
    dialog as unknown as HTMLDialogElement,
    list as unknown as HTMLElement,
    close as unknown as HTMLElement,
  );
  return { dialog, list, close, bus, i18n, panel };
}

describe('HelpPanel', () => {
  it('renders the list as terms with keys and descriptions', () => {
    const { list } = setup();
    const terms = list.children.filter((c) => c.tagName === 'DT');
    const descriptions = list.children.filter((c) => c.tagName === 'DD');
    expect(terms).toHaveLength(shortcutRows(new Translator('en')).length);
    expect(descriptions).toHaveLength(terms.length);
    const help = terms.find((t) => t.textContent === '? / F1');
    expect(help?.children.map((k) => k.tagName)).toEqual(['KBD', 'KBD']);
    expect(descriptions.map((d) => d.textContent)).toContain(en['command.mute']);
  });

  it('opens and closes with help.toggle from any surface', () => {
    const { dialog, bus } = setup();
    expect(bus.run({ type: 'help.toggle' }, 'keyboard')).toBe(true);
    expect(dialog.open).toBe(true);
    expect(bus.state.helpOpen).toBe(true);
    bus.run({ type: 'help.toggle' }, 'overlay');
    expect(dialog.open).toBe(false);
    expect(bus.state.helpOpen).toBe(false);
  });

  it('keeps the state in step when Escape or the close button closes it', () => {
    const { dialog, close, bus } = setup();
    bus.run({ type: 'help.toggle' }, 'overlay');
    dialog.close(); // what Escape does
    expect(bus.state.helpOpen).toBe(false);
    bus.run({ type: 'help.toggle' }, 'overlay');
    close.click();
    expect(dialog.open).toBe(false);
    expect(bus.state.helpOpen).toBe(false);
  });

  it('re-renders in the new language', () => {
    const { list, i18n } = setup();
    i18n.setLocale('ja');
    expect(list.children.map((c) => c.textContent)).toContain(ja['command.mute']);
    expect(list.children.map((c) => c.textContent)).toContain(ja['key.space']);
  });

  it('lets go of help.toggle, its listeners and the dialog on dispose', () => {
    const { dialog, list, close, bus, i18n, panel } = setup();
    bus.run({ type: 'help.toggle' }, 'overlay');
    panel.dispose();
    expect(dialog.open).toBe(false);
    expect(bus.state.helpOpen).toBe(false);
    expect(bus.run({ type: 'help.toggle' }, 'overlay')).toBe(false);
    bus.set({ helpOpen: true });
    expect(dialog.open).toBe(false);
    close.click();
    expect(bus.state.helpOpen).toBe(true);
    i18n.setLocale('ja');
    expect(list.children.map((c) => c.textContent)).toContain(en['command.mute']);
  });
});
