import {
  judgeWord,
  lastSound,
  normalizeWord,
  scriptOf,
} from '../../../../shared/activity/word-chain';

describe('the word chain’s reading of words', () => {
  it('reads katakana as hiragana, full-width letters as plain ones, and trims', () => {
    expect(normalizeWord(' リンゴ ')).toBe('りんご');
    expect(normalizeWord('Ｃｈａｉｎ')).toBe('chain');
    expect(scriptOf('りんご')).toBe('ja');
    expect(scriptOf('chain')).toBe('en');
    for (const word of ['林檎', 'two words', 'ーあ', 'café', '', 'りんごapple']) {
      expect(scriptOf(normalizeWord(word))).toBeNull();
    }
  });

  it('takes the last sound at full size, past a long vowel mark', () => {
    expect(lastSound('しゃしんきょ')).toBe('よ');
    expect(lastSound('こーひー')).toBe('ひ');
    expect(lastSound('がっこう')).toBe('う');
    expect(lastSound('chain')).toBe('n');
  });
});

describe('judgeWord', () => {
  const none = new Set<string>();

  it('accepts a word that starts with the last sound, in either kana', () => {
    expect(judgeWord('ja', 'しりとり', 'リス', none)).toBeNull();
    expect(judgeWord('ja', 'でんしゃ', 'やかん'.slice(0, 2) + 'ま', none)).toBeNull();
    expect(judgeWord('ja', 'こーひー', 'ひつじ', none)).toBeNull();
    expect(judgeWord('en', 'chain', 'Night', none)).toBeNull();
  });

  it('names what is wrong with a word that does not fit', () => {
    expect(judgeWord('ja', 'しりとり', 'ごりら', none)).toBe('word_does_not_chain');
    expect(judgeWord('ja', 'しりとり', 'りんご', new Set(['りんご']))).toBe('word_used');
    expect(judgeWord('ja', 'しりとり', 'リンゴ', new Set(['りんご']))).toBe('word_used');
    expect(judgeWord('ja', 'しりとり', 'りょかん', none)).toBe('word_ends_with_n');
    expect(judgeWord('ja', 'しりとり', 'night', none)).toBe('word_invalid');
    expect(judgeWord('en', 'chain', 'なし', none)).toBe('word_invalid');
    expect(judgeWord('ja', 'しりとり', 'り'.repeat(21), none)).toBe('word_invalid');
    // In letters an n ending is just a letter.
    expect(judgeWord('en', 'chain', 'nun', none)).toBeNull();
  });
});
