import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultConfig } from '../../../../signaling-server/config';
import { loadHelpResources } from '../../../../signaling-server/help/help-resources-file';

describe('loadHelpResources', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'engawa-help-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function file(content: string): string {
    const at = path.join(dir, 'help.json');
    writeFileSync(at, content);
    return at;
  }

  const entry = (contact: object) => ({ name: 'Line', description: 'Listens.', contact });

  it('reads the example file, which says in both languages that it is an example', () => {
    const resources = loadHelpResources(defaultConfig().helpResourcesPath);
    expect(resources._notice).toEqual({
      en: 'EXAMPLE ONLY – verify every entry before use',
      ja: expect.stringContaining('確認してください') as unknown,
    });
    for (const list of [resources.en, resources.ja]) {
      expect(list.length).toBeGreaterThan(0);
      // Nothing in an example has been checked by whoever runs the server: every entry says so.
      for (const entry of list) expect(entry.verified).toBe(false);
    }
  });

  it('keeps the English example to placeholders only', () => {
    for (const { contact } of loadHelpResources(defaultConfig().helpResourcesPath).en) {
      if (contact.kind === 'phone') expect(contact.value).toMatch(/^\+?[0 ()-]+$/);
      if (contact.kind === 'url') expect(new URL(contact.value).hostname).toBe('example.org');
    }
  });

  it('gives the Japanese example ways to reach someone without phoning, and local places', () => {
    const { ja, places } = loadHelpResources(defaultConfig().helpResourcesPath);
    const kinds = ja.map((entry) => entry.contact.kind);
    expect(kinds).toContain('phone');
    // Chat and SNS services are links: more than one, beyond the directories.
    expect(kinds.filter((kind) => kind === 'url').length).toBeGreaterThan(1);
    const names = ja.map((entry) => entry.name);
    // The regional support centre is a place to go when ready, not a crisis line: it is listed
    // under places, apart.
    expect(names).not.toContain('ひきこもり地域支援センター');
    expect(places?.ja.map((entry) => entry.name)).toContain('ひきこもり地域支援センター');
    expect(places?.ja.every((entry) => entry.verified === false)).toBe(true);
    expect(places?.en.length).toBeGreaterThan(0);
    expect(names.some((name) => name.includes('生きづらびっと'))).toBe(true);
    expect(ja.map((entry) => entry.contact.value)).toEqual(expect.arrayContaining(['119', '110']));
    for (const { name, description } of [...ja, ...(places?.ja ?? [])]) {
      // The app's Japanese wording: full-width punctuation, ブラウザー like サーバー.
      expect(`${name}${description}`).not.toMatch(/[,.:;!?()]|ブラウザ(?!ー)/);
    }
  });

  it('accepts phone, url and text contacts in both languages', () => {
    const resources = loadHelpResources(
      file(
        JSON.stringify({
          en: [entry({ kind: 'phone', value: '+44 (0) 20-0000' })],
          ja: [
            entry({ kind: 'url', value: 'https://example.org/help' }),
            entry({ kind: 'text', value: '近くの人に声をかけてください' }),
          ],
        }),
      ),
    );
    expect(resources.ja).toHaveLength(2);
    expect(resources).not.toHaveProperty('_notice');
    expect(resources.ja[0]).not.toHaveProperty('verified');
  });

  it.each([
    ['one text for every language', 'Verify before use'],
    ['a text per language', { en: 'Verify before use', ja: '使う前に確認してください' }],
    ['a text in one language only', { ja: '使う前に確認してください' }],
  ])('accepts a notice as %s', (_label, notice) => {
    const resources = loadHelpResources(file(JSON.stringify({ _notice: notice, en: [], ja: [] })));
    expect(resources._notice).toEqual(notice);
  });

  it('accepts an entry marked as not yet checked', () => {
    const unchecked = { ...entry({ kind: 'text', value: 'x' }), verified: false };
    expect(loadHelpResources(file(JSON.stringify({ en: [unchecked], ja: [] }))).en[0]).toEqual(
      unchecked,
    );
  });

  it.each([
    ['a missing file', null, /HELP_RESOURCES: cannot read .*help\.json/],
    ['text that is not JSON', '{ en: [] ', /HELP_RESOURCES: .*help\.json is not valid JSON/],
    ['a missing language', JSON.stringify({ en: [] }), /HELP_RESOURCES: .*: ja: /],
    [
      'an unknown key (a typo)',
      JSON.stringify({ en: [], ja: [], fr: [] }),
      /HELP_RESOURCES: .*not a valid help resources file/,
    ],
    [
      'a phone number with letters',
      JSON.stringify({ en: [entry({ kind: 'phone', value: 'call 911' })], ja: [] }),
      /HELP_RESOURCES: .*en\.0\.contact\.value/,
    ],
    [
      'a script URL',
      JSON.stringify({ en: [], ja: [entry({ kind: 'url', value: 'javascript:alert(1)' })] }),
      /HELP_RESOURCES: .*ja\.0\.contact\.value/,
    ],
    [
      'an unknown contact kind',
      JSON.stringify({ en: [entry({ kind: 'fax', value: '1' })], ja: [] }),
      /HELP_RESOURCES: .*en\.0\.contact/,
    ],
    [
      'a notice that is a number',
      JSON.stringify({ _notice: 3, en: [], ja: [] }),
      /HELP_RESOURCES: .*: _notice: /,
    ],
    [
      'a notice in an unknown language',
      JSON.stringify({ _notice: { fr: 'Vérifiez' }, en: [], ja: [] }),
      /HELP_RESOURCES: .*: _notice: /,
    ],
    [
      'a notice over 300 characters',
      JSON.stringify({ _notice: { ja: 'あ'.repeat(301) }, en: [], ja: [] }),
      /HELP_RESOURCES: .*: _notice/,
    ],
    [
      'a verified mark that is not true or false',
      JSON.stringify({ en: [{ ...entry({ kind: 'text', value: 'x' }), verified: 'no' }], ja: [] }),
      /HELP_RESOURCES: .*en\.0\.verified/,
    ],
    [
      'an empty name',
      JSON.stringify({ en: [{ ...entry({ kind: 'text', value: 'x' }), name: ' ' }], ja: [] }),
      /HELP_RESOURCES: .*en\.0\.name/,
    ],
  ])(
    'refuses %s with a message naming the variable and the problem',
    (_label, content, message) => {
      const at = content === null ? path.join(dir, 'help.json') : file(content);
      expect(() => loadHelpResources(at)).toThrow(message);
    },
  );
});
