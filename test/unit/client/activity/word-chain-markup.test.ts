import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MessageKey } from '../../../../client/i18n/en';
import { en } from '../../../../client/i18n/en';

const html = readFileSync(join(__dirname, '../../../../public/index.html'), 'utf8');

/** The opening tag of the element with this id. */
function tagWithId(id: string): string {
  return new RegExp(`<[a-z0-9]+\\s[^>]*\\bid="${id}"[^>]*>`, 's').exec(html)?.[0] ?? '';
}

describe('the word chain panel’s markup', () => {
  it.each([
    'word-chain',
    'word-chain-heading',
    'word-chain-start',
    'word-chain-next',
    'word-chain-words',
    'word-chain-input',
    'word-chain-play',
    'word-chain-ideas',
    'word-chain-pass',
    'word-chain-join',
    'word-chain-leave',
    'word-chain-end',
  ])('has #%s exactly once', (id) => {
    expect(html.split(`id="${id}"`)).toHaveLength(2);
  });

  it('sits right after the tables, hidden until this member sits at one', () => {
    const tables = html.indexOf('id="tables-panel"');
    const chain = html.indexOf('id="word-chain"');
    expect(chain).toBeGreaterThan(tables);
    // Nothing between the end of the tables and the start of the word chain.
    const between = html.slice(tables, chain);
    expect(between.match(/<\/section>/g)).toHaveLength(1);
    expect(between.match(/<section\b/g)).toHaveLength(1);
    expect(tagWithId('word-chain')).toMatch(/aria-labelledby="word-chain-heading"/);
    expect(tagWithId('word-chain')).toMatch(/\shidden[\s>]/);
  });

  it('labels the word box, submits it with Play, and keeps the live line apart', () => {
    expect(tagWithId('word-chain-play')).toContain('type="submit"');
    expect(html).toMatch(/<label for="word-chain-input"/);
    expect(tagWithId('word-chain-next')).toContain('aria-live="polite"');
    // Only the line that changes with each word speaks up by itself.
    const section = html.slice(html.indexOf('id="word-chain"'));
    const own = section.slice(0, section.indexOf('</section>'));
    expect(own.match(/aria-live/g)).toHaveLength(1);
  });

  it('names every button from the text table', () => {
    for (const [id, key] of [
      ['word-chain-start', 'wordChain.start'],
      ['word-chain-play', 'wordChain.play'],
      ['word-chain-pass', 'wordChain.pass'],
      ['word-chain-join', 'wordChain.join'],
      ['word-chain-leave', 'wordChain.leave'],
      ['word-chain-end', 'wordChain.end'],
    ] as [string, MessageKey][]) {
      expect(tagWithId(id)).toContain(`data-i18n="${key}"`);
      expect(en[key]).not.toBe('');
    }
  });
});
