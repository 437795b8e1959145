import type { Translator } from '../i18n/i18n';
import { byId } from '../ui/dom';
import type { CommandBus } from './command-bus';
import { commandDescriptors } from './commands';

export interface ShortcutRow {
  /** The keys as shown, in the current language ("Space" is translated; letters are not). */
  keys: string[];
  label: string;
}

/** The help list, straight from the command table, in the translator's language. */
export function shortcutRows(i18n: Translator): ShortcutRow[] {
  return commandDescriptors.flatMap((entry) => {
    const shortcut = entry.shortcut;
    if (!shortcut || !entry.surfaces.includes('keyboard')) return [];
    const name = i18n.t(entry.labelKey);
    const label = entry.command.type === 'react' ? i18n.t('help.react', { reaction: name }) : name;
    const keys = shortcut.keys.map((key) => (key === 'Space' ? i18n.t('key.space') : key));
    return [{ keys, label }];
  });
}

/**
 * The "Help & shortcuts" dialog. It owns the `help.toggle` command, so the button, `?`/F1 and
 * any other surface open and close it the same way; Escape and its close button close it too.
 */
export class HelpPanel {
  private readonly cleanups: (() => void)[] = [];

  constructor(
    private readonly bus: CommandBus,
    private readonly i18n: Translator,
    private readonly dialog: HTMLDialogElement,
    private readonly list: HTMLElement,
    closeButton: HTMLElement,
  ) {
    const onClose = () => {
      // Escape closes a modal dialog without asking; keep the state in step.
      this.bus.set({ helpOpen: false });
    };
    const onCloseClick = () => {
      this.bus.set({ helpOpen: false });
    };
    dialog.addEventListener('close', onClose);
    closeButton.addEventListener('click', onCloseClick);
    this.cleanups.push(
      () => {
        dialog.removeEventListener('close', onClose);
        closeButton.removeEventListener('click', onCloseClick);
      },
      bus.handle('help.toggle', () => {
        this.bus.set({ helpOpen: !this.bus.state.helpOpen });
      }),
      bus.subscribe((state) => {
        if (state.helpOpen && !this.dialog.open) this.dialog.showModal();
        if (!state.helpOpen && this.dialog.open) this.dialog.close();
      }),
      i18n.onChange(() => {
        this.render();
      }),
    );
    this.render();
  }

  /** The panel on this page: `#help-dialog`, its `#shortcut-list` and `#help-close`. */
  static fromPage(bus: CommandBus, i18n: Translator): HelpPanel {
    return new HelpPanel(
      bus,
      i18n,
      byId<HTMLDialogElement>('help-dialog'),
      byId('shortcut-list'),
      byId('help-close'),
    );
  }

  dispose(): void {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    if (this.dialog.open) this.dialog.close();
    // The dialog's close event comes later, after its listener is gone; say so directly.
    this.bus.set({ helpOpen: false });
  }

  private render(): void {
    const doc = this.list.ownerDocument;
    const items = shortcutRows(this.i18n).flatMap(({ keys, label }) => {
      const term = doc.createElement('dt');
      keys.forEach((key, index) => {
        if (index > 0) term.append(' / ');
        const kbd = doc.createElement('kbd');
        kbd.textContent = key;
        term.append(kbd);
      });
      const description = doc.createElement('dd');
      description.textContent = label;
      return [term, description];
    });
    this.list.replaceChildren(...items);
  }
}
