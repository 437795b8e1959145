import {
  announcementFor,
  membershipChanges,
  newlyWaiting,
  presenceChanges,
} from '../../../../client/circle/membership-changes';
import { Translator } from '../../../../client/i18n/i18n';
import { member } from '../facilitation/fixtures';

const en = new Translator('en');
const ja = new Translator('ja');

describe('membershipChanges', () => {
  it('finds who left, joined, lost connection and came back', () => {
    const before = [member('a'), member('b'), member('c', { connected: false })];
    const after = [member('a', { connected: false }), member('c'), member('d')];
    expect(membershipChanges(before, after).map((c) => [c.kind, c.member.id])).toEqual([
      ['left', 'b'],
      ['away', 'a'],
      ['back', 'c'],
      ['joined', 'd'],
    ]);
  });
});

describe('announcementFor', () => {
  it('says what happened to someone else, by name, in the page language', () => {
    const ren = member('r', { name: 'Ren' });
    expect(announcementFor({ kind: 'joined', member: ren }, 'me', en)).toBe('Ren joined');
    expect(announcementFor({ kind: 'steppedOut', member: ren }, 'me', en)).toBe('Ren stepped out');
    expect(announcementFor({ kind: 'joined', member: ren }, 'me', ja)).toContain('Ren');
  });

  it('says nothing of your own changes', () => {
    expect(announcementFor({ kind: 'joined', member: member('me') }, 'me', en)).toBeUndefined();
  });

  it('gives a facilitator who lost connection its own calm line', () => {
    const host = member('f', { name: 'Hana', role: 'facilitator' });
    expect(announcementFor({ kind: 'away', member: host }, 'me', en)).toBe(
      en.t('status.facilitatorAway'),
    );
    expect(announcementFor({ kind: 'back', member: host }, 'me', en)).toBe('Hana is back');
  });

  it('covers presence changes too', () => {
    const before = { members: [member('r', { name: 'Ren' })], hands: [] };
    const after = { members: before.members, hands: ['r'] };
    const [raised] = presenceChanges(before, after);
    if (!raised) throw new Error('no change found');
    expect(announcementFor(raised, 'me', en)).toBe('Ren raised their hand');
  });
});

describe('newlyWaiting', () => {
  it('lists only the people who were not waiting before, in their order', () => {
    const a = { id: 'a' };
    const b = { id: 'b' };
    const c = { id: 'c' };
    expect(newlyWaiting([a], [a, b, c])).toEqual([b, c]);
    expect(newlyWaiting([a, b], [b])).toEqual([]);
  });
});
