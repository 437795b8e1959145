import { ViewPreference } from '../../../../client/app/view-preference';

class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length(): number {
    return this.items.size;
  }
  clear(): void {
    this.items.clear();
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

describe('ViewPreference', () => {
  it('shows the 3D view unless the simple view was chosen', () => {
    expect(new ViewPreference(new MemoryStorage()).show3d).toBe(true);
    expect(new ViewPreference(undefined).show3d).toBe(true);
  });

  it('remembers the simple view for the next visit, and forgets it when 3D is chosen again', () => {
    const storage = new MemoryStorage();
    new ViewPreference(storage).show3d = false;
    const next = new ViewPreference(storage);
    expect(next.show3d).toBe(false);
    next.show3d = true;
    expect(new ViewPreference(storage).show3d).toBe(true);
    expect(storage.length).toBe(0);
  });

  it('keeps the choice for the page where storage is blocked', () => {
    const blocked = new MemoryStorage();
    const fail = () => {
      throw new DOMException('blocked', 'SecurityError');
    };
    blocked.getItem = fail;
    blocked.setItem = fail;
    const preference = new ViewPreference(blocked);
    expect(preference.show3d).toBe(true);
    preference.show3d = false;
    expect(preference.show3d).toBe(false);
  });
});
