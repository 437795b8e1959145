import { defaultRoundStart } from '../../../../client/facilitation/host-console';
import { circle, member } from './fixtures';

const members = [member('a'), member('f', { role: 'facilitator' }), member('c')];

describe('defaultRoundStart', () => {
  it('starts from the facilitator unless a host chose someone', () => {
    expect(defaultRoundStart(circle({ members }), 'c')).toBe('f');
    expect(defaultRoundStart(circle({ members }), 'c', 'a')).toBe('a');
  });

  it('forgets a choice of someone who has left', () => {
    expect(defaultRoundStart(circle({ members }), 'c', 'gone')).toBe('f');
  });
});
