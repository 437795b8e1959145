import { judgeWord, type WordChainLanguage } from '../../shared/activity/word-chain';

/**
 * Everyday things, grouped by their first sound, so that someone stuck for a word (or playing
 * from a headset, without a keyboard) always has a few to choose from. Soft, familiar words
 * only; in kana none ends in ん, so no suggestion ends the chain.
 */
const KANA_WORDS = [
  'あめ あさがお あひる あじさい',
  'いちご いぬ いす いるか',
  'うさぎ うめ うちわ うみ',
  'えだまめ えんぴつ えのぐ えき',
  'おにぎり おちゃ おもち おりがみ',
  'かさ かめ かき かえる',
  'きつね きって きのこ きもの',
  'くじら くるま くり',
  'けいと けむり',
  'こたつ こま ことり こいのぼり',
  'さくら さかな さとう',
  'しか しお しまうま',
  'すいか すずめ すみれ すいとう',
  'せみ せなか',
  'そら そば そり',
  'たぬき たまご たけのこ たいこ',
  'ちくわ ちず ちょう',
  'つくえ つき つばめ つみき',
  'てがみ てぶくろ',
  'とけい とまと とり',
  'なす なべ なつ なわとび',
  'にわとり にじ にもつ',
  'ぬいぐるみ ぬりえ',
  'ねこ ねずみ ねぎ',
  'のり のはら',
  'はな はさみ はし',
  'ひまわり ひつじ ひよこ ひこうき',
  'ふね ふくろう ふで',
  'へび へや',
  'ほし ほたる',
  'まくら まめ まど まつぼっくり',
  'みみ みずうみ みかづき',
  'むぎちゃ むし',
  'めだか めがね めじろ',
  'もみじ もも もぐら',
  'やま やさい やね',
  'ゆき ゆかた ゆうやけ',
  'よる よもぎ ようふく',
  'らっぱ らくだ らっこ',
  'りす りんご りょうり',
  'るびー るーぺ',
  'れいぞうこ れたす れんが',
  'ろうそく ろば ろけっと',
  'わに わたあめ わかめ',
  'がっこう がちょう がくぶち',
  'ぎゅうにゅう ぎたー',
  'ぐみ ぐらす',
  'げた げたばこ',
  'ごま ごりら ごぼう',
  'ざる ざりがに',
  'じてんしゃ じしょ じゃがいも',
  'ずこう ずわいがに',
  'ぜりー ぜんまい',
  'ぞう ぞうり',
  'だんご だるま だちょう',
  'でんわ でんしゃ',
  'どんぐり どうぶつ どらやき',
  'ばなな ばった ばけつ',
  'びわ びーだま',
  'ぶどう ぶらんこ ぶた',
  'べんとう べる',
  'ぼうし ぼーる',
  'ぱんだ ぱせり ぱじゃま',
  'ぴあの ぴざ',
  'ぷーる ぷりずむ',
  'ぺんき ぺだる',
  'ぽすと ぽけっと',
]
  .join(' ')
  .split(' ');

const LETTER_WORDS = [
  'apple acorn anchor apron avocado',
  'banana basket blanket button bread',
  'candle carrot cloud cookie cushion cottage',
  'daisy dolphin drum duck',
  'egg envelope elephant eraser',
  'feather flower forest frog',
  'garden guitar glove grape garlic',
  'hammock honey hat harbor hill',
  'igloo island ink iris',
  'jam jacket jelly journal',
  'kite kettle kitten koala',
  'lantern lemon leaf letter lighthouse',
  'melon mitten moon muffin meadow mug',
  'napkin nest noodle notebook',
  'orange owl oven otter',
  'pillow pencil piano puddle pebble',
  'quilt queen quail',
  'rabbit rainbow river robin radish',
  'sandwich seashell scarf sock saucer starfish',
  'teapot tulip turtle towel teacup',
  'umbrella ukulele unicorn uniform',
  'violin village vase valley',
  'window walnut whale wagon',
  'xylophone',
  'yarn yogurt yacht yolk',
  'zebra zipper zucchini zoo',
]
  .join(' ')
  .split(' ');

export const SuggestedWords: Readonly<Record<WordChainLanguage, readonly string[]>> = {
  ja: KANA_WORDS,
  en: LETTER_WORDS,
};

/**
 * Up to `count` words that may follow a chain waiting for the sound `next`, leaving out
 * `used` ones (normalized). `offset` (the chain's played count, say) turns the choice, so the
 * same few do not come up every time a sound comes round.
 */
export function suggestWords(
  language: WordChainLanguage,
  next: string,
  used: ReadonlySet<string>,
  count = 3,
  offset = 0,
): string[] {
  // The sound itself stands in for the previous word: a word of one sound ends with it.
  const fitting = SuggestedWords[language].filter(
    (word) => judgeWord(language, next, word, used) === null,
  );
  if (fitting.length <= count) return fitting;
  const start = (Math.max(0, Math.floor(offset)) * count) % fitting.length;
  return [...fitting.slice(start), ...fitting.slice(0, start)].slice(0, count);
}
