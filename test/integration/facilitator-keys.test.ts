import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseFacilitatorKey } from '../../signaling-server/facilitators/facilitator-key';
import {
  createCircle,
  expectError,
  expectOk,
  join,
  request,
  TEST_RULES,
  useServers,
} from '../support/server-harness';
import { issueKey, mistyped, operator } from '../support/operator';

/** The id and secret of a printed key; the test fails if it is not one. */
function partsOf(key: string): { id: string; secret: string } {
  const parts = parseFacilitatorKey(key);
  if (parts === null) throw new Error(`not a facilitator key: ${key}`);
  return parts;
}

const start = useServers();
const keysMode = { facilitatorAccess: 'keys' } as const;

function createPayload(facilitatorKey?: string) {
  return {
    title: '火曜の会',
    rules: TEST_RULES,
    capacity: 4,
    name: 'さとう',
    ...(facilitatorKey === undefined ? {} : { facilitatorKey }),
  };
}

describe('facilitator keys', () => {
  test('in keys mode a start without a key is refused, and nothing is created', async () => {
    const h = await start(keysMode);
    const guest = await h.connect();
    expect(expectOk(await request(guest, 'server:features', {}))).toEqual({
      privateVoice: false,
      facilitatorAccess: 'keys',
      timeZone: 'Asia/Tokyo',
      balanceMinutes: 120,
    });
    expectError(await request(guest, 'circle:create', createPayload()), 'facilitator_key_required');
    expectError(
      await request(guest, 'circle:create', createPayload('  ')),
      'facilitator_key_required',
    );
    expect(await h.server.store.count()).toBe(0);
    // Still a guest: the refusal seated nobody.
    expectError(await request(guest, 'circle:sync', {}), 'not_in_circle');
  });

  test('a key the operator issued starts circles and names its holder; typed loosely, it still works', async () => {
    const h = await start(keysMode);
    const key = await issueKey(h.server.state.facilitatorKeys, '佐藤（火曜の会）');
    const guest = await h.connect();
    expect(expectOk(await request(guest, 'facilitator:check', { key }))).toEqual({
      label: '佐藤（火曜の会）',
    });

    const facilitator = await createCircle(h, { facilitatorKey: key });
    expect(facilitator.entered.circle.members).toEqual([
      expect.objectContaining({ id: facilitator.memberId, role: 'facilitator' }),
    ]);
    // A pasted key with a line break in it, in capitals, on the other node when there are two.
    const loose = `${key.slice(0, 20)}\n${key.slice(20)}`.toUpperCase();
    await createCircle(h, { facilitatorKey: loose, title: '二つ目の会' });
    expect(await h.server.store.count()).toBe(2);

    // Co-facilitators are promoted inside the circle and need no key of their own.
    const member = await join(h, facilitator, 'すずき');
    expectOk(
      await request(facilitator.socket, 'role:set', {
        memberId: member.memberId,
        role: 'cofacilitator',
      }),
    );
  });

  test('a revoked key starts nothing new, and circles it opened go on', async () => {
    const h = await start(keysMode);
    const key = await issueKey(h.server.state.facilitatorKeys, 'Sato');
    const facilitator = await createCircle(h, { facilitatorKey: key });
    await operator(h.server.state.facilitatorKeys, 'revoke', partsOf(key).id);

    const guest = await h.connect();
    expectError(
      await request(guest, 'circle:create', createPayload(key)),
      'facilitator_key_invalid',
    );
    expectError(await request(guest, 'facilitator:check', { key }), 'facilitator_key_invalid');
    expect(await h.server.store.count()).toBe(1);
    expectOk(await request(facilitator.socket, 'circle:lock', { locked: true }));
  });

  test('wrong keys are counted per address; once out of guesses even the right key is refused', async () => {
    const h = await start({ ...keysMode, codeAttempts: { attempts: 3, windowS: 60 } });
    const key = await issueKey(h.server.state.facilitatorKeys, 'Sato');
    const { id } = partsOf(key);
    const guesser = await h.connect();
    const guesses = [
      `engawa-${id}-${'a'.repeat(32)}`, // the right id, a wrong secret
      'engawa-aaaaaaaa-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', // an id never issued
      'password', // not even the shape of a key
    ];
    for (const guess of guesses) {
      expectError(
        await request(guesser, 'facilitator:check', { key: guess }),
        'facilitator_key_invalid',
      );
    }
    const lockedOut = await request(guesser, 'circle:create', createPayload(key));
    expectError(lockedOut, 'too_many_attempts');
    expect(lockedOut.ok ? 0 : lockedOut.error.retryAfterS).toBeGreaterThan(0);
    // A new connection from the same address is still out of guesses.
    const again = await h.connect();
    expectError(await request(again, 'facilitator:check', { key }), 'too_many_attempts');
    expect(await h.server.store.count()).toBe(0);
  });

  test('in open mode no key is needed, and one sent along is not even read', async () => {
    const h = await start({ facilitatorAccess: 'open' });
    const guest = await h.connect();
    expect(expectOk(await request(guest, 'server:features', {})).facilitatorAccess).toBe('open');
    expectOk(await request(guest, 'circle:create', createPayload('engawa-not-a-real-key')));
  });

  test('keys and revocations survive a restart of every node', async () => {
    const dataDir = path.join(tmpdir(), `engawa-keys-restart-${process.pid}`);
    const place = { ...keysMode, dataDir, redisPrefix: `keys-restart-${process.pid}:` };
    try {
      const first = await start(place);
      const kept = await issueKey(first.server.state.facilitatorKeys, 'Kept');
      const revoked = await issueKey(first.server.state.facilitatorKeys, 'Revoked');
      await operator(first.server.state.facilitatorKeys, 'revoke', revoked);
      await first.close();

      const second = await start(place);
      await createCircle(second, { facilitatorKey: kept });
      const guest = await second.connect();
      expectError(
        await request(guest, 'circle:create', createPayload(revoked)),
        'facilitator_key_invalid',
      );
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('the key itself is never logged; the refusal is, without it', async () => {
    const logs: string[] = [];
    const h = await start(keysMode, { logs });
    const key = await issueKey(h.server.state.facilitatorKeys, 'Sato');
    await createCircle(h, { facilitatorKey: key });
    const guest = await h.connect();
    await request(guest, 'facilitator:check', {
      key: mistyped(key),
    });
    const all = logs.join('\n');
    expect(all).toContain('facilitator.key_refused');
    expect(all).toContain(`"facilitatorKey":"${partsOf(key).id}"`);
    expect(all).not.toContain(partsOf(key).secret);
  });
});
