import {
  changedParts,
  fromParts,
  toParts,
} from '../../../../signaling-server/circles/circle-parts';
import * as rules from '../../../../signaling-server/circles/circle-rules';
import { knockRecord } from '../../../support/knock-record';
import { newCircle, seat } from './fixtures';

function stored(parts: Map<string, string>): Record<string, string> {
  return Object.fromEntries(parts);
}

describe('a circle as the fields of one hash', () => {
  it('reads back as it was written, and an unchanged circle changes no field', () => {
    const circle = newCircle();
    seat(circle, 'ren');
    rules.addWaiting(circle, knockRecord({ id: 'w1', name: 'まつ', since: 5 }));
    const read = stored(toParts(circle));
    expect(fromParts(read)).toEqual(circle);
    expect(changedParts(read, toParts(fromParts(read)))).toEqual({ gone: [], changed: [] });
  });

  it('gives a circle stored before the waiting list had a revision of its own revision 1', () => {
    const circle = newCircle();
    const read = stored(toParts(circle));
    const { waitingRevision, ...older } = JSON.parse(read.core ?? '{}') as Record<string, unknown>;
    expect(waitingRevision).toBe(1);
    const back = fromParts({ ...read, core: JSON.stringify(older) });
    expect(back.waitingRevision).toBe(1);
    rules.addWaiting(back, knockRecord({ id: 'w1', name: 'まつ', since: 5 }));
    expect(back.waitingRevision).toBe(2);
  });
});
