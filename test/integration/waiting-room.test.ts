import {
  admit,
  createCircle,
  expectError,
  expectOk,
  knock,
  knockPayload,
  rawRequest,
  recordEvents,
  request,
  TEST_RULES,
  useServers,
  waitForEvent,
} from '../support/server-harness';
import { barrier } from '../support/barrier';
import { reload } from '../support/seats';

const start = useServers();

describe('circle:preview', () => {
  test('shows the title, topic and ground rules to anyone with the code', async () => {
    const h = await start();
    const facilitator = await createCircle(h, {
      title: '  夜の   縁側 ',
      topic: ' はじめての人も ',
      rules: ['  ここだけの話 ', '', 'パスしてもいい'],
    });
    const guest = await h.connect();
    const preview = expectOk(
      await request(guest, 'circle:preview', { code: facilitator.code.toLowerCase() }),
    );
    // Normalised as everyone will see them; blank lines dropped.
    expect(preview).toEqual({
      title: '夜の 縁側',
      topic: 'はじめての人も',
      rules: ['ここだけの話', 'パスしてもいい'],
      locked: false,
    });
    expect(facilitator.entered.circle.rules).toEqual(preview.rules);
    // Reading the rules does not knock: nobody is waiting.
    expect(facilitator.entered.waiting?.waiting).toEqual([]);
    expectError(await request(guest, 'knock:cancel', {}), 'not_waiting');
  });

  test('counts wrong codes against the same limit as knocks', async () => {
    const h = await start({ codeAttempts: { attempts: 2, windowS: 60 } });
    const facilitator = await createCircle(h);
    const guesser = await h.connect();
    expectError(await request(guesser, 'circle:preview', { code: 'nonsense' }), 'code_invalid');
    const unknown = facilitator.code.startsWith('2')
      ? `3${facilitator.code.slice(1)}`
      : `2${facilitator.code.slice(1)}`;
    expectError(await request(guesser, 'circle:preview', { code: unknown }), 'circle_not_found');
    expectError(
      await request(guesser, 'circle:preview', { code: facilitator.code }),
      'too_many_attempts',
    );
    expectError(
      await request(guesser, 'circle:knock', knockPayload(facilitator.code, 'あてずっぽう')),
      'too_many_attempts',
    );
  });
});

describe('circle:create setup', () => {
  test('topic, rules, share time and piece mode are checked and kept', async () => {
    const h = await start();
    const guest = await h.connect();
    const base = { title: '会', rules: TEST_RULES, capacity: 4, name: 'ひろし' };
    const refused: [object, string][] = [
      [{ topic: '\u202E話' }, 'topic_invalid'],
      [{ topic: 'あ'.repeat(121) }, 'topic_invalid'],
      [{ rules: ['よい', '\u0007'] }, 'rules_invalid'],
      [{ rules: ['r'.repeat(201)] }, 'rules_invalid'],
      [{ rules: ['', '  '] }, 'rules_invalid'],
      [{ rules: [] }, 'rules_invalid'],
      [{ rules: Array.from({ length: 13 }, () => 'よい') }, 'rules_invalid'],
      [{ shareTimeS: 29 }, 'invalid_payload'],
      [{ pieceMode: 'loose' }, 'invalid_payload'],
    ];
    for (const [change, code] of refused) {
      const ack = await rawRequest(guest, 'circle:create', [{ ...base, ...change }]);
      expect({ change, ack }).toEqual({ change, ack: { ok: false, error: { code } } });
    }
    expect(await h.server.store.count()).toBe(0);

    const plain = expectOk(await request(guest, 'circle:create', { ...base, topic: '   ' }));
    expect(plain.circle).toMatchObject({ topic: null, shareTimeS: 180, pieceMode: 'gentle' });
    const other = await h.connect();
    const strict = expectOk(
      await request(other, 'circle:create', {
        ...base,
        topic: 'a'.repeat(120),
        rules: Array.from({ length: 12 }, (_, i) => `rule ${i + 1}`),
        shareTimeS: 1_200,
        pieceMode: 'strict',
      }),
    );
    expect(strict.circle).toMatchObject({ shareTimeS: 1_200, pieceMode: 'strict' });
    expect(strict.circle.rules).toHaveLength(12);
  });
});

describe('circle:knock', () => {
  test('needs the ground rules accepted', async () => {
    const h = await start();
    const facilitator = await createCircle(h);
    const guest = await h.connect();
    const log = recordEvents(facilitator.socket);
    const withoutAcceptance: Record<string, unknown> = { ...knockPayload(facilitator.code, 'x') };
    delete withoutAcceptance.acceptedRules;
    for (const acceptedRules of [undefined, false, 'true', 1]) {
      const ack = await rawRequest(guest, 'circle:knock', [
        { ...withoutAcceptance, acceptedRules },
      ]);
      expect({ acceptedRules, ack }).toEqual({
        acceptedRules,
        ack: { ok: false, error: { code: 'rules_not_accepted' } },
      });
    }
    await barrier(facilitator.socket);
    expect(log).toEqual([]);
    expectOk(await request(guest, 'circle:knock', knockPayload(facilitator.code, 'x')));
  });
});

describe('the waiting list', () => {
  test('someone who cancels is gone from it at once; someone whose connection drops is held, then gone', async () => {
    const h = await start({ memberGraceMs: 500 });
    const facilitator = await createCircle(h);
    const cancels = await knock(h, facilitator, 'やめる');
    const drops = await knock(h, facilitator, 'きれる');
    const stays = await knock(h, facilitator, 'のこる');

    const afterCancel = waitForEvent(facilitator.socket, 'waiting:state', (l) => l.length === 2);
    expectOk(await request(cancels.socket, 'knock:cancel', {}));
    expect((await afterCancel).map((w) => w.name)).toEqual(['きれる', 'のこる']);
    const held = waitForEvent(facilitator.socket, 'waiting:state', (l) =>
      l.some((w) => !w.connected),
    );
    const afterHold = waitForEvent(facilitator.socket, 'waiting:state', (l) => l.length === 1);
    drops.socket.disconnect();
    expect((await held).map((w) => [w.name, w.connected])).toEqual([
      ['きれる', false],
      ['のこる', true],
    ]);
    expect((await afterHold).map((w) => w.id)).toEqual([stays.waitingId]);
  });

  test('a decline can carry a kind word, and the person may knock again', async () => {
    const h = await start();
    const facilitator = await createCircle(h);
    const first = await knock(h, facilitator, 'たろう');
    const declined = waitForEvent(first.socket, 'knock:declined');
    expectOk(
      await request(facilitator.socket, 'waiting:decline', {
        waitingId: first.waitingId,
        message: '  今日は満席です。\n\n\n\nまたどうぞ ',
      }),
    );
    expect(await declined).toEqual({ message: '今日は満席です。\n\nまたどうぞ' });

    const again = await knock(h, facilitator, 'たろう', first.socket, { device: first.device });
    expect(again.waitingList.map((w) => w.id)).toEqual([again.waitingId]);
    // A blank message is no message; a bad one is refused and the knock stays.
    expectError(
      await request(facilitator.socket, 'waiting:decline', {
        waitingId: again.waitingId,
        message: 'だめ\u0000',
      }),
      'text_invalid',
    );
    const plain = waitForEvent(first.socket, 'knock:declined');
    expectOk(
      await request(facilitator.socket, 'waiting:decline', {
        waitingId: again.waitingId,
        message: '   ',
      }),
    );
    expect(await plain).toEqual({});
  });

  test('a facilitator who reloads still sees who is waiting', async () => {
    const h = await start();
    const facilitator = await createCircle(h);
    const first = await knock(h, facilitator, 'いち');
    const second = await knock(h, facilitator, 'に');
    const { socket: back, entered } = await reload(h, facilitator.code, facilitator);
    expect(entered.waiting?.waiting.map((w) => w.id)).toEqual([first.waitingId, second.waitingId]);
    const later = waitForEvent(back, 'waiting:state', (l) => l.length === 3);
    await knock(h, { ...facilitator, socket: back }, 'さん');
    expect((await later).map((w) => w.name)).toEqual(['いち', 'に', 'さん']);
  });

  test('hosts are sent only what changed, numbered, and may ask for the whole list', async () => {
    const h = await start();
    const facilitator = await createCircle(h);
    const first = await knock(h, facilitator, 'いち');
    const log = recordEvents(facilitator.socket);
    const second = await knock(h, facilitator, 'に');
    const waiting = log.filter((e) => e.event === 'waiting:delta').map((e) => e.payload);
    // The second knock alone, not the list with the first in it again.
    expect(waiting).toEqual([
      {
        from: expect.any(Number) as unknown,
        to: expect.any(Number) as unknown,
        set: [second.waitingList[1]],
      },
    ]);
    const [knocked] = waiting as { from: number; to: number }[];
    expect(knocked?.to).toBe((knocked?.from ?? 0) + 1);

    const gone = waitForEvent(facilitator.socket, 'waiting:delta', (d) => d.gone !== undefined);
    await admit(facilitator, first);
    expect(await gone).toEqual({
      from: knocked?.to ?? 0,
      to: (knocked?.to ?? 0) + 1,
      gone: [first.waitingId],
    });
    // Whole, at the revision the last change led to.
    expect(expectOk(await request(facilitator.socket, 'waiting:sync', {}))).toEqual({
      revision: (knocked?.to ?? 0) + 1,
      waiting: [second.waitingList[1]],
    });
    // Only hosts see who waits.
    const joined = await admit(facilitator, second);
    expectError(await request(joined.socket, 'waiting:sync', {}), 'not_facilitator');
  });
});
