import { inboxEntry } from '../../../../client/facilitation/inbox';
import { Translator } from '../../../../client/i18n/i18n';

const i18n = new Translator('en');
const names: Record<string, string> = { a: 'Aki', b: 'Bo' };
const nameOf = (id: string): string | undefined => names[id];

describe('inboxEntry', () => {
  it('describes a report about someone with its reasons and text', () => {
    const entry = inboxEntry(
      {
        kind: 'report',
        report: {
          id: 'r1',
          from: 'a',
          about: 'b',
          reasons: ['unkind', 'privacy'],
          text: 'x',
          at: 0,
        },
      },
      nameOf,
      i18n,
    );
    expect(entry.title).toBe('Report from Aki about Bo: Unkind, Privacy');
    expect(entry.text).toBe('x');
  });

  it('names someone who has since left as "someone"', () => {
    const entry = inboxEntry({ kind: 'help', memberId: 'gone', at: 0 }, nameOf, i18n);
    expect(entry.title).toBe('someone asked for help privately');
  });

  it('shows a private message with its text', () => {
    const entry = inboxEntry(
      { kind: 'message', message: { from: 'b', to: 'a', text: 'hello', at: 0 } },
      nameOf,
      i18n,
    );
    expect(entry).toEqual({ title: 'Private message from Bo', text: 'hello' });
  });
});
