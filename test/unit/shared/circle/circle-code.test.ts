import {
  CODE_ALPHABET,
  CODE_LENGTH,
  generateCircleCode,
  normalizeCircleCode,
  type RandomBytes,
} from '../../../../shared/circle/circle-code';

const CROCKFORD_CODE = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{3}$/;

/** A random source that hands out 0, 1, 2, … 255, 0, 1, … so every byte value recurs evenly. */
function countingBytes(): RandomBytes {
  let next = 0;
  return (length) => {
    const bytes = new Uint8Array(length);
    for (let i = 0; i < length; i++) bytes[i] = next++ % 256;
    return bytes;
  };
}

/** Always returns the same bytes, so one position can be varied at a time. */
function fixedBytes(bytes: readonly number[]): RandomBytes {
  return (length) => Uint8Array.from({ length }, (_, i) => bytes[i] ?? 0);
}

function symbolsOf(code: string): string {
  return code.replace(/-/g, '');
}

describe('CODE_ALPHABET', () => {
  it("is Crockford's base32: 32 distinct symbols without I, L, O or U", () => {
    expect(CODE_ALPHABET).toHaveLength(32);
    expect(new Set(CODE_ALPHABET).size).toBe(32);
    expect(CODE_ALPHABET).toMatch(/^[0-9A-HJKMNP-TV-Z]+$/);
    for (const excluded of 'ILOU') expect(CODE_ALPHABET).not.toContain(excluded);
  });
});

describe('generateCircleCode', () => {
  it('formats 11 Crockford symbols as XXXX-XXXX-XXX', () => {
    const random = countingBytes();
    for (let i = 0; i < 100; i++) {
      expect(generateCircleCode(random)).toMatch(CROCKFORD_CODE);
    }
  });

  it('asks the random source for exactly one byte per symbol', () => {
    const random = jest.fn(countingBytes());
    generateCircleCode(random);
    expect(random).toHaveBeenCalledTimes(1);
    expect(random).toHaveBeenCalledWith(CODE_LENGTH);
  });

  it('carries at least 40 bits of entropy: every position takes all 32 symbols independently', () => {
    expect(CODE_LENGTH * Math.log2(CODE_ALPHABET.length)).toBeGreaterThanOrEqual(40);
    for (let position = 0; position < CODE_LENGTH; position++) {
      const seen = new Set<string>();
      for (let value = 0; value < 32; value++) {
        const bytes = new Array<number>(CODE_LENGTH).fill(0);
        bytes[position] = value;
        const symbols = symbolsOf(generateCircleCode(fixedBytes(bytes)));
        // Only the varied position changes; every other position stays at the zero symbol.
        for (let other = 0; other < CODE_LENGTH; other++) {
          if (other !== position) expect(symbols[other]).toBe('0');
        }
        seen.add(symbols[position] ?? '');
      }
      expect(seen.size).toBe(32);
    }
  });

  it('uses every symbol equally often when the random bytes are uniform', () => {
    const random = countingBytes();
    const counts = new Map<string, number>();
    // 256 codes × 11 bytes = every byte value exactly 11 times.
    for (let i = 0; i < 256; i++) {
      for (const symbol of symbolsOf(generateCircleCode(random))) {
        counts.set(symbol, (counts.get(symbol) ?? 0) + 1);
      }
    }
    expect(new Set(counts.keys())).toEqual(new Set(CODE_ALPHABET));
    for (const count of counts.values()) expect(count).toBe((256 * CODE_LENGTH) / 32);
  });

  it('maps byte values that differ only above the low five bits to the same symbol', () => {
    for (let value = 0; value < 32; value++) {
      const low = generateCircleCode(fixedBytes(new Array<number>(CODE_LENGTH).fill(value)));
      const high = generateCircleCode(
        fixedBytes(new Array<number>(CODE_LENGTH).fill(value + 32 * 7)),
      );
      expect(high).toBe(low);
      expect(symbolsOf(low)).toBe((CODE_ALPHABET[value] ?? '?').repeat(CODE_LENGTH));
    }
  });

  it('produces codes that normalize to themselves', () => {
    const random = countingBytes();
    for (let i = 0; i < 50; i++) {
      const code = generateCircleCode(random);
      expect(normalizeCircleCode(code)).toBe(code);
    }
  });
});

describe('normalizeCircleCode', () => {
  it.each([
    ['canonical', 'K7QM-2XPD-9TR'],
    ['lower case', 'k7qm-2xpd-9tr'],
    ['no dashes', 'K7QM2XPD9TR'],
    ['spaces instead of dashes', 'k7qm 2xpd 9tr'],
    ['surrounding whitespace', '  K7QM-2XPD-9TR\n'],
    ['extra dashes', '-K7QM--2XPD---9TR-'],
    ['dashes in odd places', 'K7-QM2X-PD9-TR'],
    ['underscores and dots', 'K7QM_2XPD.9TR'],
    ['full-width letters and digits', 'Ｋ７ＱＭ－２ＸＰＤ－９ＴＲ'],
    ['full-width lower case', 'ｋ７ｑｍ２ｘｐｄ９ｔｒ'],
    ['ideographic spaces', 'K7QM\u30002XPD\u30009TR'],
    ['katakana long vowel mark as a dash', 'K7QMー2XPDー9TR'],
    ['minus signs as dashes, as some Japanese input methods type them', 'K7QM\u22122XPD\u22129TR'],
    ['Unicode hyphen and dashes', 'K7QM\u20102XPD\u20149TR'],
  ])('accepts %s', (_label, input) => {
    expect(normalizeCircleCode(input)).toBe('K7QM-2XPD-9TR');
  });

  it.each([
    ['O as 0', 'OOOO-oooo-OOO', '0000-0000-000'],
    ['I and L as 1', 'IIII-llll-LiI', '1111-1111-111'],
    ['full-width O, I and L', 'ＯＩＬＯ-ｏｉｌｏ-ＯＩＬ', '0110-0110-011'],
    ['U as V', 'UUUU-uuuu-UUU', 'VVVV-VVVV-VVV'],
  ])('reads %s', (_label, input, expected) => {
    expect(normalizeCircleCode(input)).toBe(expected);
  });

  it.each([
    ['empty', ''],
    ['only separators', '--- -- -'],
    ['10 symbols', 'K7QM-2XPD-9T'],
    ['12 symbols', 'K7QM-2XPD-9TRX'],
    ['22 symbols', 'K7QM-2XPD-9TR-K7QM-2XPD-9TR'],
  ])('rejects the wrong length: %s', (_label, input) => {
    expect(normalizeCircleCode(input)).toBeNull();
  });

  it.each([
    ['punctuation', 'K7QM-2XPD-9T!'],
    ['an asterisk', '*7QM-2XPD-9TR'],
    ['a letter with a diacritic', 'Ä7QM-2XPD-9TR'],
    ['a kanji', '漢7QM-2XPD-9TR'],
    ['kana', 'かきくけこさしすせそた'],
    // Two UTF-16 units, so the code still has 11 units and fails on the symbol, not the length.
    ['an emoji', '😀QM-2XPD-9TR'],
    ['a Cyrillic look-alike', '\u041A7QM-2XPD-9TR'],
    ['a control character', 'K7QM-\u0000XPD-9TR'],
  ])('rejects a symbol outside the alphabet: %s', (_label, input) => {
    expect(normalizeCircleCode(input)).toBeNull();
  });
});
