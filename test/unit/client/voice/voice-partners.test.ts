import { voicePartners } from '../../../../client/voice/voice-partners';
import { circle, member } from '../facilitation/fixtures';

const at = (table: number) => ({ place: { table, cushion: 0 } });
const ids = (list: { id: string }[]) => list.map((m) => m.id);

describe('voicePartners', () => {
  it('is everyone but the blocked in a circle', () => {
    const view = circle({ members: [member('me'), member('a'), member('b')] });
    expect(ids(voicePartners(view, 'me', new Set(['b'])))).toEqual(['me', 'a']);
  });

  it('is only the own table at a social event, and nobody at no table', () => {
    const members = [member('me', at(1)), member('a', at(1)), member('b', at(2)), member('c')];
    const view = circle({ kind: 'social', members });
    expect(ids(voicePartners(view, 'me', new Set()))).toEqual(['me', 'a']);
    expect(ids(voicePartners(view, 'me', new Set(['a'])))).toEqual(['me']);
    expect(ids(voicePartners(view, 'c', new Set()))).toEqual(['c']);
  });
});
