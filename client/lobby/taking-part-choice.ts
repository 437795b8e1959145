import {
  DEFAULT_TAKING_PART,
  isTakingPart,
  type TakingPart,
} from '../../shared/circle/taking-part';
import { byId, listen } from '../ui/dom';

const STORAGE_KEY = 'engawa.takingPart';

/**
 * "How would you like to take part today?" in the lobby, before knocking: four ways, each with
 * a line about what it means. The last choice is remembered in this browser, and only here.
 */
export class TakingPartChoice {
  private readonly section = byId<HTMLFieldSetElement>('taking-part');
  private readonly radios = [
    ...this.section.querySelectorAll<HTMLInputElement>('input[name="takingPart"]'),
  ];
  private readonly changed = new Set<(choice: TakingPart) => void>();
  private readonly disposers: (() => void)[];

  constructor(private readonly storage: Storage | undefined) {
    const remembered = this.read();
    for (const radio of this.radios) radio.checked = radio.value === remembered;
    this.disposers = this.radios.map((radio) =>
      listen(radio, 'change', () => {
        const choice = this.choice();
        this.write(choice);
        for (const listener of this.changed) listener(choice);
      }),
    );
  }

  /** Shows the choice inside a form, before what follows it (the microphone check). */
  placeIn(form: HTMLFormElement, before: Element | null): void {
    form.insertBefore(this.section, before);
    this.section.hidden = false;
  }

  choice(): TakingPart {
    const value = this.radios.find((r) => r.checked)?.value;
    return isTakingPart(value) ? value : DEFAULT_TAKING_PART;
  }

  onChange(listener: (choice: TakingPart) => void): () => void {
    this.changed.add(listener);
    return () => {
      this.changed.delete(listener);
    };
  }

  dispose(): void {
    for (const dispose of this.disposers.splice(0)) dispose();
    this.changed.clear();
  }

  private read(): TakingPart {
    try {
      const saved = this.storage?.getItem(STORAGE_KEY);
      return isTakingPart(saved) ? saved : DEFAULT_TAKING_PART;
    } catch {
      return DEFAULT_TAKING_PART;
    }
  }

  private write(choice: TakingPart): void {
    try {
      this.storage?.setItem(STORAGE_KEY, choice);
    } catch {
      // Storage blocked: the choice lasts for this page.
    }
  }
}
