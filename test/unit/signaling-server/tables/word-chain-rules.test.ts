import type { CircleRecord } from '../../../../signaling-server/circles/circle-record';
import * as rules from '../../../../signaling-server/circles/circle-rules';
import { toCircleView } from '../../../../signaling-server/circles/circle-views';
import * as tables from '../../../../signaling-server/tables/table-rules';
import * as chain from '../../../../signaling-server/tables/word-chain-rules';
import { initialTables } from '../../../../shared/tables/tables';
import { disconnect, newCircle, refuses, seat, T0 } from '../circles/fixtures';

/** A 16-seat event: a, b and c at table 0, d at table 1, e at no table. */
function event(): CircleRecord {
  const circle = newCircle(16);
  circle.kind = 'social';
  circle.tables = initialTables(16);
  for (const id of ['a', 'b', 'c', 'd', 'e']) seat(circle, id);
  for (const id of ['a', 'b', 'c']) tables.sitAt(circle, id, 0);
  tables.sitAt(circle, 'd', 1);
  return circle;
}

const viewOf = (circle: CircleRecord) => toCircleView(circle, T0).activities;

describe('the word chain at a table', () => {
  it('starts from its seed with the starter, and is shown to everyone', () => {
    const circle = event();
    chain.startChain(circle, 'a', 'ja');
    expect(viewOf(circle)).toEqual([
      {
        table: 0,
        language: 'ja',
        words: [{ word: 'しりとり', by: null }],
        players: ['a'],
        turn: 'a',
        next: 'り',
        played: 0,
      },
    ]);
    refuses(circle, 'activity_running', () => chain.startChain(circle, 'b', 'en'));
    refuses(circle, 'not_at_a_table', () => chain.startChain(circle, 'e', 'ja'));
    refuses(circle, 'no_activity', () => chain.joinChain(circle, 'd'));
  });

  it('goes round the players in turn, and refuses words out of turn or off the chain', () => {
    const circle = event();
    chain.startChain(circle, 'a', 'ja');
    chain.joinChain(circle, 'b');
    expect(chain.joinChain(circle, 'b')).toBe(false);
    refuses(circle, 'not_your_turn', () => chain.playWord(circle, 'b', 'りす'));
    // Watching is not playing.
    refuses(circle, 'not_your_turn', () => chain.playWord(circle, 'c', 'りす'));
    refuses(circle, 'word_does_not_chain', () => chain.playWord(circle, 'a', 'すいか'));
    refuses(circle, 'word_ends_with_n', () => chain.playWord(circle, 'a', 'りょかん'));
    chain.playWord(circle, 'a', 'リス');
    expect(viewOf(circle)[0]).toMatchObject({ turn: 'b', next: 'す', played: 1 });
    refuses(circle, 'not_your_turn', () => chain.passTurn(circle, 'a'));
    chain.passTurn(circle, 'b');
    expect(viewOf(circle)[0]?.turn).toBe('a');
    chain.playWord(circle, 'a', 'すいか');
    chain.playWord(circle, 'b', 'からす');
    refuses(circle, 'word_used', () => chain.playWord(circle, 'a', 'スイカ'));
    expect(viewOf(circle)[0]?.words.map((w) => w.word)).toEqual([
      'しりとり',
      'りす',
      'すいか',
      'からす',
    ]);
  });

  it('passes over players who are away or gone, and drops those who leave the table', () => {
    const circle = event();
    chain.startChain(circle, 'a', 'en');
    chain.joinChain(circle, 'b');
    chain.joinChain(circle, 'c');
    rules.setSteppedOut(circle, 'a', true, T0);
    expect(viewOf(circle)[0]?.turn).toBe('b');
    disconnect(circle, 'b');
    expect(viewOf(circle)[0]?.turn).toBe('c');
    chain.playWord(circle, 'c', 'night');
    // c moves away: no longer playing; the turn finds nobody able while a and b are away.
    tables.sitAt(circle, 'c', 1);
    expect(viewOf(circle)[0]).toMatchObject({ players: ['a', 'b'], turn: null });
    rules.setSteppedOut(circle, 'a', false, T0);
    expect(viewOf(circle)[0]?.turn).toBe('a');
    // The last players leave: the chain ends.
    chain.leaveChain(circle, 'a');
    rules.removeMember(circle, 'b', T0);
    expect(viewOf(circle)).toEqual([]);
    expect(circle.wordChains).toBeUndefined();
  });

  it('ends for a player or a host, not for someone only watching', () => {
    const circle = event();
    chain.startChain(circle, 'a', 'ja');
    refuses(circle, 'not_permitted', () => chain.endChain(circle, 'b'));
    tables.sitAt(circle, 'fac', 0);
    expect(chain.endChain(circle, 'fac')).toBe(true);
    expect(viewOf(circle)).toEqual([]);
  });

  it('belongs to social events only', () => {
    const circle = newCircle();
    seat(circle, 'a');
    refuses(circle, 'not_a_social_event', () => chain.startChain(circle, 'a', 'ja'));
  });
});
