import { AvatarColors, type AvatarColorIndex } from '../../shared/circle/presence';
import type { MessageKey } from '../i18n/en';
import type { Translator } from '../i18n/i18n';

/** A spoken name for each of `AvatarColors`, in the same order. */
export const ColorNameKeys = [
  'color.apricot',
  'color.rose',
  'color.lilac',
  'color.cornflower',
  'color.teal',
  'color.sage',
  'color.mustard',
  'color.sand',
] as const satisfies readonly MessageKey[];

const STORAGE_KEY = 'engawa.color';

/** A colour index from a form or from storage, or undefined when it is not a valid one. */
export function parseColor(value: unknown): AvatarColorIndex | undefined {
  if (typeof value !== 'string' || !/^\d{1,2}$/.test(value)) return undefined;
  const index = Number(value);
  return index < AvatarColors.length ? index : undefined;
}

/** Remembers the chosen colour so the next visit starts with it; nothing else is kept. */
export class ColorMemory {
  constructor(private readonly storage: Storage | undefined) {}

  load(): AvatarColorIndex | undefined {
    try {
      return parseColor(this.storage?.getItem(STORAGE_KEY));
    } catch {
      return undefined;
    }
  }

  save(index: AvatarColorIndex): void {
    try {
      this.storage?.setItem(STORAGE_KEY, String(index));
    } catch {
      // Without storage the choice lasts for this page only.
    }
  }
}

/**
 * The colour swatches in the Start and Join forms: one radio per colour, named for screen
 * readers and drawn as a round swatch. Choosing in one form chooses in the other and is
 * remembered for next time.
 */
export class ColorPicker {
  private readonly cleanups: (() => void)[] = [];
  private readonly groups: HTMLInputElement[][] = [];

  constructor(
    i18n: Translator,
    private readonly memory: ColorMemory,
    containers: readonly HTMLElement[],
  ) {
    const saved = memory.load();
    for (const container of containers) {
      const radios = AvatarColors.map((color, index) =>
        this.swatch(container, i18n, color, index, index === saved),
      );
      this.groups.push(radios);
    }
  }

  dispose(): void {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }

  private swatch(
    container: HTMLElement,
    i18n: Translator,
    color: string,
    index: number,
    checked: boolean,
  ): HTMLInputElement {
    const doc = container.ownerDocument;
    const label = doc.createElement('label');
    label.className = 'swatch';
    const input = doc.createElement('input');
    input.type = 'radio';
    input.name = 'color';
    input.value = String(index);
    input.checked = checked;
    const dot = doc.createElement('span');
    dot.className = 'swatch-dot';
    dot.setAttribute('aria-hidden', 'true');
    // Set through the CSS object model, which the page's style-src policy allows.
    dot.style.setProperty('--swatch', color);
    const name = doc.createElement('span');
    name.className = 'visually-hidden';
    const key = ColorNameKeys[index] ?? 'color.legend';
    name.dataset.i18n = key;
    name.textContent = i18n.t(key);
    label.append(input, dot, name);
    container.append(label);
    const onChange = () => {
      if (input.checked) this.choose(index);
    };
    input.addEventListener('change', onChange);
    this.cleanups.push(() => {
      input.removeEventListener('change', onChange);
      label.remove();
    });
    return input;
  }

  private choose(index: number): void {
    this.memory.save(index);
    for (const radios of this.groups) {
      const radio = radios[index];
      if (radio) radio.checked = true;
    }
  }
}
