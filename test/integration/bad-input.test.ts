import { AvatarColors } from '../../shared/circle/presence';
import type { ErrorCode } from '../../shared/protocol/errors';
import { clientEventNames, type ClientEventName } from '../../shared/protocol/client-events';
import { Limits } from '../../shared/protocol/limits';
import type { SignalPayload } from '../../shared/protocol/schemas';
import {
  createCircle,
  expectError,
  expectOk,
  expectServerHealthy,
  join,
  knock,
  knockPayload,
  rawEmit,
  rawRequest,
  recordEvents,
  request,
  useServers,
  waitForEvent,
  type Facilitator,
  type Harness,
  type ClientPayload,
  type Knocker,
} from '../support/server-harness';
import { memberSeen } from '../support/member-watch';
import { admitOnly, facilitatorSeat } from '../support/seats';

const start = useServers();

const events = clientEventNames;
const fieldless = new Set<ClientEventName>([
  'knock:cancel',
  'circle:sync',
  'waiting:sync',
  'circle:leave',
  'server:features',
  'voice:config',
  'piece:pass',
  'piece:take',
  'piece:accept',
  'piece:decline',
  'round:end',
  'hand:lowerAll',
  'chat:clear',
  'help:alert',
]);
const offer: SignalPayload = { type: 'offer', sdp: 'v=0\r\n' };
/** Well-formed but belonging to nobody. */
const unknownId = 'nobody_here_00';
const unknownToken = 'a'.repeat(32);
/** One unit past what the `name` schema lets through (twice the pseudonym's unit limit). */
const nameOverWire = 'な'.repeat(Limits.nameMaxCodeUnits * 2 + 1);
/** One unit past the wire cap of a free text field of `chars` characters. */
const overWire = (chars: number) => 'あ'.repeat(chars * 4 + 1);

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

/** A valid `circle:create` payload with some fields changed (`undefined` leaves one out). */
const create = (change: Record<string, unknown> = {}) => ({
  title: '会',
  rules: ['やさしく'],
  capacity: 4,
  name: 'なまえ',
  ...change,
});

/** A wrong key of the right shape: every gathering event checks the key before anything else. */
const GUESSED_KEY = `engawa-aaaaaaaa-${'a'.repeat(32)}`;

/** A valid `gathering:schedule` payload with some fields changed. */
const gathering = (change: Record<string, unknown> = {}) => ({
  facilitatorKey: GUESSED_KEY,
  kind: 'support',
  title: '会',
  language: 'ja',
  date: '2099-01-01',
  time: '19:00',
  durationMin: 60,
  weeks: 1,
  seats: 6,
  rules: ['やさしく'],
  listed: true,
  ...change,
});

/** A valid `circle:knock` payload for the scene's circle with some fields changed. */
const knockWith = (s: Scene, change: Record<string, unknown> = {}) => ({
  ...knockPayload(s.facilitator.code, 'なまえ'),
  ...change,
});

/** Values that are not booleans, for every boolean field. */
const notBooleans = ['true', 1, 0, null, [true], { valueOf: true }];

/**
 * Payloads with a field of the wrong type, per event. Events whose payload has no fields have
 * nothing to get wrong. Each payload is otherwise valid, so `invalid_payload` is about that one
 * field.
 */
const wrongTypes = (s: Scene): Record<ClientEventName, unknown[]> => ({
  'circle:create': [
    create({ title: 7 }),
    create({ title: null }),
    create({ capacity: '4' }),
    create({ capacity: true }),
    create({ capacity: [4] }),
    create({ name: ['なまえ'] }),
    create({ name: { toString: 'なまえ' } }),
    create({ name: Buffer.from('なまえ') }),
    create({ name: nested(2_000) }),
    create({ name: undefined }),
    create({ title: undefined }),
    create({ privateVoice: 'true' }),
    create({ privateVoice: 1 }),
    create({ privateVoice: null }),
    create({ privateVoice: [true] }),
    create({ color: -1 }),
    create({ color: AvatarColors.length }),
    create({ color: 1.5 }),
    create({ color: '2' }),
    create({ color: null }),
    create({ color: '#e0a070' }),
    create({ topic: 5 }),
    create({ topic: null }),
    create({ topic: ['話'] }),
    create({ rules: undefined }),
    create({ rules: 'やさしく' }),
    create({ rules: [5] }),
    create({ rules: [['やさしく']] }),
    create({ rules: { 0: 'やさしく' } }),
    create({ shareTimeS: 29 }),
    create({ shareTimeS: 1_201 }),
    create({ shareTimeS: 90.5 }),
    create({ shareTimeS: '180' }),
    create({ shareTimeS: null }),
    create({ pieceMode: 'loose' }),
    create({ pieceMode: 'Gentle' }),
    create({ pieceMode: 1 }),
  ],
  'circle:preview': [{ code: 1234 }, { code: null }, { code: [s.facilitator.code] }, {}],
  'circle:knock': [
    knockWith(s, { code: 1234 }),
    knockWith(s, { code: [s.facilitator.code] }),
    knockWith(s, { name: 5 }),
    knockWith(s, { name: null }),
    knockWith(s, { name: undefined }),
    knockWith(s, { code: undefined }),
    knockWith(s, { color: 99 }),
    knockWith(s, { color: [1] }),
    knockWith(s, { color: true }),
    knockWith(s, { device: undefined }),
    knockWith(s, { device: 'short' }),
    knockWith(s, { device: 'has spaces in it, sixteen+' }),
    knockWith(s, { device: 'a'.repeat(16).replace('a', '/') }),
    knockWith(s, { device: 1234567890123456 }),
    knockWith(s, { device: ['a'.repeat(20)] }),
  ],
  'knock:cancel': [],
  'knock:resume': [
    { code: s.facilitator.code, waitingId: s.waiting.waitingId, waitingToken: 12345 },
    { code: s.facilitator.code, waitingId: 7, waitingToken: s.waiting.waitingToken },
    { code: s.facilitator.code, waitingId: s.waiting.waitingId, waitingToken: 'not a token!' },
    { code: s.facilitator.code, waitingId: s.waiting.waitingId },
    { waitingId: s.waiting.waitingId, waitingToken: s.waiting.waitingToken },
  ],
  'circle:resume': [
    { code: s.facilitator.code, resumeToken: 12345 },
    { code: s.facilitator.code, resumeToken: [s.facilitator.resumeToken] },
    { code: 5, resumeToken: s.facilitator.resumeToken },
    { code: s.facilitator.code, resumeToken: 'not a token!' },
    { code: s.facilitator.code },
    { resumeToken: s.facilitator.resumeToken },
  ],
  'circle:sync': [],
  'waiting:sync': [],
  'circle:leave': [],
  'circle:end': [{ message: 5 }, { message: null }, { message: ['さようなら'] }],
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
    { waitingId: s.waiting.waitingId, message: 5 },
    { waitingId: s.waiting.waitingId, message: null },
  ],
  'circle:lock': [...notBooleans.map((locked) => ({ locked })), {}],
  'circle:pause': [...notBooleans.map((paused) => ({ paused })), { pause: true }],
  'role:set': [
    { memberId: s.facilitator.memberId, role: 'facilitator' },
    { memberId: s.facilitator.memberId, role: 'admin' },
    { memberId: s.facilitator.memberId, role: 'Cofacilitator' },
    { memberId: s.facilitator.memberId, role: null },
    { memberId: s.facilitator.memberId },
    { memberId: 'short', role: 'participant' },
    { role: 'cofacilitator' },
  ],
  'piece:pass': [],
  'piece:give': [{ memberId: 5 }, { memberId: 'no spaces!' }, { memberId: null }, {}],
  'piece:take': [],
  'piece:accept': [],
  'piece:decline': [],
  'round:start': [
    { kind: 'checkin' },
    { kind: 'checkmiddle', fromMemberId: s.facilitator.memberId },
    { kind: null, fromMemberId: s.facilitator.memberId },
    { kind: 'checkout', fromMemberId: 7 },
    { fromMemberId: s.facilitator.memberId },
  ],
  'round:end': [],
  'hand:lower': [{ memberId: true }, { memberId: [s.facilitator.memberId] }, {}],
  'hand:lowerAll': [],
  'member:mute': [
    { memberId: s.facilitator.memberId },
    { memberId: s.facilitator.memberId, muted: 'yes' },
    { memberId: s.facilitator.memberId, muted: null },
    { muted: true },
    { memberId: 'short', muted: true },
  ],
  'member:remove': [{ memberId: 12345678 }, { memberId: { id: s.facilitator.memberId } }, {}],
  'bar:lift': [{ barId: 5 }, { barId: 'short' }, { barId: null }, {}],
  'message:private': [
    { to: s.facilitator.memberId },
    { to: s.facilitator.memberId, text: 5 },
    { to: s.facilitator.memberId, text: null },
    { to: s.facilitator.memberId, text: ['こんにちは'] },
    { to: 'short', text: 'こんにちは' },
    { text: 'こんにちは' },
  ],
  'member:block': [{ memberId: false }, { memberId: 'x' }, {}],
  'member:unblock': [{ memberId: 7 }, { memberId: 'x' }, {}],
  'report:send': [
    { reasons: [] },
    { reasons: 'unkind' },
    { reasons: ['rude'] },
    { reasons: ['Unkind'] },
    { reasons: ['unkind', 'unsafe', 'off_topic', 'privacy', 'other', 'unkind'] },
    { reasons: [null] },
    {},
    { reasons: ['unkind'], memberId: 5 },
    { reasons: ['unkind'], memberId: 'short' },
    { reasons: ['unkind'], text: 5 },
    { reasons: ['unkind'], text: null },
  ],
  'chat:send': [
    { text: 5 },
    { text: null },
    { text: ['やあ'] },
    { text: { toString: 'やあ' } },
    {},
  ],
  'chat:clear': [],
  'announce:send': [{ text: 5 }, { text: null }, { text: ['hi'] }, {}],
  'help:alert': [],
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
  'facilitator:check': [{ key: 7 }, { key: null }, { key: ['engawa-'] }, {}],
  'entrance:list': [],
  'gathering:get': [{ id: 7 }, { id: null }, {}],
  'gathering:schedule': [
    gathering({ kind: 'party' }),
    gathering({ language: 'fr' }),
    gathering({ weeks: '2' }),
    gathering({ weeks: 1.5 }),
    gathering({ durationMin: -60 }),
    gathering({ seats: 49 }),
    gathering({ listed: 'yes' }),
    gathering({ date: 20990101 }),
    gathering({ facilitatorKey: undefined }),
  ],
  'gathering:edit': [gathering({ id: 7 }), gathering({ id: 'x', time: 1900 })],
  'gathering:cancel': [{ facilitatorKey: GUESSED_KEY }, { facilitatorKey: GUESSED_KEY, id: [] }],
  'gathering:mine': [{}, { facilitatorKey: 1 }],
  'gathering:invite': [{ facilitatorKey: GUESSED_KEY, id: 7 }, { id: 'x' }],
  'gathering:accept': [
    { id: 'x', token: 7, name: 'な', device: 'd'.repeat(24) },
    { id: 'x', token: 't', name: 'な' },
    { id: 'x', token: 't', name: 'な', device: 'd'.repeat(24), color: 'blue' },
  ],
  'gathering:open': [
    { facilitatorKey: GUESSED_KEY, id: 'x', name: 7 },
    { facilitatorKey: GUESSED_KEY, id: 'x', name: 'な', color: 'red' },
  ],
  'voice:config': [],
  'voice:mute': [...notBooleans.map((muted) => ({ muted })), {}],
  'hand:set': [
    { raised: 'true' },
    { raised: 1 },
    { raised: null },
    { raised: [true] },
    { up: true },
    {},
  ],
  'away:set': [{ away: 'yes' }, { away: 0 }, { away: null }, { away: { away: true } }, {}],
  'member:takingPart': [
    { takingPart: 'shout' },
    { takingPart: 'Speak' },
    { takingPart: 3 },
    { takingPart: null },
    { takingPart: ['listen'] },
    {},
  ],
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
  'table:sit': [
    { table: '1' },
    { table: -1 },
    { table: 1.5 },
    { table: 6 },
    { table: 'Quiet' },
    { table: null },
    { table: 1, cushion: 8 },
    { table: 1, cushion: '0' },
    {},
  ],
  'table:leave': [],
  'table:set': [
    { table: 0, open: 'no' },
    { table: 0, theme: 'loud' },
    { table: 'quiet', open: false },
    { table: 99, theme: 'quiet' },
    { open: false },
  ],
  'voice:speaking': [{ speaking: 'yes' }, { speaking: 1 }, { speaking: null }, {}],
  'activity:start': [{ language: 'fr' }, { language: 'JA' }, { language: 1 }, {}],
  'activity:join': [],
  'activity:leave': [],
  'activity:word': [{ word: 3 }, { word: null }, { word: ['りんご'] }, {}],
  'activity:pass': [],
  'activity:end': [],
});

/** Payloads with one string (or list) past its limit, everything else valid, per event. */
const oversized = (s: Scene): Record<ClientEventName, unknown[]> => ({
  'circle:create': [
    create({ title: '会'.repeat(321) }),
    create({ name: nameOverWire }),
    create({ topic: overWire(Limits.topicMaxChars) }),
    create({ rules: [overWire(Limits.ruleMaxChars)] }),
  ],
  'circle:preview': [{ code: 'A'.repeat(33) }],
  'circle:knock': [
    knockWith(s, { code: 'A'.repeat(33) }),
    knockWith(s, { name: nameOverWire }),
    knockWith(s, { device: 'a'.repeat(65) }),
  ],
  'knock:cancel': [],
  'knock:resume': [
    { code: 'A'.repeat(33), waitingId: s.waiting.waitingId, waitingToken: s.waiting.waitingToken },
    { code: s.facilitator.code, waitingId: s.waiting.waitingId, waitingToken: 'a'.repeat(65) },
  ],
  'circle:resume': [
    { code: 'A'.repeat(33), resumeToken: s.facilitator.resumeToken },
    { code: s.facilitator.code, resumeToken: 'a'.repeat(65) },
  ],
  'circle:sync': [],
  'waiting:sync': [],
  'circle:leave': [],
  'circle:end': [{ message: overWire(Limits.closingMessageMaxChars) }],
  'waiting:admit': [{ waitingId: 'a'.repeat(33) }],
  'waiting:decline': [
    { waitingId: 'a'.repeat(33) },
    { waitingId: s.waiting.waitingId, message: overWire(Limits.declineMessageMaxChars) },
  ],
  'circle:lock': [],
  'circle:pause': [],
  'role:set': [{ memberId: 'a'.repeat(33), role: 'participant' }],
  'piece:pass': [],
  'piece:give': [{ memberId: 'a'.repeat(33) }],
  'piece:take': [],
  'piece:accept': [],
  'piece:decline': [],
  'round:start': [{ kind: 'checkin', fromMemberId: 'a'.repeat(33) }],
  'round:end': [],
  'hand:lower': [{ memberId: 'a'.repeat(33) }],
  'hand:lowerAll': [],
  'member:mute': [{ memberId: 'a'.repeat(33), muted: true }],
  'member:remove': [{ memberId: 'a'.repeat(33) }],
  'bar:lift': [{ barId: 'a'.repeat(33) }],
  'message:private': [
    { to: s.facilitator.memberId, text: overWire(Limits.privateMessageMaxChars) },
  ],
  'member:block': [{ memberId: 'a'.repeat(33) }],
  'member:unblock': [{ memberId: 'a'.repeat(33) }],
  'report:send': [{ reasons: ['other'], text: overWire(Limits.reportTextMaxChars) }],
  'chat:send': [{ text: overWire(Limits.chatMaxChars) }],
  'chat:clear': [],
  'announce:send': [{ text: overWire(Limits.announcementMaxChars) }],
  'help:alert': [],
  'signal:relay': [
    { to: 'a'.repeat(33), signal: offer },
    { to: s.facilitator.memberId, signal: { type: 'answer', sdp: 'v'.repeat(12_001) } },
  ],
  // No strings to overflow; their whole frames are capped like every other event's.
  'server:features': [],
  'facilitator:check': [{ key: overWire(Limits.facilitatorKeyMaxChars / 4) }],
  'entrance:list': [],
  'gathering:get': [{ id: 'a'.repeat(33) }],
  'gathering:schedule': [
    gathering({ title: overWire(Limits.titleMaxChars) }),
    gathering({ topic: overWire(Limits.topicMaxChars) }),
    gathering({ date: '2099-01-011' }),
    gathering({ time: '19:000' }),
  ],
  'gathering:edit': [gathering({ id: 'a'.repeat(33) })],
  'gathering:cancel': [{ facilitatorKey: overWire(Limits.facilitatorKeyMaxChars / 4), id: 'x' }],
  'gathering:mine': [{ facilitatorKey: overWire(Limits.facilitatorKeyMaxChars / 4) }],
  'gathering:invite': [{ facilitatorKey: GUESSED_KEY, id: 'a'.repeat(33) }],
  'gathering:accept': [{ id: 'x', token: 't'.repeat(65), name: 'な', device: 'd'.repeat(24) }],
  'gathering:open': [{ facilitatorKey: GUESSED_KEY, id: 'x', name: nameOverWire }],
  'voice:config': [],
  'voice:mute': [],
  'hand:set': [],
  'away:set': [],
  'member:takingPart': [{ takingPart: 'listen'.repeat(10_000) }],
  'reaction:send': [{ reaction: 'nod'.repeat(10_000) }],
  'table:sit': [{ table: 'quiet'.repeat(10_000) }],
  'table:leave': [],
  'table:set': [{ table: 0, theme: 'quiet'.repeat(10_000) }],
  'voice:speaking': [],
  'activity:start': [{ language: 'ja'.repeat(10_000) }],
  'activity:join': [],
  'activity:leave': [],
  'activity:word': [{ word: 'あ'.repeat(81) }],
  'activity:pass': [],
  'activity:end': [],
});

/** A valid payload per event, and what a guest (connected, in no circle) gets for it. */
const asGuest: Record<
  ClientEventName,
  { payload: (s: Scene) => Record<string, unknown>; result: 'ok' | ErrorCode }
> = {
  'circle:create': { payload: () => create(), result: 'ok' },
  'circle:preview': { payload: (s) => ({ code: s.facilitator.code }), result: 'ok' },
  'circle:knock': { payload: (s) => knockWith(s), result: 'ok' },
  'knock:cancel': { payload: () => ({}), result: 'not_waiting' },
  'knock:resume': {
    payload: (s) => ({
      code: s.facilitator.code,
      waitingId: s.waiting.waitingId,
      waitingToken: unknownToken,
    }),
    result: 'resume_refused',
  },
  'circle:resume': {
    payload: (s) => ({ code: s.facilitator.code, resumeToken: unknownToken }),
    result: 'resume_refused',
  },
  'circle:sync': { payload: () => ({}), result: 'not_in_circle' },
  'waiting:sync': { payload: () => ({}), result: 'not_in_circle' },
  'circle:leave': { payload: () => ({}), result: 'not_in_circle' },
  'circle:end': { payload: () => ({ message: 'ありがとう' }), result: 'not_in_circle' },
  'waiting:admit': {
    payload: (s) => ({ waitingId: s.waiting.waitingId }),
    result: 'not_in_circle',
  },
  'waiting:decline': {
    payload: (s) => ({ waitingId: s.waiting.waitingId, message: 'またね' }),
    result: 'not_in_circle',
  },
  'circle:lock': { payload: () => ({ locked: true }), result: 'not_in_circle' },
  'circle:pause': { payload: () => ({ paused: true }), result: 'not_in_circle' },
  'role:set': {
    payload: (s) => ({ memberId: s.facilitator.memberId, role: 'cofacilitator' }),
    result: 'not_in_circle',
  },
  'piece:pass': { payload: () => ({}), result: 'not_in_circle' },
  'piece:give': { payload: (s) => ({ memberId: s.facilitator.memberId }), result: 'not_in_circle' },
  'piece:take': { payload: () => ({}), result: 'not_in_circle' },
  'piece:accept': { payload: () => ({}), result: 'not_in_circle' },
  'piece:decline': { payload: () => ({}), result: 'not_in_circle' },
  'round:start': {
    payload: (s) => ({ kind: 'checkin', fromMemberId: s.facilitator.memberId }),
    result: 'not_in_circle',
  },
  'round:end': { payload: () => ({}), result: 'not_in_circle' },
  'hand:lower': { payload: (s) => ({ memberId: s.facilitator.memberId }), result: 'not_in_circle' },
  'hand:lowerAll': { payload: () => ({}), result: 'not_in_circle' },
  'member:mute': {
    payload: (s) => ({ memberId: s.facilitator.memberId, muted: true }),
    result: 'not_in_circle',
  },
  'member:remove': {
    payload: (s) => ({ memberId: s.facilitator.memberId }),
    result: 'not_in_circle',
  },
  'bar:lift': { payload: () => ({ barId: unknownId }), result: 'not_in_circle' },
  'message:private': {
    payload: (s) => ({ to: s.facilitator.memberId, text: 'こんにちは' }),
    result: 'not_in_circle',
  },
  'member:block': {
    payload: (s) => ({ memberId: s.facilitator.memberId }),
    result: 'not_in_circle',
  },
  'member:unblock': {
    payload: (s) => ({ memberId: s.facilitator.memberId }),
    result: 'not_in_circle',
  },
  'report:send': {
    payload: (s) => ({ memberId: s.facilitator.memberId, reasons: ['unkind'], text: 'いや' }),
    result: 'not_in_circle',
  },
  'chat:send': { payload: () => ({ text: 'こんばんは' }), result: 'not_in_circle' },
  'chat:clear': { payload: () => ({}), result: 'not_in_circle' },
  'announce:send': { payload: () => ({ text: 'Tea at the fire pit' }), result: 'not_in_circle' },
  'help:alert': { payload: () => ({}), result: 'not_in_circle' },
  'signal:relay': {
    payload: (s) => ({ to: s.facilitator.memberId, signal: offer }),
    result: 'not_in_circle',
  },
  'server:features': { payload: () => ({}), result: 'ok' },
  // A guess: a key of the right shape that this server never issued.
  'facilitator:check': { payload: () => ({ key: GUESSED_KEY }), result: 'facilitator_key_invalid' },
  'entrance:list': { payload: () => ({}), result: 'ok' },
  'gathering:get': { payload: () => ({ id: 'no-such-gathering' }), result: 'gathering_not_found' },
  'gathering:schedule': { payload: () => gathering(), result: 'facilitator_key_invalid' },
  'gathering:edit': {
    payload: () => gathering({ id: 'no-such-gathering' }),
    result: 'facilitator_key_invalid',
  },
  'gathering:cancel': {
    payload: () => ({ facilitatorKey: GUESSED_KEY, id: 'x' }),
    result: 'facilitator_key_invalid',
  },
  'gathering:mine': {
    payload: () => ({ facilitatorKey: GUESSED_KEY }),
    result: 'facilitator_key_invalid',
  },
  'gathering:invite': {
    payload: () => ({ facilitatorKey: GUESSED_KEY, id: 'x' }),
    result: 'facilitator_key_invalid',
  },
  'gathering:accept': {
    payload: () => ({ id: 'x', token: 'guess', name: 'なまえ', device: 'd'.repeat(24) }),
    result: 'invitation_invalid',
  },
  'gathering:open': {
    payload: () => ({ facilitatorKey: GUESSED_KEY, id: 'x', name: 'なまえ' }),
    result: 'facilitator_key_invalid',
  },
  'voice:config': { payload: () => ({}), result: 'not_in_circle' },
  'voice:mute': { payload: () => ({ muted: true }), result: 'not_in_circle' },
  'hand:set': { payload: () => ({ raised: true }), result: 'not_in_circle' },
  'away:set': { payload: () => ({ away: true }), result: 'not_in_circle' },
  'member:takingPart': { payload: () => ({ takingPart: 'listen' }), result: 'not_in_circle' },
  'reaction:send': { payload: () => ({ reaction: 'heart' }), result: 'not_in_circle' },
  'table:sit': { payload: () => ({ table: 'quiet' }), result: 'not_in_circle' },
  'table:leave': { payload: () => ({}), result: 'not_in_circle' },
  'table:set': { payload: () => ({ table: 0, open: false }), result: 'not_in_circle' },
  'voice:speaking': { payload: () => ({ speaking: true }), result: 'not_in_circle' },
  'activity:start': { payload: () => ({ language: 'ja' }), result: 'not_in_circle' },
  'activity:join': { payload: () => ({}), result: 'not_in_circle' },
  'activity:leave': { payload: () => ({}), result: 'not_in_circle' },
  'activity:word': { payload: () => ({ word: 'りんご' }), result: 'not_in_circle' },
  'activity:pass': { payload: () => ({}), result: 'not_in_circle' },
  'activity:end': { payload: () => ({}), result: 'not_in_circle' },
};

/**
 * Keys a client might add hoping the server trusts them. Where an event has a field of the same
 * name (`role` in `role:set`), the event's own value is kept.
 */
const unknownKeys = {
  role: 'facilitator',
  senderId: unknownId,
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
      { ...unknownKeys, ...payload(s) },
      withPollution(payload(s)),
      withPollution({ ...unknownKeys, ...payload(s) }),
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
    ['unknown keys', (payload) => ({ ...unknownKeys, ...payload })],
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
        topic: 'はなし',
        rules: ['やさしく'],
        shareTimeS: 60,
        pieceMode: 'strict',
        capacity: 4,
        name: 'ひろし',
        color: 4,
      }),
    ) as Facilitator['entered'];
    const code = created.circle.code;
    expect(created.circle.privateVoice).toBe(false);
    expect(created.circle.members).toEqual([facilitatorSeat(created.self.memberId, 4)]);
    expect(created.circle).toMatchObject({
      topic: 'はなし',
      rules: ['やさしく'],
      shareTimeS: 60,
      pieceMode: 'strict',
      hands: [],
    });
    expect(expectOk(await send(facilitatorSocket, 'circle:preview', { code }))).toEqual({
      title: '会',
      topic: 'はなし',
      rules: ['やさしく'],
      locked: false,
    });
    expect(expectOk(await send(facilitatorSocket, 'server:features', {}))).toEqual({
      privateVoice: false,
      facilitatorAccess: 'open',
      timeZone: 'Asia/Tokyo',
      balanceMinutes: 120,
    });

    // knock, admit, resume
    const participantSocket = await h.connect();
    const listed = waitForEvent(facilitatorSocket, 'waiting:state', (l) => l.length === 1);
    const { waitingId } = expectOk(
      await send(participantSocket, 'circle:knock', knockPayload(code, 'さくら🌸', { color: 0 })),
    ) as { waitingId: string };
    expect(await listed).toEqual([
      {
        id: waitingId,
        name: 'さくら🌸',
        since: expect.any(Number) as unknown,
        connected: true,
        takingPart: 'speak',
      },
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
    const mutedSeen = memberSeen({ socket: facilitatorSocket }, memberId, (m) => m.muted);
    expectOk(await send(participantSocket, 'voice:mute', { muted: true }));
    await mutedSeen;

    // presence: a raised hand, stepping out, and a reaction carrying only validated keys
    const handSeen = waitForEvent(facilitatorSocket, 'circle:state', (st) =>
      st.hands.includes(memberId),
    );
    expectOk(await send(participantSocket, 'hand:set', { raised: true }));
    await handSeen;
    const awaySeen = memberSeen({ socket: facilitatorSocket }, memberId, (m) => m.away);
    expectOk(await send(participantSocket, 'away:set', { away: true }));
    await awaySeen;
    const shown = waitForEvent(facilitatorSocket, 'reaction:shown');
    expectOk(await send(participantSocket, 'reaction:send', { reaction: 'thanks' }));
    const reaction = await shown;
    expect(reaction).toEqual({ memberId, reaction: 'thanks' });
    expect(Object.keys(reaction).sort()).toEqual(['memberId', 'reaction']);
    expectOk(await send(participantSocket, 'away:set', { away: false }));

    // the talking piece, roles, the door, pausing and muting
    const facilitatorId = created.self.memberId;
    const pieceSeen = waitForEvent(
      participantSocket,
      'circle:state',
      (st) => st.piece.holder === facilitatorId,
    );
    expectOk(await send(facilitatorSocket, 'piece:take', {}));
    await pieceSeen;
    expectOk(await send(facilitatorSocket, 'piece:give', { memberId }));
    expectOk(await send(participantSocket, 'piece:pass', {}));
    expectOk(
      await send(facilitatorSocket, 'round:start', { kind: 'checkin', fromMemberId: memberId }),
    );
    expectOk(await send(facilitatorSocket, 'round:end', {}));
    expectOk(await send(facilitatorSocket, 'role:set', { memberId, role: 'cofacilitator' }));
    expectOk(await send(facilitatorSocket, 'role:set', { memberId, role: 'participant' }));
    expectOk(await send(facilitatorSocket, 'circle:lock', { locked: true }));
    expectOk(await send(facilitatorSocket, 'circle:lock', { locked: false }));
    expectOk(await send(facilitatorSocket, 'circle:pause', { paused: true }));
    expectOk(await send(participantSocket, 'hand:set', { raised: true }));
    expectOk(await send(facilitatorSocket, 'hand:lower', { memberId }));
    expectOk(await send(participantSocket, 'hand:set', { raised: true }));
    expectOk(await send(facilitatorSocket, 'hand:lowerAll', {}));
    const settledSeen = memberSeen({ socket: facilitatorSocket }, memberId, (m) => m.forceMuted);
    expectOk(await send(facilitatorSocket, 'member:mute', { memberId, muted: true }));
    const settled = await settledSeen;
    expect(settled).toMatchObject({ paused: true, locked: false, hands: [] });
    expect(settled.members.find((m) => m.id === memberId)?.role).toBe('participant');

    // words: chat, a private message, a report and a help alert carry only validated keys
    const line = waitForEvent(facilitatorSocket, 'chat:message');
    expectOk(await send(participantSocket, 'chat:send', { text: 'こんばんは' }));
    expect(Object.keys(await line).sort()).toEqual(['at', 'from', 'id', 'name', 'text']);
    const note = waitForEvent(facilitatorSocket, 'message:private');
    expectOk(await send(participantSocket, 'message:private', { to: facilitatorId, text: 'ね' }));
    expect(Object.keys(await note).sort()).toEqual(['at', 'from', 'text', 'to']);
    const report = waitForEvent(facilitatorSocket, 'report:received');
    expect(
      expectOk(await send(participantSocket, 'report:send', { reasons: ['other'], text: 'x' })),
    ).toEqual({ delivered: 1 });
    expect(Object.keys(await report).sort()).toEqual(['at', 'from', 'id', 'reasons', 'text']);
    const alert = waitForEvent(facilitatorSocket, 'help:alerted');
    expect(expectOk(await send(participantSocket, 'help:alert', {}))).toEqual({ delivered: 1 });
    expect(await alert).toEqual({ memberId, at: expect.any(Number) as unknown });
    expectOk(await send(facilitatorSocket, 'chat:clear', {}));
    const announced = waitForEvent(participantSocket, 'announcement:shown');
    expectOk(await send(facilitatorSocket, 'announce:send', { text: 'お茶にしましょう' }));
    expect(Object.keys(await announced).sort()).toEqual(['at', 'from', 'name', 'text']);

    // decline (with a message) and cancel
    const declinedSocket = await h.connect();
    const second = expectOk(
      await send(declinedSocket, 'circle:knock', knockPayload(code, 'つぎ')),
    ) as { waitingId: string };
    const declined = waitForEvent(declinedSocket, 'knock:declined');
    expectOk(
      await send(facilitatorSocket, 'waiting:decline', {
        waitingId: second.waitingId,
        message: 'またこんど',
      }),
    );
    expect(await declined).toEqual({ message: 'またこんど' });
    expectOk(await send(declinedSocket, 'circle:knock', knockPayload(code, 'つぎ')));
    expectOk(await send(declinedSocket, 'knock:cancel', {}));

    // a block, then removal and lifting the bar
    expect(
      expectOk(await send(participantSocket, 'member:block', { memberId: facilitatorId })),
    ).toEqual({ blocked: [facilitatorId] });
    expect(
      expectOk(await send(participantSocket, 'member:unblock', { memberId: facilitatorId })),
    ).toEqual({ blocked: [] });
    const barred = waitForEvent(facilitatorSocket, 'moderation:state', (m) => m.barred.length > 0);
    expectOk(await send(facilitatorSocket, 'member:remove', { memberId }));
    const [bar] = (await barred).barred;
    expectOk(await send(facilitatorSocket, 'bar:lift', { barId: bar?.id }));

    // end, with a closing word
    const ended = waitForEvent(facilitatorSocket, 'circle:ended');
    expectOk(await send(facilitatorSocket, 'circle:end', { message: 'おやすみ' }));
    expect(await ended).toEqual({ reason: 'ended_by_facilitator', message: 'おやすみ' });
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
    await admitOnly(facilitator, waiting);
    expect(waitingLog.map((e) => e.event)).toEqual(['knock:admitted']);
    await expectServerHealthy(h);
  });

  test('guests and waiting people get not_in_circle for member-only requests', async () => {
    const h = await start();
    const { facilitator, waiting } = await scene(h);
    const guest = await h.connect();
    const s = { facilitator, waiting };
    // Every event a guest is refused as not_in_circle is one only members may use.
    const memberOnly = events.filter((event) => asGuest[event].result === 'not_in_circle');
    expect(memberOnly).toHaveLength(46);
    for (const socket of [guest, waiting.socket]) {
      for (const event of memberOnly) {
        const ack = await rawRequest(socket, event, [asGuest[event].payload(s)]);
        expect({ event, ack }).toEqual({
          event,
          ack: { ok: false, error: { code: 'not_in_circle' } },
        });
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
    expectError(
      await request(guest, 'circle:create', create({ name }) as ClientPayload<'circle:create'>),
      code,
    );
    expectError(await request(guest, 'circle:knock', knockPayload(facilitator.code, name)), code);
    await expectServerHealthy(h);
  });

  test.each(goodNames)('accepts and normalises a name (%s)', async (_, name, shown) => {
    const h = await start();
    const facilitator = await createCircle(h, { name });
    expect(facilitator.entered.circle.members[0]?.name).toBe(shown);
    const knocker = await h.connect();
    const listed = waitForEvent(facilitator.socket, 'waiting:state', (l) => l.length === 1);
    expectOk(await request(knocker, 'circle:knock', knockPayload(facilitator.code, name)));
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
      const ack = await request(guest, 'circle:create', {
        title,
        rules: ['やさしく'],
        capacity: 4,
        name: 'ひろし',
      });
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
      const ack = await rawRequest(guest, 'circle:create', [create({ capacity, name: 'ひろし' })]);
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
      const ack = await request(guest, 'circle:knock', knockPayload(typed, 'なまえ'));
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
      const ack = await request(knocker, 'circle:knock', knockPayload(typed, 'なまえ'));
      expect({ typed, ok: ack.ok }).toEqual({ typed, ok: true });
    }
    await expectServerHealthy(h);
  });
});
