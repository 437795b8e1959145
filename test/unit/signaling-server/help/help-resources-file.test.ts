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

  it('reads the example file, which says it is an example and uses placeholders only', () => {
    const resources = loadHelpResources(defaultConfig().helpResourcesPath);
    expect(resources._notice).toBe('EXAMPLE ONLY – verify every entry before use');
    for (const list of [resources.en, resources.ja]) {
      expect(list.length).toBeGreaterThan(0);
      for (const { contact } of list) {
        if (contact.kind === 'phone') expect(contact.value).toMatch(/^\+?[0 ()-]+$/);
        if (contact.kind === 'url') expect(new URL(contact.value).hostname).toBe('example.org');
      }
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
