import { copyCircle, type CircleRecord } from '../../../../signaling-server/circles/circle-record';
import { knockRecord } from '../../../support/knock-record';
import { circleOfFive, T0 } from './fixtures';

/** A circle with something in every nested part of the record. */
function everyPartFilled(): CircleRecord {
  const circle = circleOfFive();
  const [first, second] = circle.members;
  if (!first || !second) throw new Error('the fixture has five members');
  first.blocks.push({ memberId: second.id, deviceHash: 'device-b' });
  circle.waiting.push(knockRecord({ id: 'waiting-1', name: 'まつ', since: T0 }));
  circle.hands.push(second.id);
  circle.piece = {
    holder: first.id,
    since: T0,
    round: { kind: 'checkin', order: [first.id, second.id], turn: 1 },
  };
  circle.barred.push({ id: 'bar-1', deviceHash: 'device-x', name: 'X', at: T0 });
  return circle;
}

/** Every object and array inside `value`, by path. */
function objectsByPath(value: unknown, path = '$', found = new Map<string, object>()) {
  if (typeof value !== 'object' || value === null) return found;
  found.set(path, value);
  for (const [key, child] of Object.entries(value)) objectsByPath(child, `${path}.${key}`, found);
  return found;
}

describe('copyCircle', () => {
  it('copies every part of a circle, as structuredClone would', () => {
    const circle = everyPartFilled();
    expect(copyCircle(circle)).toEqual(structuredClone(circle));
  });

  it('shares no object or array with the original', () => {
    const circle = everyPartFilled();
    const copy = objectsByPath(copyCircle(circle));
    const original = objectsByPath(circle);
    expect([...copy.keys()]).toEqual([...original.keys()]);
    const shared = [...original].filter(([path, object]) => copy.get(path) === object);
    expect(shared.map(([path]) => path)).toEqual([]);
  });
});
