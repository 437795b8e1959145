import { AvatarColors } from '../../shared/circle/presence';
import type { ErrorCode } from '../../shared/protocol/errors';
import { ClientEvent, type ClientEventName } from '../../shared/protocol/events';
import { Limits } from '../../shared/protocol/limits';
import type { SignalPayload } from '../../shared/protocol/schemas';
import {
  createCircle,
  expectError,
  expectOk,
  expectServerHealthy,
  join,
  knock,
  rawEmit,
  rawRequest,
  recordEvents,
  request,
  useServers,
  waitForEvent,
  type Facilitator,
  type Harness,
  type Knocker,
} from '../support/server-harness';

const start = useServers();

const events = Object.values(ClientEvent);
const fieldless = new Set<ClientEventName>([
  'knock:cancel',
  'circle:leave',
  'circle:end',
  'server:features',
  'voice:config',
]);
const offer: SignalPayload = { type: 'offer', sdp: 'v=0\r\n' };
/** Well-formed but belonging to nobody. */
const unknownId = 'nobody_here_00';
const unknownToken = 'a'.repeat(32);
/** One unit past what the `name` schema lets through (twice the pseudonym's unit limit). */
const nameOverWire = 'な'.repeat(Limits.nameMaxCodeUnits * 2 + 1);

/** A live circle with someone waiting, to give payloads real codes and ids to point at. */
interface Scene {
  facilitator: Facilitator;
  waiting: Knocker;
}

async function scene(h: Harness): Promise<Scene> {
  const facilitator = await createCircle(h);
  const waiting = await knock(h, facilitator, 'まってる');
  return { facilitator, waiting };
}

/** A deeply nested value, to make sure depth alone cannot hurt the server. */
function nested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { value };
  return value;
}

/**
 * Payloads with a field of the wrong type, per event. Events whose payload has no fields
 * (`knock:cancel`, `circle:leave`, `circle:end`, `server:features`, `voice:config`) have
 * nothing to get wrong.
 */
const wrongTypes = (s: Scene): Record<ClientEventName, unknown[]> => ({
  'circle:create': [
    { title: 7, capacity: 4, name: 'なまえ' },
    { title: null, capacity: 4, name: 'なまえ' },
    { title: '会', capacity: '4', name: 'なまえ' },
    { title: '会', capacity: true, name: 'なまえ' },
    { title: '会', capacity: [4], name: 'なまえ' },
    { title: '会', capacity: 4, name: ['なまえ'] },
    { title: '会', capacity: 4, name: { toString: 'なまえ' } },
    { title: '会', capacity: 4, name: Buffer.from('なまえ') },
    { title: '会', capacity: 4, name: nested(2_000) },
    { title: '会', capacity: 4 },
    { capacity: 4, name: 'なまえ' },
    { title: '会', capacity: 4, name: 'なまえ', privateVoice: 'true' },
    { title: '会', capacity: 4, name: 'なまえ', privateVoice: 1 },
    { title: '会', capacity: 4, name: 'なまえ', privateVoice: null },
    { title: '会', capacity: 4, name: 'なまえ', privateVoice: [true] },
    { title: '会', capacity: 4, name: 'なまえ', color: -1 },
    { title: '会', capacity: 4, name: 'なまえ', color: AvatarColors.length },
    { title: '会', capacity: 4, name: 'なまえ', color: 1.5 },
    { title: '会', capacity: 4, name: 'なまえ', color: '2' },
    { title: '会', capacity: 4, name: 'なまえ', color: null },
    { title: '会', capacity: 4, name: 'なまえ', color: '#e0a070' },
  ],
  'circle:knock': [
    { code: 1234, name: 'なまえ' },
    { code: [s.facilitator.code], name: 'なまえ' },
    { code: s.facilitator.code, name: 5 },
    { code: s.facilitator.code, name: null },
    { code: s.facilitator.code },
    { name: 'なまえ' },
    { code: s.facilitator.code, name: 'なまえ', color: 99 },
    { code: s.facilitator.code, name: 'なまえ', color: [1] },
    { code: s.facilitator.code, name: 'なまえ', color: true },
  ],
  'knock:cancel': [],
  'circle:resume': [
    { code: s.facilitator.code, resumeToken: 12345 },
    { code: s.facilitator.code, resumeToken: [s.facilitator.resumeToken] },
    { code: 5, resumeToken: s.facilitator.resumeToken },
    { code: s.facilitator.code, resumeToken: 'not a token!' },
    { code: s.facilitator.code },
    { resumeToken: s.facilitator.resumeToken },
  ],
  'circle:leave': [],
  'circle:end': [],
  'waiting:admit': [
    { waitingId: 12345678 },
    { waitingId: null },
    { waitingId: [s.waiting.waitingId] },
    { waitingId: 'has spaces!' },
    { waitingId: 'short' },
    {},
  ],
  'waiting:decline': [
    { waitingId: true },
    { waitingId: { id: s.waiting.waitingId } },
    { waitingId: 'short' },
    {},
  ],
  'signal:relay': [
    { to: 5, signal: offer },
    { to: s.facilitator.memberId, signal: 'offer' },
    { to: s.facilitator.memberId, signal: { type: 'offer', sdp: 5 } },
    { to: s.facilitator.memberId, signal: { type: 'offer', sdp: Buffer.from('v=0') } },
    { to: s.facilitator.memberId, signal: { type: 'nope' } },
    { to: s.facilitator.memberId },
    { signal: offer },
  ],
  'server:features': [],
  'voice:config': [],
  'voice:mute': [
    { muted: 'true' },
    { muted: 1 },
    { muted: 0 },
    { muted: null },
    { muted: [true] },
    { muted: { valueOf: true } },
    {},
  ],
  'hand:set': [
    { raised: 'true' },
    { raised: 1 },
    { raised: null },
    { raised: [true] },
    { up: true },
    {},
  ],
  'away:set': [{ away: 'yes' }, { away: 0 }, { away: null }, { away: { away: true } }, {}],
  'reaction:send': [
    { reaction: 'applause' },
    { reaction: 'Heart' },
    { reaction: '' },
    { reaction: 3 },
    { reaction: null },
    { reaction: ['nod'] },
    { reaction: { toString: 'nod' } },
    {},
  ],
});

/** Payloads with one string past its limit, everything else valid, per event. */
const oversized = (s: Scene): Record<ClientEventName, unknown[]> => ({
  'circle:create': [
    { title: '会'.repeat(321), capacity: 4, name: 'なまえ' },
    { title: '会', capacity: 4, name: nameOverWire },
  ],
  'circle:knock': [
    { code: 'A'.repeat(33), name: 'なまえ' },
    { code: s.facilitator.code, name: nameOverWire },
  ],
  'knock:cancel': [],
  'circle:resume': [
    { code: 'A'.repeat(33), resumeToken: s.facilitator.resumeToken },
    { code: s.facilitator.code, resumeToken: 'a'.repeat(65) },
  ],
  'circle:leave': [],
  'circle:end': [],
  'waiting:admit': [{ waitingId: 'a'.repeat(33) }],
  'waiting:decline': [{ waitingId: 'a'.repeat(33) }],
  'signal:relay': [
    { to: 'a'.repeat(33), signal: offer },
    { to: s.facilitator.memberId, signal: { type: 'answer', sdp: 'v'.repeat(12_001) } },
  ],
  // No strings to overflow; their whole frames are capped like every other event's.
  'server:features': [],
  'voice:config': [],
  'voice:mute': [],
  'hand:set': [],
  'away:set': [],
  'reaction:send': [{ reaction: 'nod'.repeat(10_000) }],
});

/** A valid payload per event, and what a guest (connected, in no circle) gets for it. */
const asGuest: Record<
  ClientEventName,
  { payload: (s: Scene) => Record<string, unknown>; result: 'ok' | ErrorCode }
> = {
  'circle:create': { payload: () => ({ title: '会', capacity: 4, name: 'なまえ' }), result: 'ok' },
  'circle:knock': {
    payload: (s) => ({ code: s.facilitator.code, name: 'なまえ' }),
    result: 'ok',
  },
  'knock:cancel': { payload: () => ({}), result: 'not_waiting' },
  'circle:resume': {
    payload: (s) => ({ code: s.facilitator.code, resumeToken: unknownToken }),
    result: 'resume_refused',
  },
  'circle:leave': { payload: () => ({}), result: 'not_in_circle' },
  'circle:end': { payload: () => ({}), result: 'not_in_circle' },
  'waiting:admit': {
    payload: (s) => ({ waitingId: s.waiting.waitingId }),
    result: 'not_in_circle',
  },
  'waiting:decline': {
    payload: (s) => ({ waitingId: s.waiting.waitingId }),
    result: 'not_in_circle',
  },
  'signal:relay': {
    payload: (s) => ({ to: s.facilitator.memberId, signal: offer }),
    result: 'not_in_circle',
  },
  'server:features': { payload: () => ({}), result: 'ok' },
  'voice:config': { payload: () => ({}), result: 'not_in_circle' },
  'voice:mute': { payload: () => ({ muted: true }), result: 'not_in_circle' },
  'hand:set': { payload: () => ({ raised: true }), result: 'not_in_circle' },
  'away:set': { payload: () => ({ away: true }), result: 'not_in_circle' },
  'reaction:send': { payload: () => ({ reaction: 'heart' }), result: 'not_in_circle' },
};

/** Keys a client might add hoping the server trusts them. */
const unknownKeys = {
  role: 'facilitator',
  memberId: unknownId,
  circleId: unknownId,
  from: unknownId,
  isAdmin: true,
  padding: 'x'.repeat(20_000),
};

/**
 * `payload` plus `__proto__` and `constructor` keys as a JSON parser produces them: own
 * properties, which a careless merge on the server would turn into prototype pollution.
 */
function withPollution(payload: Record<string, unknown>): Record<string, unknown> {
  const pollution = '"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}';
  const rest = JSON.stringify(payload).slice(1);
  return JSON.parse(`{${pollution}${rest === '}' ? '}' : `,${rest}`}`) as Record<string, unknown>;
}

function expectNoPollution(): void {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty('polluted');
  expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
}

function expectResult(ack: unknown, result: 'ok' | ErrorCode): void {
  if (result === 'ok') expect(ack).toMatchObject({ ok: true });
  else
    expect(ack).toEqual({ ok: false, error: expect.objectContaining({ code: result }) as unknown });
}

describe.each(events)('%s', (event) => {
  test('refuses a missing or non-object payload with invalid_payload', async () => {
    const h = await start();
    const guest = await h.connect();
    const payloads: [string, unknown[]][] = [
      ['nothing', []],
      ['a string', ['{"title":"会"}']],
      ['a number', [42]],
      ['null', [null]],
      ['true', [true]],
      ['an array', [[]]],
      ['an array holding an object', [[{}]]],
    ];
    for (const [what, args] of payloads) {
      const ack = await rawRequest(guest, event, args);
      expect({ what, ack }).toEqual({
        what,
        ack: { ok: false, error: { code: 'invalid_payload' } },
      });
    }
    await expectServerHealthy(h);
  });

  // Fieldless payloads have nothing to mistype; their extra keys are covered by the next test.
  if (!fieldless.has(event)) {
    test('refuses wrong-typed and oversized fields with invalid_payload', async () => {
      const h = await start();
      const s = await scene(h);
      const guest = await h.connect();
      const member = (await join(h, s.facilitator, 'なかま')).socket;
      for (const payload of [...wrongTypes(s)[event], ...oversized(s)[event]]) {
        // From a guest and from a member: validation comes before anything about who is asking.
        for (const socket of [guest, member, s.facilitator.socket]) {
          const ack = await rawRequest(socket, event, [payload]);
          expect({ payload, ack }).toEqual({
            payload,
            ack: { ok: false, error: { code: 'invalid_payload' } },
          });
        }
      }
      await expectServerHealthy(h);
    });
  }

  test('strips unknown, __proto__ and constructor keys and answers as for the plain payload', async () => {
    const h = await start();
    const s = await scene(h);
    const { payload, result } = asGuest[event];
    const variants = [
      payload(s),
      { ...payload(s), ...unknownKeys },
      withPollution(payload(s)),
      withPollution({ ...payload(s), ...unknownKeys }),
    ];
    for (const variant of variants) {
      // A fresh guest each time: a successful create or knock changes who the socket is.
      const guest = await h.connect();
      expectResult(await rawRequest(guest, event, [variant]), result);
      expectNoPollution();
    }
    await expectServerHealthy(h);
    expectNoPollution();
  });

  test('survives being sent without an acknowledgement callback', async () => {
    const h = await start();
    const s = await scene(h);
    const socket = await h.connect();
    const sent: unknown[] = [
      asGuest[event].payload(s),
      withPollution(asGuest[event].payload(s)),
      ...wrongTypes(s)[event],
      ...oversized(s)[event],
      'text',
      null,
    ];
    for (const payload of sent) rawEmit(socket, event, payload);
    rawEmit(socket, event);
    // Requests on one socket are answered in order, so an answer here means all of the above
    // were handled.
    await expect(rawRequest(socket, 'knock:cancel', [{}])).resolves.toHaveProperty('ok');
    expect(socket.connected).toBe(true);
    await expectServerHealthy(h);
  });
});

describe('events the server does not know', () => {
  const names = [
    'circle:join',
    'Circle:Create',
    'circle:create ',
    'admin:kick',
    'signal',
    '',
    'x'.repeat(2_000),
    '__proto__',
    'constructor',
    'hasOwnProperty',
    'toString',
    'error',
    'connection',
    'session:closed',
    'circle:state',
  ];

  test('are answered with unknown_event, whatever they carry', async () => {
    const h = await start();
    const socket = await h.connect();
    for (const name of names) {
      for (const args of [[], [{}], ['x'], [null], [{ to: unknownId, signal: offer }], [1, 2, 3]]) {
        const ack = await rawRequest(socket, name, args);
        expect({ name, args, ack }).toEqual({
          name,
          args,
          ack: { ok: false, error: { code: 'unknown_event' } },
        });
      }
    }
    expect(socket.connected).toBe(true);
    await expectServerHealthy(h);
  });

  test('sent without an acknowledgement callback, break nothing', async () => {
    const h = await start();
    const socket = await h.connect();
    for (const name of names) {
      rawEmit(socket, name);
      rawEmit(socket, name, withPollution({ a: 1 }));
    }
    await expect(rawRequest(socket, 'circle:leave', [{}])).resolves.toEqual({
      ok: false,
      error: { code: 'not_in_circle' },
    });
    expectNoPollution();
    await expectServerHealthy(h);
  });
});

describe('full flow with extra keys on every request', () => {
  const extras: [string, (payload: Record<string, unknown>) => Record<string, unknown>][] = [
    ['unknown keys', (payload) => ({ ...payload, ...unknownKeys })],
    ['__proto__ and constructor keys', withPollution],
  ];

  test.each(extras)('%s are stripped and every valid request still works', async (_, extra) => {
    const h = await start();
    const send = (socket: Facilitator['socket'], event: ClientEventName, payload: object) =>
      rawRequest(socket, event, [extra(payload as Record<string, unknown>)]);

    const facilitatorSocket = await h.connect();
    const created = expectOk(
      await send(facilitatorSocket, 'circle:create', {
        title: '会',
        capacity: 4,
        name: 'ひろし',
        color: 4,
      }),
    ) as Facilitator['entered'];
    const code = created.circle.code;
    expect(created.circle.privateVoice).toBe(false);
    expect(created.circle.members).toEqual([
      {
        id: created.self.memberId,
        name: 'ひろし',
        role: 'facilitator',
        seat: 0,
        connected: true,
        muted: false,
        color: 4,
        away: false,
      },
    ]);
    expect(created.circle.hands).toEqual([]);
    expect(expectOk(await send(facilitatorSocket, 'server:features', {}))).toEqual({
      privateVoice: false,
    });

    // knock, admit, resume
    const participantSocket = await h.connect();
    const listed = waitForEvent(facilitatorSocket, 'waiting:list', (l) => l.length === 1);
    const { waitingId } = expectOk(
      await send(participantSocket, 'circle:knock', { code, name: 'さくら🌸', color: 0 }),
    ) as { waitingId: string };
    expect(await listed).toEqual([
      { id: waitingId, name: 'さくら🌸', since: expect.any(Number) as unknown },
    ]);
    const admitted = waitForEvent(participantSocket, 'knock:admitted');
    expectOk(await send(facilitatorSocket, 'waiting:admit', { waitingId }));
    const { resumeToken, memberId } = await admitted;
    const entered = expectOk(
      await send(participantSocket, 'circle:resume', { code, resumeToken }),
    ) as Facilitator['entered'];
    expect(entered.self.memberId).toBe(memberId);
    expect(entered.circle.members.find((m) => m.id === memberId)).toMatchObject({
      role: 'participant',
      color: 0,
    });

    // relay, and what arrives carries only validated keys
    const relayed = waitForEvent(facilitatorSocket, 'signal:relay');
    expectOk(
      await send(participantSocket, 'signal:relay', { to: created.self.memberId, signal: offer }),
    );
    const message = await relayed;
    expect(message).toEqual({ from: memberId, signal: offer });
    expect(Object.keys(message).sort()).toEqual(['from', 'signal']);
    expect(Object.keys(message.signal).sort()).toEqual(['sdp', 'type']);

    // voice settings and the microphone switch
    expect(expectOk(await send(participantSocket, 'voice:config', {}))).toEqual({
      iceServers: [],
      iceTransportPolicy: 'all',
      ttlS: 600,
    });
    const mutedSeen = waitForEvent(facilitatorSocket, 'circle:state', (st) =>
      st.members.some((m) => m.id === memberId && m.muted),
    );
    expectOk(await send(participantSocket, 'voice:mute', { muted: true }));
    await mutedSeen;

    // presence: a raised hand, stepping out, and a reaction carrying only validated keys
    const handSeen = waitForEvent(facilitatorSocket, 'circle:state', (st) =>
      st.hands.includes(memberId),
    );
    expectOk(await send(participantSocket, 'hand:set', { raised: true }));
    await handSeen;
    const awaySeen = waitForEvent(facilitatorSocket, 'circle:state', (st) =>
      st.members.some((m) => m.id === memberId && m.away),
    );
    expectOk(await send(participantSocket, 'away:set', { away: true }));
    await awaySeen;
    const shown = waitForEvent(facilitatorSocket, 'reaction:shown');
    expectOk(await send(participantSocket, 'reaction:send', { reaction: 'thanks' }));
    const reaction = await shown;
    expect(reaction).toEqual({ memberId, reaction: 'thanks' });
    expect(Object.keys(reaction).sort()).toEqual(['memberId', 'reaction']);

    // decline and cancel
    const declinedSocket = await h.connect();
    const second = expectOk(await send(declinedSocket, 'circle:knock', { code, name: 'つぎ' })) as {
      waitingId: string;
    };
    const declined = waitForEvent(declinedSocket, 'knock:declined');
    expectOk(await send(facilitatorSocket, 'waiting:decline', { waitingId: second.waitingId }));
    await declined;
    expectOk(await send(declinedSocket, 'circle:knock', { code, name: 'つぎ' }));
    expectOk(await send(declinedSocket, 'knock:cancel', {}));

    // leave and end
    const left = waitForEvent(facilitatorSocket, 'circle:state', (st) =>
      st.members.every((m) => m.id !== memberId),
    );
    expectOk(await send(participantSocket, 'circle:leave', {}));
    await left;
    expectOk(await send(facilitatorSocket, 'circle:end', {}));
    expect(await h.server.store.count()).toBe(0);
    expectNoPollution();
    await expectServerHealthy(h);
  });
});

describe('who may do what', () => {
  test('a participant gets not_facilitator for admit, decline and end, and nothing changes', async () => {
    const h = await start();
    const { facilitator, waiting } = await scene(h);
    const participant = await join(h, facilitator, 'さくら🌸');
    const waitingLog = recordEvents(waiting.socket);

    const refused: [ClientEventName, object][] = [
      ['waiting:admit', { waitingId: waiting.waitingId }],
      ['waiting:decline', { waitingId: waiting.waitingId }],
      ['circle:end', {}],
    ];
    for (const [event, payload] of refused) {
      expectError(await rawRequest(participant.socket, event, [payload]), 'not_facilitator');
    }
    expect(await h.server.store.count()).toBe(1);

    // The knock is untouched: the real facilitator can still admit it, and the admission is
    // the first thing the waiting person hears.
    const admitted = waitForEvent(waiting.socket, 'knock:admitted');
    expectOk(await request(facilitator.socket, 'waiting:admit', { waitingId: waiting.waitingId }));
    await admitted;
    expect(waitingLog.map((e) => e.event)).toEqual(['knock:admitted']);
    await expectServerHealthy(h);
  });

  test('guests and waiting people get not_in_circle for member-only requests', async () => {
    const h = await start();
    const { facilitator, waiting } = await scene(h);
    const guest = await h.connect();
    const memberOnly: [ClientEventName, object][] = [
      ['waiting:admit', { waitingId: waiting.waitingId }],
      ['waiting:decline', { waitingId: waiting.waitingId }],
      ['circle:end', {}],
      ['circle:leave', {}],
      ['signal:relay', { to: facilitator.memberId, signal: offer }],
      ['voice:config', {}],
      ['voice:mute', { muted: true }],
      ['hand:set', { raised: true }],
      ['away:set', { away: true }],
      ['reaction:send', { reaction: 'nod' }],
    ];
    for (const socket of [guest, waiting.socket]) {
      for (const [event, payload] of memberOnly) {
        expectError(await rawRequest(socket, event, [payload]), 'not_in_circle');
      }
    }
    expectError(await request(guest, 'knock:cancel', {}), 'not_waiting');
    await expectServerHealthy(h);
  });

  test('a facilitator cannot admit or decline someone waiting at another circle', async () => {
    const h = await start();
    const { waiting } = await scene(h);
    const other = await createCircle(h, { title: 'べつの会', name: 'べつ' });
    expectError(
      await request(other.socket, 'waiting:admit', { waitingId: waiting.waitingId }),
      'waiting_not_found',
    );
    expectError(
      await request(other.socket, 'waiting:decline', { waitingId: waiting.waitingId }),
      'waiting_not_found',
    );
    expectError(
      await request(other.socket, 'waiting:admit', { waitingId: unknownId }),
      'waiting_not_found',
    );
  });
});

describe('names, titles, capacities and codes', () => {
  const badNames: [string, string, ErrorCode][] = [
    ['empty', '', 'name_required'],
    ['spaces only', '   ', 'name_required'],
    ['tabs and newlines only', ' \t\n ', 'name_required'],
    ['an ideographic space only', '\u3000', 'name_required'],
    ['zero-width spaces only', '\u200B\u200B', 'name_invisible'],
    ['a zero-width joiner only', '\u200D', 'name_invisible'],
    ['Hangul fillers only', '\u3164\u3164', 'name_invisible'],
    ['a braille blank only', '\u2800', 'name_invisible'],
    ['combining marks only', '\u0301\u0301', 'name_invisible'],
    ['a NUL inside', 'さ\u0000くら', 'name_invalid_characters'],
    ['a bell', 'さくら\u0007', 'name_invalid_characters'],
    ['an escape sequence', '\u001B[31mさくら', 'name_invalid_characters'],
    ['a newline inside', 'さ\nくら', 'name_invalid_characters'],
    ['a right-to-left override', 'abc\u202Egpj.exe', 'name_invalid_characters'],
    ['a bidi isolate', '\u2066さくら', 'name_invalid_characters'],
    ['a lone surrogate', 'さくら\uD800', 'name_invalid_characters'],
    ['a private-use character', 'さくら\uE000', 'name_invalid_characters'],
    ['33 letters', 'a'.repeat(33), 'name_too_long'],
    ['33 kana', 'あ'.repeat(33), 'name_too_long'],
    ['33 accented letters', 'e\u0301'.repeat(33), 'name_too_long'],
    [
      'one letter buried in combining marks',
      `x${'\u0301'.repeat(Limits.nameMaxCodeUnits)}`, // no precomposed x-acute: NFC keeps every mark
      'name_too_long',
    ],
    ['longer than the wire allows', nameOverWire, 'invalid_payload'],
  ];
  const goodNames: [string, string, string][] = [
    ['32 letters', 'a'.repeat(32), 'a'.repeat(32)],
    ['32 kana', 'あ'.repeat(32), 'あ'.repeat(32)],
    ['16 family emoji', '👩‍👩‍👧'.repeat(16), '👩‍👩‍👧'.repeat(16)],
    ['padded and spaced', '  さくら   🌸  ', 'さくら 🌸'],
    ['decomposed kana', 'か\u3099', 'が'],
  ];

  test.each(badNames)('refuses a name (%s) on create and on knock', async (_, name, code) => {
    const h = await start();
    const facilitator = await createCircle(h);
    const guest = await h.connect();
    expectError(await request(guest, 'circle:create', { title: '会', capacity: 4, name }), code);
    expectError(await request(guest, 'circle:knock', { code: facilitator.code, name }), code);
    await expectServerHealthy(h);
  });

  test.each(goodNames)('accepts and normalises a name (%s)', async (_, name, shown) => {
    const h = await start();
    const facilitator = await createCircle(h, { name });
    expect(facilitator.entered.circle.members[0]?.name).toBe(shown);
    const knocker = await h.connect();
    const listed = waitForEvent(facilitator.socket, 'waiting:list', (l) => l.length === 1);
    expectOk(await request(knocker, 'circle:knock', { code: facilitator.code, name }));
    expect((await listed).map((w) => w.name)).toEqual([shown]);
  });

  test('titles are checked and normalised', async () => {
    const h = await start();
    const guest = await h.connect();
    const refused: [string, ErrorCode][] = [
      ['', 'title_invalid'],
      ['   ', 'title_invalid'],
      ['\u200B', 'title_invalid'],
      ['会\u0000', 'title_invalid'],
      ['\u202E会', 'title_invalid'],
      ['t'.repeat(81), 'title_invalid'],
      ['会'.repeat(81), 'title_invalid'],
      ['会'.repeat(321), 'invalid_payload'],
    ];
    for (const [title, code] of refused) {
      const ack = await request(guest, 'circle:create', { title, capacity: 4, name: 'ひろし' });
      expect({ title, ack }).toEqual({ title, ack: { ok: false, error: { code } } });
    }
    const longest = await createCircle(h, { title: '会'.repeat(80) });
    expect(longest.entered.circle.title).toBe('会'.repeat(80));
    const spaced = await createCircle(h, { title: '  夜の   縁側 ' });
    expect(spaced.entered.circle.title).toBe('夜の 縁側');
    await expectServerHealthy(h);
  });

  test('capacity outside 2–12 or not an integer is refused with invalid_payload', async () => {
    const h = await start();
    const guest = await h.connect();
    const refused: unknown[] = [1, 13, 0, -1, 2.5, 1e9, Number.NaN, Infinity, '4', null, true, [4]];
    for (const capacity of refused) {
      const ack = await rawRequest(guest, 'circle:create', [
        { title: '会', capacity, name: 'ひろし' },
      ]);
      expect({ capacity, ack }).toEqual({
        capacity,
        ack: { ok: false, error: { code: 'invalid_payload' } },
      });
    }
    for (const capacity of [2, 12]) {
      const circle = await createCircle(h, { capacity });
      expect(circle.entered.circle.capacity).toBe(capacity);
    }
    await expectServerHealthy(h);
  });

  test('codes are forgiving to type but otherwise refused', async () => {
    const h = await start();
    const facilitator = await createCircle(h);
    const code = facilitator.code;
    const guest = await h.connect();
    const unknownCode = code.startsWith('0') ? `1${code.slice(1)}` : `0${code.slice(1)}`;
    const refused: [string, ErrorCode][] = [
      ['', 'code_invalid'],
      ['nonsense', 'code_invalid'],
      [code.slice(0, -1), 'code_invalid'],
      [`${code}0`, 'code_invalid'],
      [code.replace(/[0-9A-Z]$/, '!'), 'code_invalid'],
      [unknownCode, 'circle_not_found'],
    ];
    for (const [typed, expected] of refused) {
      const ack = await request(guest, 'circle:knock', { code: typed, name: 'なまえ' });
      expect({ typed, ack }).toEqual({ typed, ack: { ok: false, error: { code: expected } } });
    }

    const fullWidth = (text: string) =>
      text.replace(/[!-~]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
    const typedBack = [
      code.toLowerCase(),
      code.replaceAll('-', ''),
      code.replaceAll('-', ' '),
      code.replaceAll('-', 'ー'),
      code.replaceAll('0', 'O').replaceAll('1', 'l'),
      fullWidth(code),
    ];
    for (const typed of typedBack) {
      const knocker = await h.connect();
      const ack = await request(knocker, 'circle:knock', { code: typed, name: 'なまえ' });
      expect({ typed, ok: ack.ok }).toEqual({ typed, ok: true });
    }
    await expectServerHealthy(h);
  });
});
