import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Reactions } from '../../../../shared/circle/presence';
import { descriptorFor } from '../../../../client/commands/commands';

const html = readFileSync(join(__dirname, '../../../../public/index.html'), 'utf8');

/** The opening tag of the element with this id. */
function tagWithId(id: string): string | undefined {
  return new RegExp(`<[a-z]+\\s[^>]*\\bid="${id}"[^>]*>`, 's').exec(html)?.[0];
}

describe('index.html', () => {
  it.each([
    'mute-toggle',
    'mic-state',
    'hand-state',
    'chat-jump',
    'push-to-talk',
    'hand-toggle',
    'away-toggle',
    'reactions',
    'help-open',
    'help-dialog',
    'shortcut-list',
    'help-close',
    'enter-vr',
    'snap-turn',
    'snap-turn-option',
    'leave-circle',
    'create-color-swatches',
    'join-color-swatches',
  ])('has #%s exactly once', (id) => {
    expect(html.split(`id="${id}"`)).toHaveLength(2);
  });

  it('has a button per reaction with the table’s glyph and label', () => {
    for (const reaction of Reactions) {
      const entry = descriptorFor({ type: 'react', reaction });
      const button = new RegExp(
        `<button[^>]*data-reaction="${reaction}"[^>]*>(.*?)</button>`,
        's',
      ).exec(html)?.[1];
      expect(button).toContain(`aria-hidden="true">${entry?.glyph ?? '?'}<`);
      expect(button).toContain(`data-i18n="${entry?.labelKey ?? '?'}"`);
    }
  });

  it('groups the reactions and starts toggles unpressed, VR hidden, snap turn on', () => {
    expect(tagWithId('reactions')).toContain('role="group"');
    expect(tagWithId('hand-toggle')).toContain('aria-pressed="false"');
    expect(tagWithId('away-toggle')).toContain('aria-pressed="false"');
    expect(tagWithId('enter-vr')).toMatch(/\shidden[\s>]/);
    expect(tagWithId('snap-turn')).toMatch(/\schecked[\s/>]/);
    expect(tagWithId('help-dialog')).toMatch(/^<dialog/);
    expect(tagWithId('shortcut-list')).toMatch(/^<dl/);
  });

  it('gives the mute button one stable, translated name and a pressed state', () => {
    const button = /<button[^>]*id="mute-toggle"[^>]*>(.*?)<\/button>/s.exec(html)?.[1] ?? '';
    expect(tagWithId('mute-toggle')).toContain('aria-pressed="false"');
    expect(button).toContain('data-i18n="voice.mute"');
  });

  it('has a reassurance list on the start and the join page, filled from one table', () => {
    expect(html.match(/<ul class="reassure"/g)).toHaveLength(2);
    expect(html).toContain('aria-labelledby="start-reassure"');
    expect(html).toContain('aria-labelledby="join-reassure"');
  });

  it('enters muted unless the person chooses otherwise', () => {
    expect(tagWithId('start-muted')).toMatch(/\schecked[\s/>]/);
  });
});
