import {
  contactHref,
  helpResourcesText,
  isHelpResources,
  isVerified,
  noticeFor,
  resourcesFor,
} from '../../../../client/facilitation/help-resources';
import type { Locale } from '../../../../client/i18n/i18n';
import type { HelpResources } from '../../../../shared/help/help-resources';

const resources: HelpResources = {
  en: [{ name: 'Line', description: 'd', contact: { kind: 'phone', value: '+1 (555) 010-0000' } }],
  ja: [{ name: '窓口', description: '', contact: { kind: 'text', value: '近くの人に声をかけて' } }],
};

// Stands in for the text tables, so these tests do not depend on their wording.
const unverified: Record<Locale, string> = { en: 'Verify before use', ja: '要確認' };
const translator = (locale: Locale) => ({
  locale,
  t: (key: string) => (key === 'helpNow.unverified' ? unverified[locale] : key),
});

describe('help resources', () => {
  it('picks the entries of the page language', () => {
    expect(resourcesFor(resources, 'ja')[0]?.name).toBe('窓口');
    expect(resourcesFor(resources, 'en')[0]?.name).toBe('Line');
  });

  it('makes a dialable tel: link, a plain link for URLs, and nothing for text', () => {
    expect(contactHref({ kind: 'phone', value: '+1 (555) 010-0000' })).toBe('tel:+15550100000');
    expect(contactHref({ kind: 'url', value: 'https://example.org/help' })).toBe(
      'https://example.org/help',
    );
    expect(contactHref({ kind: 'text', value: 'ask someone' })).toBeUndefined();
  });

  it('accepts only something shaped like the list', () => {
    expect(isHelpResources(resources)).toBe(true);
    expect(isHelpResources({ en: [] })).toBe(false);
    expect(isHelpResources(null)).toBe(false);
    expect(isHelpResources('x')).toBe(false);
  });

  it('picks the notice for the page language, or the one text given for all', () => {
    const both: HelpResources = {
      ...resources,
      _notice: { en: 'Check first', ja: '確認してください' },
    };
    expect(noticeFor(both, 'en')).toBe('Check first');
    expect(noticeFor(both, 'ja')).toBe('確認してください');
    expect(noticeFor({ ...resources, _notice: 'Check first' }, 'ja')).toBe('Check first');
    expect(noticeFor(resources, 'en')).toBeUndefined();
    expect(noticeFor({ ...resources, _notice: '' }, 'en')).toBeUndefined();
  });

  it('shows a notice written in one language only to everyone rather than dropping it', () => {
    expect(noticeFor({ ...resources, _notice: { en: 'Check first' } }, 'ja')).toBe('Check first');
    expect(noticeFor({ ...resources, _notice: { ja: '確認してください', en: '' } }, 'en')).toBe(
      '確認してください',
    );
  });

  it('counts an entry as checked unless it is marked "verified": false', () => {
    const [entry] = resources.en;
    if (!entry) throw new Error('fixture');
    expect(isVerified(entry)).toBe(true);
    expect(isVerified({ ...entry, verified: true })).toBe(true);
    expect(isVerified({ ...entry, verified: false })).toBe(false);
  });

  it('reads as plain lines for the headset panel, with the operator notice first', () => {
    expect(
      helpResourcesText(
        { ...resources, _notice: { en: 'Check first', ja: '確認してください' } },
        translator('en'),
      ),
    ).toBe('Check first\n\nLine: +1 (555) 010-0000\nd');
    // An empty description adds no blank line; Japanese takes the full-width colon.
    expect(helpResourcesText(resources, translator('ja'))).toBe('窓口：近くの人に声をかけて');
  });

  it('marks an entry nobody has checked after its name, in the page language', () => {
    const unchecked: HelpResources = {
      en: resources.en.map((entry) => ({ ...entry, verified: false })),
      ja: resources.ja.map((entry) => ({ ...entry, verified: false })),
    };
    expect(helpResourcesText(unchecked, translator('ja'))).toBe(
      '窓口（要確認）：近くの人に声をかけて',
    );
    expect(helpResourcesText(unchecked, translator('en'))).toBe(
      'Line (Verify before use): +1 (555) 010-0000\nd',
    );
  });
});
