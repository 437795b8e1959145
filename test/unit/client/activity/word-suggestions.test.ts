import {
  WordChain,
  firstSound,
  judgeWord,
  lastSound,
  normalizeWord,
  scriptOf,
  type WordChainLanguage,
} from '../../../../shared/activity/word-chain';
import { SuggestedWords, suggestWords } from '../../../../client/activity/word-suggestions';

/** Every sound a kana chain can wait for: the plain, voiced and half-voiced syllables. */
const KANA_SOUNDS = Array.from(
  'あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわ' +
    'がぎぐげござじずぜぞだぢづでどばびぶべぼぱぴぷぺぽ',
);
/** Sounds next to no everyday word begins with in today's spelling. */
const RARE = new Set(['ぢ', 'づ']);
const LETTERS = Array.from('abcdefghijklmnopqrstuvwxyz');

const none: ReadonlySet<string> = new Set();

describe('the built-in word lists', () => {
  it.each<[WordChainLanguage, number]>([
    ['ja', 140],
    ['en', 100],
  ])('hold plenty of playable %s words, each once', (language, least) => {
    const words = SuggestedWords[language];
    expect(words.length).toBeGreaterThanOrEqual(least);
    expect(new Set(words).size).toBe(words.length);
    for (const word of words) {
      expect(normalizeWord(word)).toBe(word);
      expect(scriptOf(word)).toBe(language);
      expect(Array.from(word).length).toBeLessThanOrEqual(WordChain.wordMaxChars);
    }
  });

  it('never ends a kana word in ん, so no suggestion ends the chain', () => {
    expect(SuggestedWords.ja.filter((word) => lastSound(word) === 'ん')).toEqual([]);
  });

  it.each<WordChainLanguage>(['ja', 'en'])(
    'always has a %s word to follow any word of its own list',
    (language) => {
      const stuck = SuggestedWords[language].filter(
        (word) => suggestWords(language, lastSound(word), none).length === 0,
      );
      expect(stuck).toEqual([]);
    },
  );
});

describe('suggestWords', () => {
  it('offers only words the chain would take, for every sound and offset', () => {
    for (const [language, sounds] of [
      ['ja', KANA_SOUNDS],
      ['en', LETTERS],
    ] as const) {
      for (const sound of sounds) {
        for (const offset of [0, 1, 2, 7]) {
          for (const word of suggestWords(language, sound, none, 3, offset)) {
            expect(firstSound(word)).toBe(sound);
            expect(judgeWord(language, sound, word, none)).toBeNull();
          }
        }
      }
    }
  });

  it('has something for nearly every kana sound, voiced ones included', () => {
    const missing = KANA_SOUNDS.filter(
      (s) => !RARE.has(s) && suggestWords('ja', s, none).length === 0,
    );
    expect(missing).toEqual([]);
  });

  it('has something for every letter', () => {
    expect(LETTERS.filter((letter) => suggestWords('en', letter, none).length === 0)).toEqual([]);
  });

  it('leaves out words already played, however they were written', () => {
    const all = suggestWords('ja', 'す', none, 10);
    expect(all).toContain('すいか');
    // Played in katakana: the same word.
    const used = new Set([normalizeWord('スイカ')]);
    const offered = suggestWords('ja', 'す', used, 10);
    expect(offered).not.toContain('すいか');
    expect(offered.length).toBe(all.length - 1);
  });

  it('offers at most `count` words, none twice', () => {
    for (const count of [1, 2, 3]) {
      const words = suggestWords('en', 's', none, count);
      expect(words).toHaveLength(count);
      expect(new Set(words).size).toBe(count);
    }
  });

  it('turns to other words as the offset moves on, and comes round again', () => {
    // From one word played to the next, a sound that comes round shows other words.
    for (const offset of [0, 1, 2, 3]) {
      const now = suggestWords('en', 'c', none, 3, offset);
      const then = suggestWords('en', 'c', none, 3, offset + 1);
      expect(now.filter((word) => then.includes(word))).toEqual([]);
    }
    const all = suggestWords('en', 'c', none, 100);
    // Across offsets every fitting word comes up sooner or later.
    const seen = new Set([0, 1, 2, 3, 4].flatMap((o) => suggestWords('en', 'c', none, 3, o)));
    expect([...seen].sort()).toEqual([...all].sort());
  });

  it('offers nothing for a sound no word starts with, rather than a wrong word', () => {
    expect(suggestWords('ja', 'ん', none)).toEqual([]);
    expect(suggestWords('ja', 'a', none)).toEqual([]);
  });
});
