import {
  checkPseudonym,
  checkMessage,
  checkRule,
  checkRules,
  checkTitle,
  checkTopic,
  countCharacters,
  type TextCheck,
} from '../../../../shared/circle/display-text';
import { ErrorCode } from '../../../../shared/protocol/errors';
import { Limits } from '../../../../shared/protocol/limits';

const FAMILY = '👩\u200D👩\u200D👧'; // three people joined by ZWJ: one character, 8 UTF-16 units

function ok(value: string): TextCheck {
  return { ok: true, value };
}

function refused(code: ErrorCode): TextCheck {
  return { ok: false, code };
}

describe('countCharacters', () => {
  it.each([
    ['an empty string', '', 0],
    ['ASCII', 'abc', 3],
    ['kanji', '山田太郎', 4],
    ['an emoji ZWJ sequence', FAMILY, 1],
    ['an emoji with a skin tone', '👍🏽', 1],
    ['a flag', '🇯🇵', 1],
    ['a heart with variation selector', '❤️', 1],
    ['a base letter with a combining mark', 'か\u3099', 1],
    ['mixed', `a${FAMILY}b`, 3],
  ])('counts %s as user-perceived characters', (_label, text, expected) => {
    expect(countCharacters(text)).toBe(expected);
  });
});

describe('checkPseudonym', () => {
  it.each([
    ['kanji', '山田太郎'],
    ['hiragana', 'さくら'],
    ['katakana', 'サクラ'],
    ['mixed Japanese', '縁側のゆうき・ミキ'],
    ['Latin with accents', 'Zoë Ñúñez'],
    ['Hangul', '김민준'],
    ['Arabic', 'ليلى'],
    ['an emoji ZWJ sequence', FAMILY],
    ['digits and symbols', 'R2-D2 ☕'],
  ])('accepts %s unchanged', (_label, name) => {
    expect(checkPseudonym(name)).toEqual(ok(name));
  });

  describe('length', () => {
    it.each([
      ['Latin', 'a'],
      ['kanji', '漢'],
      ['hiragana', 'あ'],
    ])('accepts 32 and refuses 33 characters of %s', (_label, ch) => {
      expect(checkPseudonym(ch.repeat(Limits.nameMaxChars))).toEqual(
        ok(ch.repeat(Limits.nameMaxChars)),
      );
      expect(checkPseudonym(ch.repeat(Limits.nameMaxChars + 1))).toEqual(
        refused(ErrorCode.NameTooLong),
      );
    });

    it('counts an emoji ZWJ sequence as one character', () => {
      const thirtyTwo = 'あ'.repeat(31) + FAMILY;
      expect(thirtyTwo.length).toBeGreaterThan(32);
      expect(checkPseudonym(thirtyTwo)).toEqual(ok(thirtyTwo));
      expect(checkPseudonym('あ' + thirtyTwo)).toEqual(refused(ErrorCode.NameTooLong));
    });

    it('does not count surrounding whitespace', () => {
      const name = 'a'.repeat(Limits.nameMaxChars);
      expect(checkPseudonym(`   ${name}\u3000\u3000`)).toEqual(ok(name));
    });

    it('refuses a single character built from a long run of combining marks', () => {
      const zalgo = 'a' + '\u0301\u0308'.repeat(Limits.nameMaxCodeUnits);
      expect(countCharacters(zalgo)).toBe(1);
      expect(checkPseudonym(zalgo)).toEqual(refused(ErrorCode.NameTooLong));
    });

    it(`caps the name at ${Limits.nameMaxCodeUnits} UTF-16 units even when few characters`, () => {
      const atLimit = FAMILY.repeat(Limits.nameMaxCodeUnits / FAMILY.length);
      expect(checkPseudonym(atLimit)).toEqual(ok(atLimit));
      expect(checkPseudonym(atLimit + FAMILY)).toEqual(refused(ErrorCode.NameTooLong));
    });
  });

  describe('whitespace', () => {
    it.each([
      ['ASCII spaces', '  さくら  ', 'さくら'],
      ['ideographic spaces (U+3000)', '\u3000さくら\u3000', 'さくら'],
      ['tabs and newlines at the ends', '\t\nさくら\r\n', 'さくら'],
      ['no-break spaces', '\u00A0Sakura\u00A0', 'Sakura'],
    ])('trims %s', (_label, input, expected) => {
      expect(checkPseudonym(input)).toEqual(ok(expected));
    });

    it.each([
      ['several ASCII spaces', 'Mary   Ann', 'Mary Ann'],
      ['an ideographic space', '山田\u3000太郎', '山田 太郎'],
      ['a no-break space', 'Mary\u00A0Ann', 'Mary Ann'],
    ])('collapses %s between words to one space', (_label, input, expected) => {
      expect(checkPseudonym(input)).toEqual(ok(expected));
    });
  });

  it.each([
    ['a newline inside', 'Mary\nAnn'],
    ['a tab inside', 'Mary\tAnn'],
    ['a carriage return inside', 'Mary\rAnn'],
    ['BEL', 'bell\u0007'],
    ['NUL', '\u0000abc'],
    ['DEL', 'abc\u007F'],
    ['a C1 control', 'abc\u0085def'],
    ['a right-to-left override', 'abc\u202Efed'],
    ['a left-to-right embedding', '\u202Aabc'],
    ['a bidi isolate', 'abc\u2066def\u2069'],
    ['an unpaired surrogate', 'abc\uD800'],
    ['a private-use character', 'abc\uE000'],
  ])('refuses %s as invalid characters', (_label, name) => {
    expect(checkPseudonym(name)).toEqual(refused(ErrorCode.NameInvalidCharacters));
  });

  it.each([
    ['zero-width spaces', '\u200B\u200B\u200B'],
    ['a zero-width joiner', '\u200D'],
    ['the Hangul filler (U+3164)', '\u3164'],
    ['Hangul choseong and jungseong fillers', '\u115F\u1160'],
    ['the half-width Hangul filler', '\uFFA0'],
    ['the braille blank', '\u2800'],
    ['combining marks only', '\u0301\u0308'],
    ['a combining dakuten only', '\u3099'],
    ['soft hyphens', '\u00AD\u00AD'],
    ['zero-width spaces around a space', '\u200B \u200B'],
  ])('refuses %s as invisible', (_label, name) => {
    expect(checkPseudonym(name)).toEqual(refused(ErrorCode.NameInvisible));
  });

  it.each([
    ['empty', ''],
    ['spaces', '    '],
    ['ideographic spaces', '\u3000\u3000'],
    ['newlines', '\n\r\n'],
  ])('refuses %s as missing', (_label, name) => {
    expect(checkPseudonym(name)).toEqual(refused(ErrorCode.NameRequired));
  });

  describe('NFC normalization', () => {
    it.each([
      ['か + combining dakuten', 'か\u3099', 'が'],
      ['ハ + combining handakuten', 'ハ\u309A', 'パ'],
      ['e + combining acute', 'Jose\u0301', 'José'],
      ['Hangul jamo', '\u1100\u1161', '가'],
    ])('composes %s', (_label, input, expected) => {
      const result = checkPseudonym(input);
      expect(result).toEqual(ok(expected));
      expect(result).toEqual(checkPseudonym(expected));
    });
  });
});

describe('checkTitle', () => {
  it.each([
    ['English', 'Tuesday evening circle'],
    ['Japanese', '火曜の夜の輪'],
    ['with emoji', `Parents ${FAMILY} circle`],
  ])('accepts %s', (_label, title) => {
    expect(checkTitle(title)).toEqual(ok(title));
  });

  it('accepts 80 characters and refuses 81', () => {
    expect(checkTitle('輪'.repeat(Limits.titleMaxChars))).toEqual(
      ok('輪'.repeat(Limits.titleMaxChars)),
    );
    expect(checkTitle('輪'.repeat(Limits.titleMaxChars + 1))).toEqual(
      refused(ErrorCode.TitleInvalid),
    );
  });

  it('counts emoji sequences as one character', () => {
    const eighty = 'a'.repeat(Limits.titleMaxChars - 1) + FAMILY;
    expect(checkTitle(eighty)).toEqual(ok(eighty));
  });

  it(`caps the title at ${Limits.titleMaxChars * 4} UTF-16 units`, () => {
    const atCap = 'á' + '\u0301'.repeat(Limits.titleMaxChars * 4 - 1);
    expect(checkTitle(atCap)).toEqual(ok(atCap));
    expect(checkTitle(atCap + '\u0301')).toEqual(refused(ErrorCode.TitleInvalid));
  });

  it('trims, collapses whitespace and composes to NFC', () => {
    expect(checkTitle('\u3000 Tuesday   evening\u3000circle \n')).toEqual(
      ok('Tuesday evening circle'),
    );
    expect(checkTitle('か\u3099くせい')).toEqual(ok('がくせい'));
  });

  it.each([
    ['empty', ''],
    ['whitespace only', ' \u3000\t'],
    ['invisible only', '\u200B\u3164'],
    ['a newline inside', 'Tuesday\nevening'],
    ['a bidi override', 'Tuesday\u202Eevening'],
    ['BEL', 'Tuesday\u0007'],
    ['combining marks only', '\u0301'],
    // NFC folds the first mark into á, leaving 321 UTF-16 units: one over the cap.
    ['a long run of combining marks', 'a' + '\u0301'.repeat(Limits.titleMaxChars * 4 + 1)],
  ])('refuses %s with title_invalid', (_label, title) => {
    expect(checkTitle(title)).toEqual(refused(ErrorCode.TitleInvalid));
  });
});

describe('checkTopic and checkRule', () => {
  it('follow the title rules with their own limits and codes', () => {
    expect(checkTopic('  はじめての   人へ ')).toEqual(ok('はじめての 人へ'));
    expect(checkTopic('話'.repeat(Limits.topicMaxChars))).toEqual(ok('話'.repeat(120)));
    expect(checkTopic('話'.repeat(Limits.topicMaxChars + 1))).toEqual(
      refused(ErrorCode.TopicInvalid),
    );
    expect(checkTopic('\u202E話')).toEqual(refused(ErrorCode.TopicInvalid));
    expect(checkRule('r'.repeat(Limits.ruleMaxChars))).toEqual(ok('r'.repeat(200)));
    expect(checkRule('r'.repeat(Limits.ruleMaxChars + 1))).toEqual(refused(ErrorCode.RulesInvalid));
    expect(checkRule('\u200B')).toEqual(refused(ErrorCode.RulesInvalid));
  });
});

describe('checkRules', () => {
  it('drops blank lines and checks the rest, 1–12 of them', () => {
    expect(checkRules(['  Be kind ', '', '   ', 'Everyone may pass'])).toEqual({
      ok: true,
      value: ['Be kind', 'Everyone may pass'],
    });
    expect(checkRules(['', ' '])).toEqual(refused(ErrorCode.RulesInvalid));
    expect(checkRules(Array.from({ length: 13 }, () => 'rule'))).toEqual(
      refused(ErrorCode.RulesInvalid),
    );
    expect(checkRules(['fine', 'bad\u0000'])).toEqual(refused(ErrorCode.RulesInvalid));
  });
});

describe('checkMessage', () => {
  it('keeps line breaks, at most one blank line in a row, and trims each line', () => {
    expect(checkMessage('  hello \r\n\r\n\r\n  there\tfriend  ', 50)).toEqual(
      ok('hello\n\nthere friend'),
    );
  });

  it.each([
    ['empty', ''],
    ['only spaces and breaks', ' \n \n '],
    ['only a zero-width space', '\u200B'],
    ['a control character', 'hi\u0007'],
    ['a bidi override', '\u202Ehi'],
    ['a lone surrogate', 'hi\uD800'],
    ['one character too many', 'x'.repeat(11)],
  ])('refuses %s with text_invalid', (_label, text) => {
    expect(checkMessage(text, 10)).toEqual(refused(ErrorCode.TextInvalid));
  });

  it('counts characters as people see them, within four UTF-16 units each', () => {
    expect(checkMessage('🌸'.repeat(10), 10)).toEqual(ok('🌸'.repeat(10)));
    expect(checkMessage(FAMILY.repeat(5), 10)).toEqual(ok(FAMILY.repeat(5)));
    expect(checkMessage(FAMILY.repeat(6), 10)).toEqual(refused(ErrorCode.TextInvalid));
  });
});
