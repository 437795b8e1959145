import type { CircleRecord } from '../../../../signaling-server/circles/circle-record';
import * as rules from '../../../../signaling-server/circles/circle-rules';
import * as roles from '../../../../signaling-server/circles/roles';
import { circleOfFive, disconnect, refuses, T0, thrownCode } from './fixtures';

function roleOf(circle: CircleRecord, id: string): string | undefined {
  return rules.findMember(circle, id)?.role;
}

describe('requireHost and requireFacilitator', () => {
  it('let the facilitator through both, a co-facilitator through the first only', () => {
    const circle = circleOfFive();
    roles.setRole(circle, 'fac', 'a', 'cofacilitator', T0);
    expect(roles.requireHost(circle, 'fac').id).toBe('fac');
    expect(roles.requireHost(circle, 'a').id).toBe('a');
    expect(thrownCode(() => roles.requireHost(circle, 'b'))).toBe('not_facilitator');
    expect(roles.requireFacilitator(circle, 'fac').id).toBe('fac');
    expect(thrownCode(() => roles.requireFacilitator(circle, 'a'))).toBe('not_facilitator');
    expect(thrownCode(() => roles.requireHost(circle, 'nobody'))).toBe('not_in_circle');
  });
});

describe('requireModeratable', () => {
  it('never lets anyone act on the facilitator or themselves, nor a co-facilitator on another', () => {
    const circle = circleOfFive();
    roles.setRole(circle, 'fac', 'a', 'cofacilitator', T0);
    roles.setRole(circle, 'fac', 'b', 'cofacilitator', T0);
    const fac = roles.requireHost(circle, 'fac');
    const cofac = roles.requireHost(circle, 'a');
    const cases: [typeof fac, string, string | undefined][] = [
      [fac, 'a', undefined],
      [fac, 'c', undefined],
      [fac, 'fac', 'not_permitted'],
      [cofac, 'c', undefined],
      [cofac, 'fac', 'not_permitted'],
      [cofac, 'b', 'not_permitted'],
      [cofac, 'a', 'not_permitted'],
      [cofac, 'nobody', 'member_not_found'],
    ];
    for (const [actor, target, code] of cases) {
      expect({
        actor: actor.id,
        target,
        code: thrownCode(() => roles.requireModeratable(circle, actor, target)),
      }).toEqual({
        actor: actor.id,
        target,
        code,
      });
    }
  });
});

describe('setRole', () => {
  it('is the facilitator’s alone, for someone else in the circle', () => {
    const circle = circleOfFive();
    roles.setRole(circle, 'fac', 'a', 'cofacilitator', T0);
    refuses(circle, 'not_facilitator', () => roles.setRole(circle, 'a', 'b', 'cofacilitator', T0));
    refuses(circle, 'not_facilitator', () => roles.setRole(circle, 'b', 'b', 'cofacilitator', T0));
    refuses(circle, 'not_permitted', () => roles.setRole(circle, 'fac', 'fac', 'participant', T0));
    refuses(circle, 'member_not_found', () => roles.setRole(circle, 'fac', 'x', 'participant', T0));
  });

  it('records when the role began, and changes nothing when it is already so', () => {
    const circle = circleOfFive();
    expect(roles.setRole(circle, 'fac', 'c', 'cofacilitator', T0 + 7)).toBe(true);
    expect(rules.findMember(circle, 'c')).toMatchObject({
      role: 'cofacilitator',
      roleSince: T0 + 7,
    });
    const revision = circle.revision;
    expect(roles.setRole(circle, 'fac', 'c', 'cofacilitator', T0 + 9)).toBe(false);
    expect(circle.revision).toBe(revision);
    expect(rules.findMember(circle, 'c')?.roleSince).toBe(T0 + 7);
    expect(roles.setRole(circle, 'fac', 'c', 'participant', T0 + 9)).toBe(true);
    expect(roleOf(circle, 'c')).toBe('participant');
  });
});

describe('successor and promote', () => {
  it('pick the connected co-facilitator who has served longest, then the lowest seat', () => {
    const circle = circleOfFive();
    expect(roles.successor(circle)).toBeUndefined();
    roles.setRole(circle, 'fac', 'd', 'cofacilitator', T0 + 1);
    roles.setRole(circle, 'fac', 'c', 'cofacilitator', T0 + 1);
    roles.setRole(circle, 'fac', 'a', 'cofacilitator', T0 + 2);
    expect(roles.successor(circle)?.id).toBe('c');
    disconnect(circle, 'c');
    expect(roles.successor(circle)?.id).toBe('d');
    disconnect(circle, 'd');
    expect(roles.successor(circle)?.id).toBe('a');
    disconnect(circle, 'a');
    expect(roles.successor(circle)).toBeUndefined();
  });

  it('makes the successor the facilitator from now on', () => {
    const circle = circleOfFive();
    roles.setRole(circle, 'fac', 'b', 'cofacilitator', T0);
    roles.promote(circle, 'b', T0 + 60_000);
    rules.removeMember(circle, 'fac', T0 + 60_000);
    expect(rules.findMember(circle, 'b')).toMatchObject({
      role: 'facilitator',
      roleSince: T0 + 60_000,
    });
    expect(roles.requireFacilitator(circle, 'b').id).toBe('b');
    expect(roles.setRole(circle, 'b', 'a', 'cofacilitator', T0 + 60_001)).toBe(true);
  });
});
