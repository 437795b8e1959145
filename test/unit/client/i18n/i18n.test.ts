import { CloseReasons, EndReasons } from '../../../../shared/circle/views';
import { ErrorCode } from '../../../../shared/protocol/errors';
import { en } from '../../../../client/i18n/en';
import { detectLocale, Translator } from '../../../../client/i18n/i18n';
import { ja } from '../../../../client/i18n/ja';

const tables = { en, ja } as Record<string, Record<string, string>>;

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
}

describe('detectLocale', () => {
  it.each([
    ['?lang= over a saved choice and the browser', '?lang=ja', 'en', ['en-US'], 'ja'],
    ['?lang=en over a Japanese browser', '?lang=en', 'ja', ['ja-JP'], 'en'],
    ['?lang= among other parameters', '?code=K7QM&lang=ja', null, ['en'], 'ja'],
    ['the saved choice over the browser', '', 'ja', ['en-US', 'en'], 'ja'],
    ['the saved choice when ?lang= is unknown', '?lang=fr', 'ja', ['en'], 'ja'],
    ['the first supported browser language', '', null, ['fr-FR', 'ja-JP', 'en-US'], 'ja'],
    ['a browser language in upper case', '', null, ['JA'], 'ja'],
    ['a regional English variant', '', null, ['en-GB'], 'en'],
    ['English when nothing matches', '?lang=xx', 'de', ['fr', 'zh-Hans'], 'en'],
    ['English with no languages at all', '', null, [], 'en'],
    ['English over an unknown saved value', '', 'klingon', [], 'en'],
  ])('prefers %s', (_label, search, saved, languages, expected) => {
    expect(detectLocale(search, saved, languages)).toBe(expected);
  });

  it('does not take a prefix of ?lang= as a language', () => {
    expect(detectLocale('?lang=jap', null, ['en'])).toBe('en');
    expect(detectLocale('?lang=ja-JP', null, ['en'])).toBe('en');
  });
});

describe('Translator', () => {
  it('looks up the table of its locale', () => {
    expect(new Translator('en').t('waiting.cancel')).toBe(en['waiting.cancel']);
    expect(new Translator('ja').t('waiting.cancel')).toBe(ja['waiting.cancel']);
  });

  it('fills {placeholders} from the parameters', () => {
    expect(new Translator('en').t('status.joined', { name: 'さくら' })).toBe('さくら joined');
    expect(new Translator('ja').t('status.joined', { name: 'Sakura' })).toBe(
      'Sakuraさんが参加しました',
    );
  });

  it('accepts numbers as parameters', () => {
    expect(new Translator('en').t('status.left', { name: 42 })).toBe('42 left');
  });

  it('leaves a placeholder without a parameter as written', () => {
    expect(new Translator('en').t('status.joined')).toBe('{name} joined');
  });

  it('inserts parameters literally: no second expansion, no replacement patterns', () => {
    const t = new Translator('en');
    expect(t.t('status.joined', { name: '{name}' })).toBe('{name} joined');
    expect(t.t('status.joined', { name: "$& $' $$" })).toBe("$& $' $$ joined");
  });

  it('gives the text for an error code', () => {
    expect(new Translator('en').error(ErrorCode.CircleFull)).toBe(en['error.circle_full']);
    expect(new Translator('ja').error(ErrorCode.CircleFull)).toBe(ja['error.circle_full']);
  });

  it('switches locale and tells listeners once per real change', () => {
    const t = new Translator('en');
    const listener = jest.fn();
    const unsubscribe = t.onChange(listener);
    t.setLocale('en');
    expect(listener).not.toHaveBeenCalled();
    t.setLocale('ja');
    expect(t.locale).toBe('ja');
    expect(t.t('waiting.cancel')).toBe(ja['waiting.cancel']);
    expect(listener).toHaveBeenCalledTimes(1);
    unsubscribe();
    t.setLocale('en');
    expect(listener).toHaveBeenCalledTimes(1);
  });
});

describe('message tables', () => {
  it('ja and en have exactly the same keys', () => {
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(Object.keys(tables))('%s has no empty or blank messages', (locale) => {
    const blank = Object.entries(tables[locale] ?? {})
      .filter(([, text]) => text.trim().length === 0)
      .map(([key]) => key);
    expect(blank).toEqual([]);
  });

  it('uses the same placeholders in both languages', () => {
    const mismatched = Object.keys(en).filter((key) => {
      const english = placeholders(tables.en?.[key] ?? '');
      const japanese = placeholders(tables.ja?.[key] ?? '');
      return english.join() !== japanese.join();
    });
    expect(mismatched).toEqual([]);
  });

  it.each(Object.keys(tables))('%s has an error.<code> message for every ErrorCode', (locale) => {
    const table = tables[locale] ?? {};
    const missing = Object.values(ErrorCode).filter(
      (code) => (table[`error.${code}`] ?? '').trim().length === 0,
    );
    expect(missing).toEqual([]);
  });

  it.each(Object.keys(tables))('%s has no error messages for codes that do not exist', (locale) => {
    const codes = new Set<string>(Object.values(ErrorCode));
    const stray = Object.keys(tables[locale] ?? {})
      .filter((key) => key.startsWith('error.'))
      .filter((key) => !codes.has(key.slice('error.'.length)));
    expect(stray).toEqual([]);
  });

  it.each(Object.keys(tables))(
    '%s has a title and body for every end and close reason',
    (locale) => {
      const table = tables[locale] ?? {};
      const missing = [...EndReasons, ...CloseReasons].flatMap((reason) =>
        [`message.${reason}.title`, `message.${reason}.body`].filter((key) => !table[key]),
      );
      expect(missing).toEqual([]);
    },
  );
});
