import { deviceToken } from '../../../../client/lobby/device-token';
import { shareSeconds } from '../../../../client/lobby/lobby-forms';
import { en } from '../../../../client/i18n/en';
import { ja } from '../../../../client/i18n/ja';
import { checkRules } from '../../../../shared/circle/display-text';

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

describe('shareSeconds', () => {
  it.each([
    ['3', 180],
    ['0.5', 30],
    ['1,5', 90],
    [' 20 ', 1_200],
    ['2.25', 135],
  ])('reads %j minutes as %d seconds', (typed, seconds) => {
    expect(shareSeconds(typed)).toBe(seconds);
  });

  it.each(['', ' ', '0', '0.4', '20.5', 'three', 'Infinity', '-3'])('refuses %j', (typed) => {
    expect(shareSeconds(typed)).toBeNull();
  });
});

describe('deviceToken', () => {
  it('makes one url-safe token per browser and keeps it', () => {
    const storage = new MemoryStorage() as unknown as Storage;
    const first = deviceToken(storage);
    expect(first).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    expect(deviceToken(storage)).toBe(first);
    expect((storage as unknown as MemoryStorage).items.get('engawa.device')).toBe(first);
  });

  it('replaces a stored value that is not a token, and lasts the page without storage', () => {
    const storage = new MemoryStorage();
    storage.items.set('engawa.device', 'not a token!');
    expect(deviceToken(storage as unknown as Storage)).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const blocked = {
      getItem: () => {
        throw new Error('blocked');
      },
    } as unknown as Storage;
    expect(deviceToken(blocked)).toBe(deviceToken(undefined));
  });
});

describe('default ground rules', () => {
  it.each([
    ['en', en['create.rulesDefault']],
    ['ja', ja['create.rulesDefault']],
  ])('in %s are six rules the server accepts', (_locale, text) => {
    const rules = checkRules(text.split('\n'));
    expect(rules.ok && rules.value).toHaveLength(6);
  });
});
