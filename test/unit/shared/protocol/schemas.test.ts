import { AvatarColors, Reactions } from '../../../../shared/circle/presence';
import {
  clientEventNames,
  clientEvents,
  type ClientEventName,
} from '../../../../shared/protocol/client-events';
import { Limits } from '../../../../shared/protocol/limits';
import {
  awaySetSchema,
  chatSendSchema,
  circleCreateSchema,
  circleEndSchema,
  errorCodeOfParseFailure,
  memberMuteSchema,
  memberTargetSchema,
  privateMessageSchema,
  reportSendSchema,
  roleSetSchema,
  roundStartSchema,
  waitingDeclineSchema,
  circleKnockSchema,
  circleResumeSchema,
  handSetSchema,
  reactionSendSchema,
  signalPayloadSchema,
  signalRelaySchema,
  voiceMuteSchema,
  waitingDecisionSchema,
} from '../../../../shared/protocol/schemas';

const MEMBER_ID = 'Qx7_abc-DEF12345';
const RESUME_TOKEN = 'abcdefghijklmnopqrstuvwxyz012345';
const DEVICE = 'dev1ce-T0ken_abcdef12';

/** A valid payload for every client event; the Record type makes a new event need one here. */
const KEY = 'engawa-aaaaaaaa-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
const GATHERING_ID = 'AAAAAAAAAAAAAAAA';
const GATHERING = {
  facilitatorKey: KEY,
  kind: 'family',
  title: '家族の会',
  language: 'both',
  date: '2027-01-14',
  time: '19:30',
  durationMin: 90,
  weeks: 4,
  seats: 8,
  rules: ['やさしく'],
  shareTimeS: 180,
  pieceMode: 'gentle',
  listed: true,
};

const validPayloads: Record<ClientEventName, Record<string, unknown>> = {
  'circle:create': {
    title: 'Tuesday circle',
    topic: 'Starting again',
    rules: ['What is shared here stays here', 'Everyone may pass'],
    shareTimeS: 180,
    pieceMode: 'gentle',
    capacity: 8,
    name: 'さくら',
    privateVoice: false,
  },
  'circle:preview': { code: 'K7QM-2XPD-9TR' },
  'circle:knock': {
    code: 'K7QM-2XPD-9TR',
    name: 'ゆうき',
    acceptedRules: true,
    device: DEVICE,
  },
  'knock:cancel': {},
  'knock:resume': { code: 'K7QM-2XPD-9TR', waitingId: MEMBER_ID, waitingToken: RESUME_TOKEN },
  'circle:resume': { code: 'K7QM-2XPD-9TR', resumeToken: RESUME_TOKEN },
  'circle:sync': {},
  'waiting:sync': {},
  'circle:leave': {},
  'circle:end': { message: 'Thank you all' },
  'waiting:admit': { waitingId: MEMBER_ID },
  'waiting:decline': { waitingId: MEMBER_ID, message: 'Not tonight, sorry' },
  'circle:lock': { locked: true },
  'circle:pause': { paused: false },
  'role:set': { memberId: MEMBER_ID, role: 'cofacilitator' },
  'piece:pass': {},
  'piece:give': { memberId: MEMBER_ID },
  'piece:take': {},
  'piece:accept': {},
  'piece:decline': {},
  'round:start': { kind: 'checkout', fromMemberId: MEMBER_ID },
  'round:end': {},
  'hand:lower': { memberId: MEMBER_ID },
  'hand:lowerAll': {},
  'member:mute': { memberId: MEMBER_ID, muted: true },
  'member:remove': { memberId: MEMBER_ID },
  'bar:lift': { barId: MEMBER_ID },
  'message:private': { to: MEMBER_ID, text: 'Are you all right?' },
  'member:block': { memberId: MEMBER_ID },
  'member:unblock': { memberId: MEMBER_ID },
  'report:send': { memberId: MEMBER_ID, reasons: ['unkind', 'privacy'], text: 'x' },
  'chat:send': { text: 'こんばんは' },
  'chat:clear': {},
  'announce:send': { text: 'Tea at the fire pit' },
  'help:alert': {},
  'signal:relay': { to: MEMBER_ID, signal: { type: 'offer', sdp: 'v=0\r\n' } },
  'server:features': {},
  'facilitator:check': { key: KEY },
  'entrance:list': {},
  'gathering:get': { id: GATHERING_ID },
  'gathering:schedule': GATHERING,
  'gathering:edit': { ...GATHERING, id: GATHERING_ID },
  'gathering:cancel': { facilitatorKey: KEY, id: GATHERING_ID },
  'gathering:mine': { facilitatorKey: KEY },
  'gathering:open': { facilitatorKey: KEY, id: GATHERING_ID, name: 'さとう' },
  'gathering:invite': { facilitatorKey: KEY, id: GATHERING_ID },
  'gathering:accept': {
    id: GATHERING_ID,
    token: 'x'.repeat(32),
    name: 'はな',
    device: 'd'.repeat(24),
  },
  'voice:config': {},
  'voice:mute': { muted: true },
  'hand:set': { raised: true },
  'away:set': { away: false },
  'member:takingPart': { takingPart: 'write' },
  'reaction:send': { reaction: 'nod' },
  'table:sit': { table: 2, cushion: 7 },
  'table:leave': {},
  'table:set': { table: 5, open: false, theme: 'game' },
  'voice:speaking': { speaking: true },
  'activity:start': { language: 'en' },
  'activity:join': {},
  'activity:leave': {},
  'activity:word': { word: 'ごりら' },
  'activity:pass': {},
  'activity:end': {},
};

const events = Object.keys(validPayloads) as ClientEventName[];

afterEach(() => {
  // A pollution test that failed must not leak into the next one.
  delete (Object.prototype as Record<string, unknown>).polluted;
});

describe('client event schemas', () => {
  it('names every event domain:verb', () => {
    for (const name of clientEventNames) expect(name).toMatch(/^[a-z]+:[a-z][A-Za-z]*$/);
  });

  it.each(events)('%s accepts its valid payload as is', (event) => {
    const result = clientEvents[event].schema.safeParse(validPayloads[event]);
    expect(result.success).toBe(true);
    expect(result.data).toEqual(validPayloads[event]);
  });

  it.each(events)('%s strips unknown keys', (event) => {
    // An event's own field of the same name (`role` in role:set) keeps its value.
    const result = clientEvents[event].schema.safeParse({
      extra: 'x',
      role: 'facilitator',
      circleId: 'someone-elses',
      ...validPayloads[event],
    });
    expect(result.success).toBe(true);
    expect(result.data).toEqual(validPayloads[event]);
  });

  it.each(events)(
    '%s drops __proto__ and constructor keys from JSON without pollution',
    (event) => {
      const json = JSON.stringify(validPayloads[event]).replace(
        /^\{/,
        '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},',
      );
      const raw = JSON.parse(json.replace(/,\}$/, '}')) as Record<string, unknown>;
      expect(Object.hasOwn(raw, '__proto__')).toBe(true); // the attack is really in the input

      const result = clientEvents[event].schema.safeParse(raw);
      expect(result.success).toBe(true);
      const data = result.data as Record<string, unknown>;
      expect(Object.hasOwn(data, '__proto__')).toBe(false);
      expect(Object.hasOwn(data, 'constructor')).toBe(false);
      expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
      expect(data.polluted).toBeUndefined();
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(data).toEqual(validPayloads[event]);
    },
  );

  it.each(events)('%s rejects payloads that are not objects', (event) => {
    for (const payload of [undefined, null, 'text', 42, true, [], [validPayloads[event]]]) {
      expect(clientEvents[event].schema.safeParse(payload).success).toBe(false);
    }
  });
});

describe('circleCreateSchema', () => {
  const valid = validPayloads['circle:create'];

  it.each([
    ['capacity as a string', { capacity: '8' }],
    ['a fractional capacity', { capacity: 4.5 }],
    ['capacity below the minimum', { capacity: Limits.capacityMin - 1 }],
    ['capacity above the maximum', { capacity: Limits.capacityMax + 1 }],
    ['capacity NaN', { capacity: Number.NaN }],
    ['a numeric title', { title: 42 }],
    ['a null name', { name: null }],
    ['a missing title', { title: undefined }],
    ['a title over the raw cap', { title: 'x'.repeat(Limits.titleMaxChars * 4 + 1) }],
    ['a name over the raw cap', { name: 'x'.repeat(Limits.nameMaxCodeUnits * 2 + 1) }],
  ])('rejects %s', (_label, change) => {
    expect(circleCreateSchema.safeParse({ ...valid, ...change }).success).toBe(false);
  });

  it('defaults privateVoice, the share time and the piece mode, and leaves the topic out', () => {
    const bare = {
      title: valid.title,
      rules: valid.rules,
      capacity: valid.capacity,
      name: valid.name,
    };
    expect(circleCreateSchema.parse(bare)).toEqual({
      ...bare,
      shareTimeS: Limits.shareTimeDefaultS,
      pieceMode: 'gentle',
      privateVoice: false,
    });
    expect(circleCreateSchema.parse({ ...valid, privateVoice: true }).privateVoice).toBe(true);
  });

  it.each([['true'], [1], [0], [null], [[true]], [{}]])(
    'rejects privateVoice %j',
    (privateVoice) => {
      expect(circleCreateSchema.safeParse({ ...valid, privateVoice }).success).toBe(false);
    },
  );

  it('accepts the capacity bounds', () => {
    for (const capacity of [Limits.capacityMin, Limits.capacityMax]) {
      expect(circleCreateSchema.safeParse({ ...valid, capacity }).success).toBe(true);
    }
  });
});

describe('avatar colour on circle:create and circle:knock', () => {
  const schemas = [
    ['circle:create', circleCreateSchema, validPayloads['circle:create']],
    ['circle:knock', circleKnockSchema, validPayloads['circle:knock']],
  ] as const;

  it.each(schemas)('%s leaves it out when not given', (_event, schema, valid) => {
    expect(schema.parse(valid)).not.toHaveProperty('color');
  });

  it.each(schemas)('%s accepts every palette index', (_event, schema, valid) => {
    for (let color = 0; color < AvatarColors.length; color++) {
      expect(schema.parse({ ...valid, color }).color).toBe(color);
    }
  });

  it.each(schemas)('%s refuses anything but a palette index', (_event, schema, valid) => {
    for (const color of [-1, AvatarColors.length, 1.5, Number.NaN, Infinity, '1', null, [1], {}]) {
      expect({ color, ok: schema.safeParse({ ...valid, color }).success }).toEqual({
        color,
        ok: false,
      });
    }
  });
});

describe('circleKnockSchema', () => {
  const valid = validPayloads['circle:knock'];

  it.each([
    ['a numeric code', { code: 123 }],
    ['a code over 32 characters', { code: 'K'.repeat(33) }],
    ['a missing name', { name: undefined }],
    ['an object as name', { name: { toString: 'x' } }],
    ['a missing device', { device: undefined }],
    ['a 15-character device', { device: 'a'.repeat(15) }],
    ['a 65-character device', { device: 'a'.repeat(65) }],
    ['a device with a slash', { device: `${'a'.repeat(16)}/` }],
    ['a device with padding', { device: `${'a'.repeat(16)}=` }],
  ])('rejects %s as invalid_payload', (_label, change) => {
    const result = circleKnockSchema.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    expect(result.error && errorCodeOfParseFailure(result.error)).toBe('invalid_payload');
  });

  it('accepts device tokens of 16 and 64 url-safe characters', () => {
    for (const device of ['a'.repeat(16), 'A_-9'.repeat(16)]) {
      expect(circleKnockSchema.safeParse({ ...valid, device }).success).toBe(true);
    }
  });

  it.each([
    ['missing', undefined],
    ['false', false],
    ['the string "true"', 'true'],
    ['1', 1],
    ['null', null],
  ])('answers acceptedRules %s with rules_not_accepted', (_label, acceptedRules) => {
    const result = circleKnockSchema.safeParse({ ...valid, acceptedRules });
    expect(result.success).toBe(false);
    expect(result.error && errorCodeOfParseFailure(result.error)).toBe('rules_not_accepted');
  });

  it('answers invalid_payload when other fields are wrong as well', () => {
    const result = circleKnockSchema.safeParse({ ...valid, acceptedRules: false, name: 5 });
    expect(result.error && errorCodeOfParseFailure(result.error)).toBe('invalid_payload');
  });
});

describe('ground rules, share time and piece mode on circle:create', () => {
  const valid = validPayloads['circle:create'];
  const parse = (change: Record<string, unknown>) =>
    circleCreateSchema.safeParse({ ...valid, ...change });

  it('takes 1 to 12 rules and answers any other count with rules_invalid', () => {
    for (const count of [Limits.rulesMin, Limits.rulesMax]) {
      expect(parse({ rules: Array.from({ length: count }, () => 'Be kind') }).success).toBe(true);
    }
    for (const count of [0, Limits.rulesMax + 1]) {
      const result = parse({ rules: Array.from({ length: count }, () => 'Be kind') });
      expect(result.error && errorCodeOfParseFailure(result.error)).toBe('rules_invalid');
    }
  });

  it('caps each rule and the topic on the wire', () => {
    expect(parse({ rules: ['r'.repeat(Limits.ruleMaxChars * 4)] }).success).toBe(true);
    expect(parse({ rules: ['r'.repeat(Limits.ruleMaxChars * 4 + 1)] }).success).toBe(false);
    expect(parse({ topic: 't'.repeat(Limits.topicMaxChars * 4) }).success).toBe(true);
    expect(parse({ topic: 't'.repeat(Limits.topicMaxChars * 4 + 1) }).success).toBe(false);
  });

  it('takes whole seconds from 30 to 1200 as the share time', () => {
    for (const shareTimeS of [30, 1_200]) expect(parse({ shareTimeS }).success).toBe(true);
    for (const shareTimeS of [29, 1_201, 60.5, '180', null, Number.NaN]) {
      expect({ shareTimeS, ok: parse({ shareTimeS }).success }).toEqual({ shareTimeS, ok: false });
    }
  });

  it('takes gentle or strict as the piece mode', () => {
    expect(parse({ pieceMode: 'strict' }).success).toBe(true);
    for (const pieceMode of ['Strict', 'loose', '', 1, null]) {
      expect(parse({ pieceMode }).success).toBe(false);
    }
  });
});

describe('facilitation schemas', () => {
  it('role:set hands out co-facilitator or participant, never facilitator', () => {
    for (const role of ['cofacilitator', 'participant']) {
      expect(roleSetSchema.safeParse({ memberId: MEMBER_ID, role }).success).toBe(true);
    }
    for (const role of ['facilitator', 'admin', 'Participant', null]) {
      expect(roleSetSchema.safeParse({ memberId: MEMBER_ID, role }).success).toBe(false);
    }
  });

  it('events naming a member need a well-formed member id', () => {
    for (const memberId of ['short', 'a'.repeat(33), 'm:abcdefgh', 12345678, null]) {
      expect(memberTargetSchema.safeParse({ memberId }).success).toBe(false);
      expect(memberMuteSchema.safeParse({ memberId, muted: true }).success).toBe(false);
    }
    expect(memberMuteSchema.safeParse({ memberId: MEMBER_ID, muted: 'yes' }).success).toBe(false);
  });

  it('round:start takes a check-in or check-out from a member', () => {
    expect(roundStartSchema.safeParse({ kind: 'checkin', fromMemberId: MEMBER_ID }).success).toBe(
      true,
    );
    for (const kind of ['round', 'CHECKIN', 1]) {
      expect(roundStartSchema.safeParse({ kind, fromMemberId: MEMBER_ID }).success).toBe(false);
    }
  });

  it.each([
    ['circle:end message', circleEndSchema, {}, 'message', Limits.closingMessageMaxChars],
    [
      'waiting:decline message',
      waitingDeclineSchema,
      { waitingId: MEMBER_ID },
      'message',
      Limits.declineMessageMaxChars,
    ],
    [
      'private message',
      privateMessageSchema,
      { to: MEMBER_ID },
      'text',
      Limits.privateMessageMaxChars,
    ],
    ['chat line', chatSendSchema, {}, 'text', Limits.chatMaxChars],
    ['report text', reportSendSchema, { reasons: ['other'] }, 'text', Limits.reportTextMaxChars],
  ] as const)('%s is capped at four units per character', (_label, schema, rest, key, chars) => {
    expect(schema.safeParse({ ...rest, [key]: 'x'.repeat(chars * 4) }).success).toBe(true);
    expect(schema.safeParse({ ...rest, [key]: 'x'.repeat(chars * 4 + 1) }).success).toBe(false);
    expect(schema.safeParse({ ...rest, [key]: 5 }).success).toBe(false);
  });

  it('report:send takes 1 to 5 known reasons and drops repeats', () => {
    expect(reportSendSchema.parse({ reasons: ['unsafe', 'unsafe', 'other'] })).toEqual({
      reasons: ['unsafe', 'other'],
    });
    for (const reasons of [
      [],
      ['rude'],
      'unkind',
      ['unkind', 'unkind', 'unkind', 'unkind', 'unkind', 'unkind'],
    ]) {
      expect(reportSendSchema.safeParse({ reasons }).success).toBe(false);
    }
  });
});

describe('circleResumeSchema', () => {
  it.each([
    ['19 characters', 'a'.repeat(19), false],
    ['20 characters', 'a'.repeat(20), true],
    ['64 characters', 'a'.repeat(64), true],
    ['65 characters', 'a'.repeat(65), false],
    ['a slash', `${'a'.repeat(20)}/`, false],
    ['a plus sign', `${'a'.repeat(20)}+`, false],
    ['padding', `${'a'.repeat(20)}=`, false],
    ['a number', 1e20, false],
  ])('resume token with %s: accepted = %s', (_label, resumeToken, accepted) => {
    const result = circleResumeSchema.safeParse({ code: 'K7QM-2XPD-9TR', resumeToken });
    expect(result.success).toBe(accepted);
  });
});

describe('waitingDecisionSchema', () => {
  it.each([
    ['7 characters', 'a'.repeat(7), false],
    ['8 characters', 'a'.repeat(8), true],
    ['32 characters', 'a'.repeat(32), true],
    ['33 characters', 'a'.repeat(33), false],
    ['a slash', 'abcdefgh/', false],
    ['a space', 'abcd efgh', false],
    ['a room-name prefix', 'w:abcdefgh', false],
    ['a number', 12345678, false],
  ])('waiting id with %s: accepted = %s', (_label, waitingId, accepted) => {
    expect(waitingDecisionSchema.safeParse({ waitingId }).success).toBe(accepted);
  });
});

describe('voiceMuteSchema', () => {
  it('takes a boolean and nothing else', () => {
    expect(voiceMuteSchema.parse({ muted: true })).toEqual({ muted: true });
    expect(voiceMuteSchema.parse({ muted: false, memberId: MEMBER_ID })).toEqual({ muted: false });
    for (const muted of ['true', 1, 0, null, undefined, [false]]) {
      expect(voiceMuteSchema.safeParse({ muted }).success).toBe(false);
    }
  });
});

describe.each([
  ['handSetSchema', handSetSchema, 'raised'],
  ['awaySetSchema', awaySetSchema, 'away'],
] as const)('%s', (_name, schema, key) => {
  it('takes a boolean and nothing else', () => {
    for (const value of [true, false]) {
      expect(schema.parse({ [key]: value, memberId: MEMBER_ID, extra: 1 })).toEqual({
        [key]: value,
      });
    }
    for (const value of ['true', 1, 0, null, undefined, [true], {}]) {
      expect(schema.safeParse({ [key]: value }).success).toBe(false);
    }
    expect(schema.safeParse({}).success).toBe(false);
  });
});

describe('reactionSendSchema', () => {
  it.each(Reactions)('accepts %s', (reaction) => {
    expect(reactionSendSchema.parse({ reaction })).toEqual({ reaction });
  });

  it.each([
    ['an unknown reaction', 'applause'],
    ['a reaction in another case', 'Nod'],
    ['a padded reaction', ' nod'],
    ['an empty string', ''],
    ['a number', 1],
    ['null', null],
    ['an array', ['nod']],
    ['an object', { reaction: 'nod' }],
    ['nothing', undefined],
  ])('rejects %s', (_label, reaction) => {
    expect(reactionSendSchema.safeParse({ reaction }).success).toBe(false);
  });

  it('does not let the sender choose who reacted', () => {
    expect(
      reactionSendSchema.parse({ reaction: 'heart', memberId: MEMBER_ID, from: 'someone' }),
    ).toEqual({ reaction: 'heart' });
  });
});

describe('signalPayloadSchema', () => {
  it.each([
    ['an offer', { type: 'offer', sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' }],
    ['an answer', { type: 'answer', sdp: 'v=0\r\n' }],
    [
      'a full candidate',
      {
        type: 'candidate',
        candidate: {
          candidate: 'candidate:1 1 udp 2122260223 192.0.2.1 54400 typ host',
          sdpMid: '0',
          sdpMLineIndex: 0,
          usernameFragment: 'abcd',
        },
      },
    ],
    [
      'a candidate with nulls',
      { type: 'candidate', candidate: { candidate: '', sdpMid: null, sdpMLineIndex: null } },
    ],
    ['a candidate with only the line', { type: 'candidate', candidate: { candidate: 'c' } }],
    ['a renegotiation hint', { type: 'renegotiate' }],
    ['a transceiver request', { type: 'transceiverRequest', kind: 'audio' }],
  ])('accepts %s unchanged', (_label, signal) => {
    const result = signalPayloadSchema.safeParse(signal);
    expect(result.success).toBe(true);
    expect(result.data).toEqual(signal);
  });

  it('accepts SDP up to the limit and rejects one character more', () => {
    for (const type of ['offer', 'answer']) {
      const atLimit = { type, sdp: 'x'.repeat(Limits.sdpMaxChars) };
      const over = { type, sdp: 'x'.repeat(Limits.sdpMaxChars + 1) };
      expect(signalPayloadSchema.safeParse(atLimit).success).toBe(true);
      expect(signalPayloadSchema.safeParse(over).success).toBe(false);
    }
  });

  it.each([
    ['an unknown type', { type: 'bye' }],
    ['a missing type', { sdp: 'v=0' }],
    ['a type in another case', { type: 'Offer', sdp: 'v=0' }],
    ['an offer without SDP', { type: 'offer' }],
    ['an offer with numeric SDP', { type: 'offer', sdp: 0 }],
    ['a candidate without a candidate object', { type: 'candidate' }],
    ['a candidate given as a string', { type: 'candidate', candidate: 'candidate:1' }],
    [
      'an oversized candidate line',
      { type: 'candidate', candidate: { candidate: 'c'.repeat(Limits.candidateMaxChars + 1) } },
    ],
    [
      'an sdpMLineIndex above 255',
      { type: 'candidate', candidate: { candidate: 'c', sdpMLineIndex: 256 } },
    ],
    [
      'a negative sdpMLineIndex',
      { type: 'candidate', candidate: { candidate: 'c', sdpMLineIndex: -1 } },
    ],
    [
      'an oversized sdpMid',
      { type: 'candidate', candidate: { candidate: 'c', sdpMid: 'm'.repeat(65) } },
    ],
    ['a transceiver request for data', { type: 'transceiverRequest', kind: 'data' }],
    ['null', null],
    ['a string', 'offer'],
  ])('rejects %s', (_label, signal) => {
    expect(signalPayloadSchema.safeParse(signal).success).toBe(false);
  });

  it('strips keys that belong to another variant or to nobody', () => {
    const result = signalPayloadSchema.safeParse({
      type: 'offer',
      sdp: 'v=0',
      candidate: { candidate: 'c' },
      from: 'spoofed',
    });
    expect(result.data).toEqual({ type: 'offer', sdp: 'v=0' });

    const candidate = signalPayloadSchema.safeParse({
      type: 'candidate',
      candidate: { candidate: 'c', extra: 1, __proto__: { polluted: true } },
    });
    expect(candidate.data).toEqual({ type: 'candidate', candidate: { candidate: 'c' } });
  });
});

describe('signalRelaySchema', () => {
  it('requires a well-formed recipient id and a valid signal', () => {
    const signal = { type: 'renegotiate' };
    expect(signalRelaySchema.safeParse({ to: MEMBER_ID, signal }).success).toBe(true);
    expect(signalRelaySchema.safeParse({ to: 'short', signal }).success).toBe(false);
    expect(signalRelaySchema.safeParse({ to: MEMBER_ID }).success).toBe(false);
    expect(signalRelaySchema.safeParse({ to: MEMBER_ID, signal: { type: 'x' } }).success).toBe(
      false,
    );
  });

  it('does not let the sender choose the "from" field', () => {
    const result = signalRelaySchema.safeParse({
      to: MEMBER_ID,
      from: 'someone-else',
      signal: { type: 'renegotiate' },
    });
    expect(result.data).toEqual({ to: MEMBER_ID, signal: { type: 'renegotiate' } });
  });
});
