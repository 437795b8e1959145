/**
 * しりとり, the word chain: each word starts with the sound the last one ended with. Played in
 * kana (hiragana or katakana, read alike) or in the Latin alphabet, whichever the chain began
 * in. Both ends use these rules: the server to judge a word, the page to suggest and to say why
 * a word would not chain before it is sent.
 */

export const WordChainLanguages = ['ja', 'en'] as const;
export type WordChainLanguage = (typeof WordChainLanguages)[number];

export const WordChain = {
  wordMaxChars: 20,
  /** Words a chain remembers, to refuse repeats; a longer chain ends there, gently. */
  wordsMax: 200,
  /** Words every page is shown, the newest last. */
  wordsShown: 12,
  playersMax: 8,
  /** The word each chain starts from, so the first player already has a sound to follow. */
  seeds: { ja: 'しりとり', en: 'chain' },
} as const;

/** A table's word chain as everyone at the event sees it. */
export interface WordChainView {
  table: number;
  language: WordChainLanguage;
  /** The newest words (at most `wordsShown`), the newest last; `by` is null for the seed. */
  words: { word: string; by: string | null }[];
  /** Those taking turns, in turn order; everyone else at the table watches. */
  players: string[];
  /** Whose turn it is; null while no player can take it (all away, say). */
  turn: string | null;
  /** The sound the next word must start with. */
  next: string;
  /** Words played so far, the seed not counted. */
  played: number;
}

/** Why a word is refused, as an error code of the protocol. */
export type WordFault = 'word_invalid' | 'word_does_not_chain' | 'word_used' | 'word_ends_with_n';

const SMALL_KANA: Record<string, string> = {
  ぁ: 'あ',
  ぃ: 'い',
  ぅ: 'う',
  ぇ: 'え',
  ぉ: 'お',
  っ: 'つ',
  ゃ: 'や',
  ゅ: 'ゆ',
  ょ: 'よ',
  ゎ: 'わ',
  ゕ: 'か',
  ゖ: 'け',
};

const KANA_WORD = /^[\u3041-\u3096ー]+$/u;
const LATIN_WORD = /^[a-z]+$/u;

/** Katakana read as hiragana, full-width letters as plain ones, lower case, no spaces. */
export function normalizeWord(input: string): string {
  return Array.from(input.normalize('NFKC').trim().toLowerCase())
    .map((ch) => {
      const code = ch.codePointAt(0) ?? 0;
      return code >= 0x30a1 && code <= 0x30f6 ? String.fromCodePoint(code - 0x60) : ch;
    })
    .join('');
}

/** The script a normalized word is written in, or null when it is not a playable word. */
export function scriptOf(word: string): WordChainLanguage | null {
  if (KANA_WORD.test(word) && !word.startsWith('ー')) return 'ja';
  if (LATIN_WORD.test(word)) return 'en';
  return null;
}

/** The sound the next word must start with. */
export function lastSound(word: string): string {
  const chars = Array.from(word);
  let last = chars.pop() ?? '';
  // A long vowel mark carries the sound before it.
  while (last === 'ー' && chars.length > 0) last = chars.pop() ?? '';
  return SMALL_KANA[last] ?? last;
}

export function firstSound(word: string): string {
  const first = Array.from(word)[0] ?? '';
  return SMALL_KANA[first] ?? first;
}

/**
 * Whether `next` may follow `previous` in a chain of `language`, having been used before or
 * not. Returns the fault, or null for a good word. Both words are normalized first.
 */
export function judgeWord(
  language: WordChainLanguage,
  previous: string,
  next: string,
  used: ReadonlySet<string>,
): WordFault | null {
  const word = normalizeWord(next);
  if (Array.from(word).length > WordChain.wordMaxChars || scriptOf(word) !== language) {
    return 'word_invalid';
  }
  if (firstSound(word) !== lastSound(normalizeWord(previous))) return 'word_does_not_chain';
  if (used.has(word)) return 'word_used';
  if (language === 'ja' && lastSound(word) === 'ん') return 'word_ends_with_n';
  return null;
}
