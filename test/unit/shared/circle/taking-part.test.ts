import {
  isTakingPart,
  takingPartPolicy,
  TakingPartChoices,
} from '../../../../shared/circle/taking-part';
import { Roles } from '../../../../shared/circle/facilitation';

describe('how each way of taking part maps to voice and to the round', () => {
  test.each([
    ['present', { microphone: false, motion: false, inRounds: false, writes: false }],
    ['listen', { microphone: false, motion: true, inRounds: false, writes: false }],
    ['write', { microphone: false, motion: true, inRounds: false, writes: true }],
    ['speak', { microphone: true, motion: true, inRounds: true, writes: false }],
  ] as const)('a participant on %s', (choice, policy) => {
    expect(takingPartPolicy(choice, 'participant')).toEqual(policy);
  });

  test.each(['facilitator', 'cofacilitator'] as const)(
    'a %s keeps microphone and motion whatever they chose, and is in rounds only on speak',
    (role) => {
      for (const choice of TakingPartChoices) {
        const policy = takingPartPolicy(choice, role);
        expect(policy).toMatchObject({ microphone: true, motion: true });
        expect(policy.inRounds).toBe(choice === 'speak');
        expect(policy.writes).toBe(choice === 'write');
      }
    },
  );

  test('every role has a mapping for every choice, and only known choices pass', () => {
    for (const role of Roles) {
      for (const choice of TakingPartChoices) expect(takingPartPolicy(choice, role)).toBeDefined();
    }
    expect(TakingPartChoices.every(isTakingPart)).toBe(true);
    for (const bad of ['Speak', '', 'shout', null, 3, undefined])
      expect(isTakingPart(bad)).toBe(false);
  });
});
