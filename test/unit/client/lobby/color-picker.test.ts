import { AvatarColors } from '../../../../shared/circle/presence';
import {
  ColorMemory,
  ColorNameKeys,
  ColorPicker,
  parseColor,
} from '../../../../client/lobby/color-picker';
import { en } from '../../../../client/i18n/en';
import { Translator } from '../../../../client/i18n/i18n';
import { ja } from '../../../../client/i18n/ja';
import { FakeDocument, type FakeElement } from '../commands/fake-dom';

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

const throwing = {
  getItem: () => {
    throw new Error('blocked');
  },
  setItem: () => {
    throw new Error('blocked');
  },
} as unknown as Storage;

describe('colour names', () => {
  it('name every avatar colour, differently, in both languages', () => {
    expect(ColorNameKeys).toHaveLength(AvatarColors.length);
    for (const table of [en, ja]) {
      const names = ColorNameKeys.map((key) => table[key]);
      expect(new Set(names).size).toBe(AvatarColors.length);
      for (const name of names) expect(name.trim()).not.toBe('');
    }
  });
});

describe('parseColor', () => {
  it('accepts every index of AvatarColors', () => {
    AvatarColors.forEach((_c, i) => {
      expect(parseColor(String(i))).toBe(i);
    });
  });

  it.each([null, undefined, '', '-1', '1.5', ' 1', '8', '99', '007', 'red', 3])(
    'refuses %p',
    (value) => {
      expect(parseColor(value)).toBeUndefined();
    },
  );
});

describe('ColorMemory', () => {
  it('remembers the colour under engawa.color', () => {
    const storage = new MemoryStorage();
    const memory = new ColorMemory(storage as unknown as Storage);
    expect(memory.load()).toBeUndefined();
    memory.save(4);
    expect(storage.items.get('engawa.color')).toBe('4');
    expect(new ColorMemory(storage as unknown as Storage).load()).toBe(4);
  });

  it('ignores a stored value that is not a colour', () => {
    const storage = new MemoryStorage();
    storage.setItem('engawa.color', '{"x":1}');
    expect(new ColorMemory(storage as unknown as Storage).load()).toBeUndefined();
  });

  it('works without storage, or with storage that throws', () => {
    for (const storage of [undefined, throwing]) {
      const memory = new ColorMemory(storage);
      expect(() => {
        memory.save(1);
      }).not.toThrow();
      expect(memory.load()).toBeUndefined();
    }
  });
});

describe('ColorPicker', () => {
  function setup(saved?: string) {
    const doc = new FakeDocument();
    const create = doc.add('div', 'create-color-swatches');
    const join = doc.add('div', 'join-color-swatches');
    const storage = new MemoryStorage();
    if (saved !== undefined) storage.setItem('engawa.color', saved);
    const picker = new ColorPicker(
      new Translator('en'),
      new ColorMemory(storage as unknown as Storage),
      [create, join] as unknown as HTMLElement[],
    );
    const radios = (container: FakeElement) =>
      container.descendants().filter((n) => n.tagName === 'INPUT');
    return { create, join, storage, picker, radios };
  }

  it('draws one named radio per colour in each form', () => {
    const { create, join, radios } = setup();
    for (const container of [create, join]) {
      const inputs = radios(container);
      expect(inputs.map((r) => [r.type, r.name, r.value])).toEqual(
        AvatarColors.map((_c, i) => ['radio', 'color', String(i)]),
      );
      const labels = container.children;
      expect(labels.map((l) => l.textContent)).toEqual(ColorNameKeys.map((k) => en[k]));
      const dots = container.descendants().filter((n) => n.className === 'swatch-dot');
      expect(dots.map((d) => d.style.values.get('--swatch'))).toEqual([...AvatarColors]);
      expect(dots.every((d) => d.getAttribute('aria-hidden') === 'true')).toBe(true);
      expect(inputs.some((r) => r.checked)).toBe(false);
    }
  });

  it('preselects the remembered colour', () => {
    const { create, join, radios } = setup('2');
    expect(radios(create).map((r) => r.checked)).toEqual(AvatarColors.map((_c, i) => i === 2));
    expect(radios(join).map((r) => r.checked)).toEqual(AvatarColors.map((_c, i) => i === 2));
  });

  it('remembers a choice and shows it in the other form too', () => {
    const { create, join, storage, radios } = setup('2');
    radios(join)[5]?.click();
    expect(storage.items.get('engawa.color')).toBe('5');
    expect(radios(create)[5]?.checked).toBe(true);
  });

  it('removes its swatches and listeners on dispose', () => {
    const { create, join, storage, picker, radios } = setup();
    const old = radios(create)[1];
    picker.dispose();
    expect(create.children).toHaveLength(0);
    expect(join.children).toHaveLength(0);
    old?.click();
    expect(storage.items.has('engawa.color')).toBe(false);
  });
});
