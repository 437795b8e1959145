import {
  contactHref,
  helpResourcesText,
  isHelpResources,
  resourcesFor,
} from '../../../../client/facilitation/help-resources';
import type { HelpResources } from '../../../../shared/help/help-resources';

const resources: HelpResources = {
  en: [{ name: 'Line', description: 'd', contact: { kind: 'phone', value: '+1 (555) 010-0000' } }],
  ja: [{ name: '窓口', description: '', contact: { kind: 'text', value: '近くの人に声をかけて' } }],
};

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

  it('reads as plain lines for the headset panel, with the operator notice first', () => {
    expect(helpResourcesText({ ...resources, _notice: 'Verify before use' }, 'en')).toBe(
      'Verify before use\n\nLine: +1 (555) 010-0000\nd',
    );
    // An empty description adds no blank line.
    expect(helpResourcesText(resources, 'ja')).toBe('窓口: 近くの人に声をかけて');
  });
});
