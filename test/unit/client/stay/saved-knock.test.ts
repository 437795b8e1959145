import { KnockMemory, type SavedKnock } from '../../../../client/stay/saved-knock';

/** A Storage kept in a Map, as a tab's sessionStorage is. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => {
      items.clear();
    },
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => {
      items.delete(key);
    },
    setItem: (key, value) => {
      items.set(key, value);
    },
  };
}

const KNOCK: SavedKnock = {
  code: 'K7QM-2XPD-9TR',
  waitingId: 'waiting-1',
  waitingToken: 'token-1',
  name: 'さくら',
  title: '夜の会',
};

describe('KnockMemory', () => {
  it('keeps a knock across a reload, until the wait ends', () => {
    const storage = memoryStorage();
    new KnockMemory(storage).save(KNOCK);
    const reloaded = new KnockMemory(storage);
    expect(reloaded.load()).toEqual(KNOCK);
    reloaded.clear();
    expect(new KnockMemory(storage).load()).toBeUndefined();
  });

  it('keeps only what it needs, and nothing malformed', () => {
    const storage = memoryStorage();
    new KnockMemory(storage).save({ ...KNOCK, extra: 'x' } as SavedKnock);
    expect(JSON.parse(storage.getItem('engawa.knock') ?? '{}')).toEqual(KNOCK);
    for (const broken of ['{', '"text"', JSON.stringify({ ...KNOCK, waitingToken: 7 })]) {
      storage.setItem('engawa.knock', broken);
      expect(new KnockMemory(storage).load()).toBeUndefined();
    }
  });

  it('works on when storage refuses, remembering nothing', () => {
    const refusing = memoryStorage();
    refusing.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    refusing.getItem = () => {
      throw new Error('SecurityError');
    };
    const memory = new KnockMemory(refusing);
    expect(() => {
      memory.save(KNOCK);
    }).not.toThrow();
    expect(memory.load()).toBeUndefined();
  });

  it('works without storage, remembering nothing', () => {
    const memory = new KnockMemory(undefined);
    memory.save(KNOCK);
    expect(memory.load()).toBeUndefined();
    expect(() => {
      memory.clear();
    }).not.toThrow();
  });
});
