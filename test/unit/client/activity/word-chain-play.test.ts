import { judgeWord, normalizeWord } from '../../../../shared/activity/word-chain';
import { Translator } from '../../../../client/i18n/i18n';
import { kanaChain, playing, settle, socialEvent } from './fixtures';

const en = new Translator('en');
const ja = new Translator('ja');

describe('WordChainPlay: what this member sees', () => {
  it('has no game away from a social event’s table', () => {
    expect(playing(en, undefined).play.state()).toBeNull();
    const support = socialEvent({ kind: 'support' });
    expect(playing(en, support).play.state()).toBeNull();
    const standing = socialEvent({}, { place: null });
    expect(playing(en, standing).play.state()).toBeNull();
  });

  it('finds the chain of this member’s own table only', () => {
    expect(playing(en, socialEvent()).play.state()).toEqual({ table: 0, chain: null });
    const elsewhere = socialEvent({ activities: [kanaChain({ table: 1 })] });
    expect(playing(en, elsewhere).play.state()).toEqual({ table: 0, chain: null });
    const here = socialEvent({ activities: [kanaChain({ table: 1 }), kanaChain()] });
    expect(playing(en, here).play.state()?.chain?.next).toBe('す');
  });

  it('on this member’s turn: says so, and offers words that would chain', () => {
    const chain = playing(en, socialEvent({ activities: [kanaChain()] })).play.state()?.chain;
    expect(chain).toMatchObject({ playing: true, myTurn: true, mayEnd: true });
    expect(chain?.line).toBe('Next word starts with 「す」 — your turn.');
    expect(chain?.suggestions.length).toBe(3);
    const used = new Set(['しりとり', 'りす']);
    for (const word of chain?.suggestions ?? []) {
      expect(judgeWord('ja', 'りす', word, used)).toBeNull();
    }
  });

  it('leaves out of the suggestions a word shown as played, even in katakana', () => {
    const words = [
      { word: 'しりとり', by: null },
      { word: 'りす', by: 'aki' },
    ];
    const all = new Set<string>();
    for (let played = 0; played < 12; played++) {
      const view = socialEvent({ activities: [kanaChain({ words, played })] });
      for (const word of playing(en, view).play.state()?.chain?.suggestions ?? []) all.add(word);
    }
    expect(all.size).toBeGreaterThan(3);
    const taken = [...all][0] ?? '';
    const katakana = Array.from(taken)
      .map((ch) => String.fromCodePoint((ch.codePointAt(0) ?? 0) + 0x60))
      .join('');
    expect(normalizeWord(katakana)).toBe(taken);
    const withTaken = [...words, { word: katakana, by: 'ren' }];
    for (let played = 0; played < 12; played++) {
      const view = socialEvent({
        activities: [kanaChain({ words: withTaken, played })],
      });
      expect(playing(en, view).play.state()?.chain?.suggestions).not.toContain(taken);
    }
  });

  it('offers turns the suggestions as words are played', () => {
    const at = (played: number) =>
      playing(en, socialEvent({ activities: [kanaChain({ played })] })).play.state()?.chain
        ?.suggestions;
    expect(at(1)).not.toEqual(at(2));
  });

  it('for someone watching: whose turn it is, Join rather than a word box, no suggestions', () => {
    const view = socialEvent({ activities: [kanaChain({ players: ['aki', 'ren'], turn: 'aki' })] });
    const chain = playing(en, view).play.state()?.chain;
    expect(chain).toMatchObject({ playing: false, myTurn: false, mayEnd: false, suggestions: [] });
    expect(chain?.line).toBe('Next word starts with 「す」 — Aki’s turn.');
    expect(chain?.players).toEqual(['Aki', 'Ren']);
  });

  it('lets a host end a game they only watch', () => {
    const view = socialEvent(
      { activities: [kanaChain({ players: ['aki'], turn: 'aki' })] },
      { role: 'cofacilitator' },
    );
    expect(playing(en, view).play.state()?.chain?.mayEnd).toBe(true);
  });

  it('a player waiting for their turn has no suggestions yet', () => {
    const view = socialEvent({ activities: [kanaChain({ turn: 'aki' })] });
    expect(playing(en, view).play.state()?.chain).toMatchObject({
      playing: true,
      myTurn: false,
      suggestions: [],
    });
  });

  it('says who played each word: the first word, a name, or you', () => {
    const words = [
      { word: 'しりとり', by: null },
      { word: 'りす', by: 'aki' },
      { word: 'すいか', by: 'me' },
    ];
    const view = socialEvent({ activities: [kanaChain({ words, next: 'か', turn: 'aki' })] });
    expect(playing(en, view).play.state()?.chain?.words).toEqual([
      { word: 'しりとり', by: 'the first word', mine: false },
      { word: 'りす', by: 'Aki', mine: false },
      { word: 'すいか', by: 'you', mine: true },
    ]);
  });

  it('never names someone this member blocked: they are "someone" and "another player"', () => {
    const view = socialEvent({
      activities: [kanaChain({ players: ['aki', 'me'], turn: 'aki' })],
    });
    const { play } = playing(en, view, ['aki']);
    const chain = play.state()?.chain;
    expect(chain?.words[1]?.by).toBe('someone');
    expect(chain?.players).toEqual(['someone', 'you']);
    expect(chain?.line).toBe('Next word starts with 「す」 — another player’s turn.');
    expect(JSON.stringify(play.state())).not.toContain('Aki');
  });

  it('says so when nobody can take the turn', () => {
    const view = socialEvent({ activities: [kanaChain({ turn: null })] });
    expect(playing(en, view).play.state()?.chain?.line).toBe(
      'Next word starts with 「す」 — waiting for someone to play.',
    );
  });

  it('speaks the page’s language, quoting a letter chain in English quotes on an English page', () => {
    const view = socialEvent({ activities: [kanaChain()] });
    expect(playing(ja, view).play.state()?.chain?.line).toBe(
      '次は「す」から始まる言葉です。あなたの番です。',
    );
    const letters = socialEvent({
      activities: [kanaChain({ language: 'en', words: [{ word: 'chain', by: null }], next: 'n' })],
    });
    expect(playing(en, letters).play.state()?.chain?.line).toBe(
      'Next word starts with “n” — your turn.',
    );
    expect(playing(ja, letters).play.state()?.chain?.line).toContain('「n」');
  });

  it('works the state out again only when the stay or the language changed', () => {
    const i18n = new Translator('en');
    const { play, store } = playing(i18n, socialEvent({ activities: [kanaChain()] }));
    const first = play.state();
    expect(play.state()).toBe(first);
    store.circleChanged(socialEvent({ activities: [kanaChain({ turn: 'aki' })], revision: 2 }));
    expect(play.state()?.chain?.myTurn).toBe(false);
    const second = play.state();
    i18n.setLocale('ja');
    expect(play.state()).not.toBe(second);
    expect(play.state()?.chain?.line).toBe('次は「す」から始まる言葉です。Akiさんの番です。');
  });
});

describe('WordChainPlay: what this member does', () => {
  it('starts a chain in the page’s language', async () => {
    const { play, server, said } = playing(ja, socialEvent());
    expect(await play.start()).toMatchObject({ kind: 'done' });
    expect(server.sent).toEqual([{ event: 'activity:start', input: { language: 'ja' } }]);
    expect(said).toEqual(['「しりとり」から、しりとりを始めました。あなたの番です。']);
    const english = playing(en, socialEvent());
    await english.play.start();
    expect(english.server.sent[0]?.input).toEqual({ language: 'en' });
    expect(english.said).toEqual(['You started a word chain from “chain”. It is your turn.']);
  });

  it('sends a word that chains, as typed, and says it was played', async () => {
    const { play, server, said } = playing(en, socialEvent({ activities: [kanaChain()] }));
    expect(await play.play(' スイカ ')).toEqual({
      kind: 'done',
      message: 'You played 「すいか」.',
    });
    expect(server.sent).toEqual([{ event: 'activity:word', input: { word: 'スイカ' } }]);
    expect(said).toEqual(['You played 「すいか」.']);
  });

  it.each([
    ['かめ', 'word_does_not_chain'],
    ['りす', 'word_does_not_chain'],
    ['すいせん', 'word_ends_with_n'],
    ['suika', 'word_invalid'],
    ['', 'word_invalid'],
  ] as const)('refuses %j here, without asking the server (%s)', async (word, code) => {
    const { play, server, said } = playing(en, socialEvent({ activities: [kanaChain()] }));
    expect(await play.play(word)).toEqual({ kind: 'refused', code, message: en.error(code) });
    expect(server.sent).toEqual([]);
    expect(said).toEqual([en.error(code)]);
  });

  it('refuses a word shown as played already, whatever its script', async () => {
    const words = [
      { word: 'しりとり', by: null },
      { word: 'りす', by: 'aki' },
      { word: 'すいか', by: 'ren' },
      { word: 'からす', by: 'aki' },
    ];
    const view = socialEvent({ activities: [kanaChain({ words, played: 3 })] });
    const { play, server } = playing(en, view);
    expect(await play.play('スイカ')).toMatchObject({ kind: 'refused', code: 'word_used' });
    expect(server.sent).toEqual([]);
  });

  it('does not send a word off turn, or with no chain at the table', async () => {
    const waiting = playing(en, socialEvent({ activities: [kanaChain({ turn: 'aki' })] }));
    expect(await waiting.play.play('すいか')).toMatchObject({ code: 'not_your_turn' });
    const none = playing(en, socialEvent());
    expect(await none.play.play('すいか')).toMatchObject({ code: 'no_activity' });
    expect([...waiting.server.sent, ...none.server.sent]).toEqual([]);
  });

  it('says why the server refused, in the page’s language', async () => {
    const { play, server, said } = playing(ja, socialEvent({ activities: [kanaChain()] }));
    server.answer = { ok: false, error: { code: 'word_used' } };
    expect(await play.play('すいか')).toMatchObject({ kind: 'refused', code: 'word_used' });
    expect(said).toEqual([ja.error('word_used')]);
  });

  it('sends one request at a time: a second press waits for the first answer', async () => {
    const { play, server } = playing(en, socialEvent({ activities: [kanaChain()] }));
    server.held = true;
    const first = play.pass();
    expect(await play.pass()).toEqual({ kind: 'busy' });
    server.release();
    expect(await first).toMatchObject({ kind: 'done', message: 'You passed.' });
    await settle();
    expect(server.sent.map((s) => s.event)).toEqual(['activity:pass']);
    server.held = false;
    await play.pass();
    expect(server.sent).toHaveLength(2);
  });

  it('joins, stops playing and ends through the server', async () => {
    const { play, server, said } = playing(en, socialEvent({ activities: [kanaChain()] }));
    await play.join();
    await play.leave();
    const ended = await play.end();
    expect(server.sent.map((s) => s.event)).toEqual([
      'activity:join',
      'activity:leave',
      'activity:end',
    ]);
    // The end is told by the panel, to everyone at the table alike.
    expect(said).toEqual([
      'You joined the word chain.',
      'You stopped playing. You can still watch.',
    ]);
    expect(ended).toEqual({ kind: 'done', message: 'The word chain at your table has ended.' });
    server.answer = { ok: false, error: { code: 'not_permitted' } };
    await play.end();
    expect(said.at(-1)).toBe(en.error('not_permitted'));
  });
});
