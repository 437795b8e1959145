import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CircleView } from '../../shared/circle/views';
import {
  closeClient,
  describeWithRedis,
  startRedis,
  type RunningRedis,
} from '../support/redis-server';
import { startNodeProcess, type NodeProcess } from '../support/node-process';
import { useRedis } from '../support/redis-suite';
import { resumeSeat } from '../support/seats';
import {
  admit,
  createCircle,
  expectError,
  expectOk,
  join,
  knock,
  knockResumePayload,
  request,
  startHarness,
  knockPayload,
  waitForEvent,
  type Facilitator,
  type Harness,
} from '../support/server-harness';

/** B takes A for dead after this long without a heartbeat (A beats every second). */
const NODE_TIMEOUT_MS = 2_500;
/** A member's seat hold on B, which holds the seats of A's people once A is gone. */
const HOLD_MS = 6_000;
/** Pushes cross nodes and this file shares the machine with others: wait longer than usual. */
const SLOW_MS = 10_000;

const memberIn = (state: CircleView, id: string) => state.members.find((m) => m.id === id);

function createOn(h: Harness, url: string): Promise<Facilitator> {
  return createCircle(h, { url });
}

describeWithRedis('a node that dies', (executablePath) => {
  const redis = useRedis(executablePath);
  const running: { harnesses: Harness[]; processes: NodeProcess[] } = {
    harnesses: [],
    processes: [],
  };

  afterEach(async () => {
    await Promise.all(running.processes.splice(0).map((p) => p.kill()));
    await Promise.all(running.harnesses.splice(0).map((h) => h.close()));
  });

  async function nodePair() {
    const prefix = redis.nextPrefix('failure');
    const a = await startNodeProcess({ REDIS_URL: redis.url, REDIS_PREFIX: prefix });
    running.processes.push(a);
    const b = await startHarness({
      redisUrl: redis.url,
      redisPrefix: prefix,
      nodeTimeoutMs: NODE_TIMEOUT_MS,
      memberGraceMs: HOLD_MS,
    });
    running.harnesses.push(b);
    return { a, b, prefix };
  }

  test('kill -9 mid-circle: its people resume on another node with seat, role and mute; one who never returns is freed at the hold’s end', async () => {
    const { a, b, prefix } = await nodePair();
    const facilitator = await createOn(b, a.url);
    const onA = async (name: string) =>
      admit(facilitator, await knock(b, facilitator, name, await b.connect({ url: a.url })));
    const returning = await onA('もどる');
    const leaving = await onA('もどらない');
    // Someone on B, who sees what happens to the others.
    const watcher = await admit(facilitator, await knock(b, facilitator, 'みてる'));
    // Each wait starts before its request: the push may come back before the answer.
    const promoted = waitForEvent(
      watcher.socket,
      'circle:state',
      (s) => memberIn(s, returning.memberId)?.role === 'cofacilitator',
      SLOW_MS,
    );
    expectOk(
      await request(facilitator.socket, 'role:set', {
        memberId: returning.memberId,
        role: 'cofacilitator',
      }),
    );
    const before = await promoted;
    const muted = waitForEvent(
      watcher.socket,
      'circle:state',
      (s) => memberIn(s, returning.memberId)?.forceMuted === true,
      SLOW_MS,
    );
    expectOk(
      await request(facilitator.socket, 'member:mute', {
        memberId: returning.memberId,
        muted: true,
      }),
    );
    await muted;

    // The one who never comes back: B notices A is gone, holds the seat, then frees it.
    const held = waitForEvent(
      watcher.socket,
      'circle:state',
      (s) => memberIn(s, leaving.memberId)?.connected === false,
      NODE_TIMEOUT_MS + SLOW_MS,
    );
    const freed = waitForEvent(
      watcher.socket,
      'circle:state',
      (s) => memberIn(s, leaving.memberId) === undefined,
      HOLD_MS + SLOW_MS,
    );
    const killedAt = Date.now();
    await a.kill();

    // Their pages reconnect through the one URL, which now reaches B.
    const { entered } = await resumeSeat(b, facilitator.code, returning);
    expect(entered.self.memberId).toBe(returning.memberId);
    expect(memberIn(entered.circle, returning.memberId)).toMatchObject({
      role: 'cofacilitator',
      forceMuted: true,
      seat: memberIn(before, returning.memberId)?.seat,
      connected: true,
    });
    await resumeSeat(b, facilitator.code, facilitator);

    await held;
    // Freed, while the one who came back keeps their seat.
    expect(memberIn(await freed, returning.memberId)).toMatchObject({
      role: 'cofacilitator',
      connected: true,
    });
    // The hold counts from when A was last heard from, not from when B noticed.
    expect(Date.now() - killedAt).toBeGreaterThanOrEqual(HOLD_MS - 1_500);

    // A is forgotten: nothing of it is left in Redis.
    const client = redis.client();
    expect(await client.zcard(`${prefix}nodes`)).toBe(1);
    expect(await client.keys(`${prefix}node:*`)).toHaveLength(1);
    await closeClient(client);
  });

  test('stop both nodes and start them again: circles, waiting lists, bars and the piece are as they were, and everyone resumes', async () => {
    const prefix = redis.nextPrefix('restart');
    const config = { redisUrl: redis.url, redisPrefix: prefix };
    const [one, two] = [await startHarness(config), await startHarness(config)];
    running.harnesses.push(one, two);
    const facilitator = await createOn(one, one.baseUrl);
    const holder = await join(two, facilitator, 'もつ');
    const other = await join(one, facilitator, 'きく');
    const unkind = await join(two, facilitator, 'いじわる');
    const settled = waitForEvent(
      other.socket,
      'circle:state',
      (s) => s.piece.holder === holder.memberId && !memberIn(s, unkind.memberId),
      SLOW_MS,
    );
    expectOk(await request(facilitator.socket, 'member:remove', { memberId: unkind.memberId }));
    expectOk(await request(facilitator.socket, 'piece:give', { memberId: holder.memberId }));
    const before = await settled;
    // Two people waiting at the door, one on each node.
    const first = await knock(one, facilitator, 'まつ');
    const second = await knock(two, facilitator, 'まだまつ', await two.connect());
    const queue = second.waitingList.map(({ id, name, since, takingPart }) => ({
      id,
      name,
      since,
      takingPart,
    }));
    expect(queue.map((w) => w.name)).toEqual(['まつ', 'まだまつ']);

    await one.close();
    await two.close();
    const [three, four] = [await startHarness(config), await startHarness(config)];
    running.harnesses.push(three, four);

    const { socket: hostSocket, entered: host } = await resumeSeat(
      three,
      facilitator.code,
      facilitator,
    );
    await resumeSeat(four, facilitator.code, holder);
    const { entered: last } = await resumeSeat(three, facilitator.code, other);
    expect(last.circle.members.map((m) => [m.id, m.seat, m.role, m.connected])).toEqual(
      before.members.map((m) => [m.id, m.seat, m.role, true]),
    );
    expect(last.circle.piece.holder).toBe(holder.memberId);
    expect(host.moderation?.barred.map((b) => b.name)).toEqual(['いじわる']);
    // The queue is as it was, held for the two whose connections the restart closed...
    expect(host.waiting?.waiting).toEqual(queue.map((w) => ({ ...w, connected: false })));
    // ...and each takes their place back from whichever node they reach, in the same order.
    const bothBack = waitForEvent(
      hostSocket,
      'waiting:state',
      (list) => list.length === 2 && list.every((w) => w.connected),
      SLOW_MS,
    );
    for (const [h, knocker] of [
      [four, first],
      [three, second],
    ] as const) {
      expectOk(
        await request(await h.connect(), 'knock:resume', knockResumePayload(facilitator, knocker)),
      );
    }
    expect(await bothBack).toEqual(queue.map((w) => ({ ...w, connected: true })));
    // The bar still keeps the removed device out, whichever node it knocks on.
    expectError(
      await request(
        await four.connect(),
        'circle:knock',
        knockPayload(facilitator.code, 'べつのなまえ', { device: unkind.device }),
      ),
      'barred',
    );
  });
});

describeWithRedis('Redis that restarts', (executablePath) => {
  let dir: string;
  const harnesses: Harness[] = [];
  let redis: RunningRedis | undefined;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'engawa-redis-'));
  });
  afterAll(async () => {
    await Promise.all(harnesses.map((h) => h.close()));
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('while it is away nodes answer 503 and refuse with a typed error; then they reconnect by themselves, and no circle is lost', async () => {
    redis = await startRedis(executablePath, { appendOnlyDir: dir });
    const port = Number(new URL(redis.url).port);
    const config = { redisUrl: redis.url, redisPrefix: 'restarting:' };
    const [a, b] = [await startHarness(config), await startHarness(config)];
    harnesses.push(a, b);
    const facilitator = await createOn(a, a.baseUrl);
    const member = await join(b, facilitator, 'まつ');

    await redis.stop();
    // While it is away: each node says so, a request is refused with a typed error, nothing
    // crashes.
    for (const h of [a, b]) {
      await waitUntil(async () => (await fetch(`${h.baseUrl}/healthz`)).status === 503);
      const health = (await (await fetch(`${h.baseUrl}/healthz`)).json()) as object;
      expect(health).toMatchObject({ status: 'unavailable', store: 'redis', circles: null });
    }
    expectError(await request(member.socket, 'hand:set', { raised: true }), 'store_unavailable');
    expectError(
      await request(await b.connect(), 'circle:create', {
        title: '新しい会',
        rules: ['やさしく'],
        capacity: 4,
        name: 'あらた',
      }),
      'store_unavailable',
    );
    redis = await startRedis(executablePath, { port, appendOnlyDir: dir });

    // Both nodes serve again once their connections come back, without being told.
    for (const h of [a, b]) {
      await waitUntil(async () => (await fetch(`${h.baseUrl}/healthz`)).status === 200);
    }
    const raised = waitForEvent(
      facilitator.socket,
      'circle:state',
      (s) => s.hands.includes(member.memberId),
      5_000,
    );
    await waitUntil(async () => (await request(member.socket, 'hand:set', { raised: true })).ok);
    await raised;
    const line = waitForEvent(facilitator.socket, 'chat:message', undefined, 5_000);
    expectOk(await request(member.socket, 'chat:send', { text: 'もどった' }));
    expect((await line).text).toBe('もどった');
  });
});

/** Polls (every 100 ms, for 10 s at most) until `check` holds. */
async function waitUntil(check: () => Promise<boolean>): Promise<void> {
  const giveUpAt = Date.now() + 10_000;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > giveUpAt) throw new Error('gave up waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
