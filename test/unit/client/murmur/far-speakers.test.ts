import { FarSpeakers } from '../../../../client/murmur/far-speakers';
import { circle, member } from '../facilitation/fixtures';

const at = (table: number) => ({ place: { table, cushion: 0 } });

describe('FarSpeakers', () => {
  const view = circle({
    kind: 'social',
    members: [
      member('me', at(0)),
      member('mate', at(0)),
      member('far', at(1)),
      member('other', at(2)),
      member('nowhere'),
    ],
  });

  it('keeps far tables only, and counts speakers per table', () => {
    const changes: [string, boolean][] = [];
    const speakers = new FarSpeakers((id, speaking) => changes.push([id, speaking]));
    for (const id of ['mate', 'far', 'other', 'nowhere', 'unknown']) {
      speakers.receive(view, 'me', id, true);
    }
    speakers.receive(view, 'me', 'far', true);
    expect(changes).toEqual([
      ['far', true],
      ['other', true],
    ]);
    expect(speakers.countsByTable()).toEqual(
      new Map([
        [1, 1],
        [2, 1],
      ]),
    );
    speakers.receive(view, 'me', 'far', false);
    expect(speakers.countsByTable()).toEqual(new Map([[2, 1]]));
  });

  it('forgets someone who moves, leaves, or whose table this member joins', () => {
    const changes: [string, boolean][] = [];
    const speakers = new FarSpeakers((id, speaking) => changes.push([id, speaking]));
    speakers.receive(view, 'me', 'far', true);
    speakers.receive(view, 'me', 'other', true);
    changes.length = 0;
    // "me" sits down at table 1, and "other" leaves.
    speakers.follow(
      circle({ kind: 'social', members: [member('me', at(1)), member('far', at(1))] }),
      'me',
    );
    expect(changes.sort()).toEqual([
      ['far', false],
      ['other', false],
    ]);
    expect(speakers.countsByTable().size).toBe(0);
  });
});
