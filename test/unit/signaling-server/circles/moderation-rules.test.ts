import * as blocks from '../../../../signaling-server/circles/block-rules';
import * as rules from '../../../../signaling-server/circles/circle-rules';
import * as moderation from '../../../../signaling-server/circles/moderation-rules';
import { setRole } from '../../../../signaling-server/circles/roles';
import { circleOfFive, refuses, seat, T0 } from './fixtures';
import { knockRecord } from '../../../support/knock-record';

describe('setLocked and setPaused', () => {
  it('are for hosts, and report whether anything changed', () => {
    const circle = circleOfFive();
    refuses(circle, 'not_facilitator', () => moderation.setLocked(circle, 'a', true));
    refuses(circle, 'not_facilitator', () => moderation.setPaused(circle, 'a', true));
    expect(moderation.setLocked(circle, 'fac', true)).toBe(true);
    expect(moderation.setLocked(circle, 'fac', true)).toBe(false);
    expect(moderation.setPaused(circle, 'fac', true)).toBe(true);
    expect(circle).toMatchObject({ locked: true, paused: true });
  });

  it('a locked circle refuses knocks before it would say it is full', () => {
    const circle = circleOfFive();
    moderation.setLocked(circle, 'fac', true);
    refuses(circle, 'circle_locked', () => {
      rules.addWaiting(circle, knockRecord({ id: 'w', name: 'w', since: T0, deviceHash: 'x' }));
    });
  });
});

describe('forceMute', () => {
  it('turns the member’s own switch off too, and lifting it leaves the switch off', () => {
    const circle = circleOfFive();
    expect(moderation.forceMute(circle, 'fac', 'a', true)).toBe(true);
    expect(rules.findMember(circle, 'a')).toMatchObject({ muted: true, forceMuted: true });
    expect(moderation.forceMute(circle, 'fac', 'a', true)).toBe(false);
    refuses(circle, 'muted_by_facilitator', () => rules.setMuted(circle, 'a', false));
    expect(moderation.forceMute(circle, 'fac', 'a', false)).toBe(true);
    expect(rules.findMember(circle, 'a')).toMatchObject({ muted: true, forceMuted: false });
    expect(rules.setMuted(circle, 'a', false)).toBe(true);
  });

  it('follows the targeting rules', () => {
    const circle = circleOfFive();
    setRole(circle, 'fac', 'a', 'cofacilitator', T0);
    setRole(circle, 'fac', 'b', 'cofacilitator', T0);
    refuses(circle, 'not_facilitator', () => moderation.forceMute(circle, 'c', 'd', true));
    refuses(circle, 'not_permitted', () => moderation.forceMute(circle, 'a', 'fac', true));
    refuses(circle, 'not_permitted', () => moderation.forceMute(circle, 'a', 'b', true));
    expect(moderation.forceMute(circle, 'a', 'c', true)).toBe(true);
    expect(moderation.forceMute(circle, 'fac', 'b', true)).toBe(true);
  });
});

describe('removeAndBar and liftBar', () => {
  it('remove the member and keep their device out until the bar is lifted', () => {
    const circle = circleOfFive();
    const bar = moderation.removeAndBar(circle, 'fac', 'b', 'bar-1', T0 + 5);
    expect(bar).toEqual({ id: 'bar-1', deviceHash: 'device-b', name: 'b', at: T0 + 5 });
    expect(rules.findMember(circle, 'b')).toBeUndefined();
    expect(rules.isBarred(circle, 'device-b')).toBe(true);
    refuses(circle, 'barred', () => {
      rules.addWaiting(
        circle,
        knockRecord({
          id: 'w',
          name: 'new name',
          since: T0,
          deviceHash: 'device-b',
        }),
      );
    });
    refuses(circle, 'not_facilitator', () => {
      moderation.liftBar(circle, 'a', 'bar-1');
    });
    refuses(circle, 'bar_not_found', () => {
      moderation.liftBar(circle, 'fac', 'bar-2');
    });
    moderation.liftBar(circle, 'fac', 'bar-1');
    expect(circle.barred).toEqual([]);
    seat(circle, 'b');
    expect(rules.findMember(circle, 'b')).toBeDefined();
  });

  it('never remove the facilitator, and leave everything as it was when refused', () => {
    const circle = circleOfFive();
    refuses(circle, 'not_permitted', () => moderation.removeAndBar(circle, 'fac', 'fac', 'x', T0));
    refuses(circle, 'not_facilitator', () => moderation.removeAndBar(circle, 'a', 'b', 'x', T0));
  });
});

describe('lowerHandOf', () => {
  it('lowers another member’s hand, for hosts only', () => {
    const circle = circleOfFive();
    rules.setHandRaised(circle, 'a', true);
    refuses(circle, 'not_facilitator', () => moderation.lowerHandOf(circle, 'b', 'a'));
    expect(moderation.lowerHandOf(circle, 'fac', 'a')).toBe(true);
    expect(moderation.lowerHandOf(circle, 'fac', 'a')).toBe(false);
  });
});

describe('lowerAllHands', () => {
  it('lowers every hand at once, for hosts only, and changes nothing when none is raised', () => {
    const circle = circleOfFive();
    rules.setHandRaised(circle, 'a', true);
    rules.setHandRaised(circle, 'b', true);
    const revision = circle.revision;
    refuses(circle, 'not_facilitator', () => moderation.lowerAllHands(circle, 'b'));
    expect(moderation.lowerAllHands(circle, 'fac')).toBe(true);
    expect(circle.hands).toEqual([]);
    expect(circle.revision).toBeGreaterThan(revision);
    expect(moderation.lowerAllHands(circle, 'fac')).toBe(false);
  });
});

describe('blocks', () => {
  it('work both ways, are known only through the blocker’s own list, and never bump the revision', () => {
    const circle = circleOfFive();
    const revision = circle.revision;
    expect(blocks.blockMember(circle, 'a', 'b')).toEqual(['b']);
    expect(blocks.blockMember(circle, 'a', 'b')).toEqual(['b']);
    expect(blocks.blockMember(circle, 'a', 'c')).toEqual(['b', 'c']);
    expect(circle.revision).toBe(revision);
    expect(blocks.isBlockedBetween(circle, 'a', 'b')).toBe(true);
    expect(blocks.isBlockedBetween(circle, 'b', 'a')).toBe(true);
    expect(blocks.isBlockedBetween(circle, 'b', 'c')).toBe(false);
    expect(blocks.blockedBy(circle, 'b')).toEqual([]);
    expect(blocks.cutOffFrom(circle, 'b')).toEqual(['a']);
    expect(blocks.cutOffFrom(circle, 'a')).toEqual(['b', 'c']);
  });

  it('follow the blocked person’s device when they come back as a new member', () => {
    const circle = circleOfFive();
    blocks.blockMember(circle, 'a', 'b');
    rules.removeMember(circle, 'b', T0);
    // A line from b, who has left, still stays hidden from a.
    expect(blocks.isBlockedBetween(circle, 'a', 'b')).toBe(true);
    rules.addWaiting(
      circle,
      knockRecord({
        id: 'w',
        name: 'b2',
        since: T0,
        deviceHash: 'device-b',
      }),
    );
    rules.admitWaiting(circle, 'w', { id: 'b2', resumeTokenHash: 'h', now: T0 });
    expect(blocks.isBlockedBetween(circle, 'a', 'b2')).toBe(true);
    expect(blocks.blockedBy(circle, 'a')).toEqual(['b2']);
  });

  it('need another member of the circle', () => {
    const circle = circleOfFive();
    refuses(circle, 'not_permitted', () => blocks.blockMember(circle, 'a', 'a'));
    refuses(circle, 'member_not_found', () => blocks.blockMember(circle, 'a', 'nobody'));
    refuses(circle, 'not_in_circle', () => blocks.blockMember(circle, 'nobody', 'a'));
  });
});
