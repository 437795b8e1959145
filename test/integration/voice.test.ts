import { createHmac } from 'node:crypto';
import type { SignalPayload } from '../../shared/protocol/schemas';
import type { VoiceConfig } from '../../shared/protocol/answers';
import {
  createCircle,
  expectError,
  expectOk,
  join,
  knock,
  recordEvents,
  request,
  useServers,
  waitForEvent,
  withTurn,
  type Received,
  type TestSocket,
  TEST_RULES,
} from '../support/server-harness';
import { dropAndSee, memberIs, memberSeen } from '../support/member-watch';
import { admitOnly, resumeSeat, seatCircle } from '../support/seats';

const start = useServers();

const SECRET = withTurn().turn?.secret ?? '';
const TURN_URLS = withTurn().turn?.urls ?? [];
const STUN = 'stun:stun.engawa.test:3478';

/** Candidate lines as Chromium writes them; the relay one as it does under a relay-only policy. */
const relayLine = 'candidate:3 1 udp 41885439 203.0.113.7 50123 typ relay raddr 0.0.0.0 rport 0';
const hostLine = 'candidate:1 1 udp 2122260223 192.168.1.20 54400 typ host generation 0';
const srflxLine =
  'candidate:2 1 udp 1686052607 198.51.100.4 61000 typ srflx raddr 192.168.1.20 rport 54400';

const candidate = (line: string): SignalPayload => ({
  type: 'candidate',
  candidate: { candidate: line, sdpMid: '0', sdpMLineIndex: 0 },
});

function sdp(...lines: string[]): string {
  return [
    'v=0',
    'o=- 4611731400430051336 2 IN IP4 127.0.0.1',
    's=-',
    't=0 0',
    'm=audio 9 UDP/TLS/RTP/SAVPF 111',
    'c=IN IP4 0.0.0.0',
    ...lines.map((line) => `a=${line}`),
    'a=rtpmap:111 opus/48000/2',
    '',
  ].join('\r\n');
}

function relays(log: Received[]): unknown[] {
  return log.filter((e) => e.event === 'signal:relay').map((e) => e.payload);
}

/** Checks a TURN entry the way coturn will: the username's expiry and the HMAC over it. */
function expectValidTurnCredentials(
  config: VoiceConfig,
  memberId: string,
  window: { fromS: number; toS: number },
): { username: string; credential: string } {
  const turn = config.iceServers.find((s) => s.urls.some((u) => u.startsWith('turn:')));
  if (!turn?.username || !turn.credential) throw new Error('no TURN credentials handed out');
  const [expiry, who, ...rest] = turn.username.split(':');
  expect(rest).toEqual([]);
  expect(who).toBe(memberId);
  const expiresAtS = Number(expiry);
  expect(expiresAtS).toBeGreaterThanOrEqual(window.fromS + config.ttlS);
  expect(expiresAtS).toBeLessThanOrEqual(window.toS + config.ttlS);
  expect(config.ttlS).toBeLessThanOrEqual(600);
  expect(turn.credential).toBe(createHmac('sha1', SECRET).update(turn.username).digest('base64'));
  return { username: turn.username, credential: turn.credential };
}

async function voiceConfigOf(socket: TestSocket): Promise<{
  config: VoiceConfig;
  window: { fromS: number; toS: number };
}> {
  const fromS = Math.floor(Date.now() / 1000);
  const config = expectOk(await request(socket, 'voice:config', {}));
  return { config, window: { fromS, toS: Math.floor(Date.now() / 1000) } };
}

describe('server:features', () => {
  test('says private voice is unavailable without TURN, to anyone who asks', async () => {
    const h = await start();
    const facilitator = await createCircle(h);
    const waiting = await knock(h, facilitator, 'まってる');
    const guest = await h.connect();
    for (const socket of [guest, waiting.socket, facilitator.socket]) {
      expect(await request(socket, 'server:features', {})).toEqual({
        ok: true,
        data: {
          privateVoice: false,
          facilitatorAccess: 'open',
          timeZone: 'Asia/Tokyo',
          balanceMinutes: 120,
        },
      });
    }
  });

  test('says private voice is available once TURN is configured, even to a guest', async () => {
    const h = await start({ voice: withTurn() });
    const guest = await h.connect();
    expect(expectOk(await request(guest, 'server:features', {}))).toEqual({
      privateVoice: true,
      facilitatorAccess: 'open',
      timeZone: 'Asia/Tokyo',
      balanceMinutes: 120,
    });
  });
});

describe('voice:config', () => {
  test('only a member holding their seat gets it; guests, waiting and admitted-but-absent do not', async () => {
    const h = await start({ voice: withTurn() });
    const facilitator = await createCircle(h);
    const waiting = await knock(h, facilitator, 'まってる');
    const admittedOnly = await knock(h, facilitator, 'まだこない');
    await admitOnly(facilitator, admittedOnly);
    const guest = await h.connect();

    for (const socket of [guest, waiting.socket, admittedOnly.socket]) {
      expectError(await request(socket, 'voice:config', {}), 'not_in_circle');
    }

    const participant = await join(h, facilitator, 'さくら');
    for (const member of [facilitator, participant]) {
      const { config, window } = await voiceConfigOf(member.socket);
      expectValidTurnCredentials(config, member.memberId, window);
    }

    // After leaving, the seat's credentials are no longer handed out.
    expectOk(await request(participant.socket, 'circle:leave', {}));
    expectError(await request(participant.socket, 'voice:config', {}), 'not_in_circle');
  });

  test('comes with the seat itself, on starting, on being let in and on taking a seat back', async () => {
    const h = await start({ voice: withTurn({ stunUrls: [STUN], credentialTtlS: 300 }) });
    const fromS = Math.floor(Date.now() / 1000);
    const facilitator = await createCircle(h);
    const participant = await join(h, facilitator, 'さくら');
    const { entered: back } = await resumeSeat(h, facilitator.code, participant);
    const window = { fromS, toS: Math.floor(Date.now() / 1000) };
    for (const [entered, memberId] of [
      [facilitator.entered, facilitator.memberId],
      [participant.entered, participant.memberId],
      [back, participant.memberId],
    ] as const) {
      const voice = entered.voice;
      if (!voice) throw new Error('no ICE servers with the seat');
      expect(voice.iceTransportPolicy).toBe('all');
      expect(voice.iceServers[0]).toEqual({ urls: [STUN] });
      expectValidTurnCredentials(voice, memberId, window);
    }
  });

  test('without TURN gives the STUN list (none by default) and the policy "all"', async () => {
    const bare = await start();
    const facilitator = await createCircle(bare);
    expect(expectOk(await request(facilitator.socket, 'voice:config', {}))).toEqual({
      iceServers: [],
      iceTransportPolicy: 'all',
      ttlS: 600,
    });

    const withStun = await start({ voice: { stunUrls: [STUN], turn: null, credentialTtlS: 600 } });
    const other = await createCircle(withStun);
    expect(expectOk(await request(other.socket, 'voice:config', {}))).toEqual({
      iceServers: [{ urls: [STUN] }],
      iceTransportPolicy: 'all',
      ttlS: 600,
    });
  });

  test('with TURN offers STUN and TURN in a normal circle, with credentials for this member only', async () => {
    const h = await start({ voice: withTurn({ stunUrls: [STUN], credentialTtlS: 300 }) });
    const facilitator = await createCircle(h);
    const participant = await join(h, facilitator, 'さくら');

    const mine = await voiceConfigOf(participant.socket);
    expect(mine.config.iceTransportPolicy).toBe('all');
    expect(mine.config.ttlS).toBe(300);
    expect(mine.config.iceServers).toEqual([
      { urls: [STUN] },
      {
        urls: TURN_URLS,
        username: expect.any(String) as unknown,
        credential: expect.any(String) as unknown,
      },
    ]);
    const own = expectValidTurnCredentials(mine.config, participant.memberId, mine.window);

    const theirs = await voiceConfigOf(facilitator.socket);
    const other = expectValidTurnCredentials(theirs.config, facilitator.memberId, theirs.window);
    expect(other.username).not.toBe(own.username);
    // The secret itself never travels.
    expect(JSON.stringify([mine, theirs])).not.toContain(SECRET);
  });
});

describe('private circles', () => {
  test('cannot be started on a server without TURN; nothing is created', async () => {
    const h = await start();
    const guest = await h.connect();
    expectError(
      await request(guest, 'circle:create', {
        title: '会',
        rules: TEST_RULES,
        capacity: 4,
        name: 'ひろし',
        privateVoice: true,
      }),
      'private_voice_unavailable',
    );
    expect(await h.server.store.count()).toBe(0);
    // The same socket is still a guest and may start an ordinary circle.
    const created = expectOk(
      await request(guest, 'circle:create', {
        title: '会',
        rules: TEST_RULES,
        capacity: 4,
        name: 'ひろし',
      }),
    );
    expect(created.circle.privateVoice).toBe(false);
  });

  test('are marked in every view and get relay-only settings with TURN servers only', async () => {
    const h = await start({ voice: withTurn({ stunUrls: [STUN] }) });
    const facilitator = await createCircle(h, { privateVoice: true });
    expect(facilitator.entered.circle.privateVoice).toBe(true);
    const seen = waitForEvent(facilitator.socket, 'circle:state', (s) => s.members.length === 2);
    const participant = await join(h, facilitator, 'さくら');
    expect(participant.entered.circle.privateVoice).toBe(true);
    expect((await seen).privateVoice).toBe(true);

    for (const member of [facilitator, participant]) {
      const { config, window } = await voiceConfigOf(member.socket);
      expect(config.iceTransportPolicy).toBe('relay');
      expect(config.iceServers).toHaveLength(1);
      expect(config.iceServers[0]?.urls).toEqual(TURN_URLS);
      expect(JSON.stringify(config)).not.toContain('stun:');
      expectValidTurnCredentials(config, member.memberId, window);
    }
  });

  test('refuse any signal naming a host or reflexive address, and deliver none of it', async () => {
    const h = await start({ voice: withTurn() });
    const facilitator = await createCircle(h, { privateVoice: true });
    const alice = await join(h, facilitator, 'ありさ');
    const bob = await join(h, facilitator, 'ぼぶ');
    const bobLog = recordEvents(bob.socket);

    const refused: [string, SignalPayload][] = [
      ['a host candidate', candidate(hostLine)],
      ['a server-reflexive candidate', candidate(srflxLine)],
      ['an mDNS host candidate', candidate(hostLine.replace('192.168.1.20', 'f00d.local'))],
      ['a relay candidate leaking its raddr', candidate(relayLine.replace('0.0.0.0', '10.0.0.2'))],
      ['an unreadable candidate', candidate('candidate:1 typ relay')],
      ['an offer with a host candidate', { type: 'offer', sdp: sdp(relayLine, hostLine) }],
      ['an answer with a reflexive candidate', { type: 'answer', sdp: sdp(srflxLine) }],
    ];
    for (const [why, signal] of refused) {
      const ack = await request(alice.socket, 'signal:relay', { to: bob.memberId, signal });
      expect({ why, ack }).toEqual({ why, ack: { ok: false, error: { code: 'invalid_payload' } } });
    }

    // Barrier: Socket.IO keeps order per connection, so anything relayed above would come first.
    const barrier: SignalPayload = { type: 'renegotiate' };
    const arrived = waitForEvent(bob.socket, 'signal:relay');
    expectOk(await request(alice.socket, 'signal:relay', { to: bob.memberId, signal: barrier }));
    await arrived;
    expect(relays(bobLog)).toEqual([{ from: alice.memberId, signal: barrier }]);
    expect(JSON.stringify(bobLog)).not.toContain('192.168.1.20');
  });

  test('deliver relay candidates, relay-only SDP and end-of-candidates', async () => {
    const h = await start({ voice: withTurn() });
    const facilitator = await createCircle(h, { privateVoice: true });
    const alice = await join(h, facilitator, 'ありさ');
    const passing: SignalPayload[] = [
      { type: 'offer', sdp: sdp() },
      { type: 'answer', sdp: sdp(relayLine) },
      candidate(relayLine),
      candidate(''),
      { type: 'transceiverRequest', kind: 'audio' },
    ];
    for (const signal of passing) {
      const received = waitForEvent(facilitator.socket, 'signal:relay');
      expectOk(await request(alice.socket, 'signal:relay', { to: facilitator.memberId, signal }));
      expect(await received).toEqual({ from: alice.memberId, signal });
    }
  });

  test('the same host candidate goes through in an ordinary circle', async () => {
    const h = await start({ voice: withTurn() });
    const facilitator = await createCircle(h);
    const alice = await join(h, facilitator, 'ありさ');
    const received = waitForEvent(facilitator.socket, 'signal:relay');
    expectOk(
      await request(alice.socket, 'signal:relay', {
        to: facilitator.memberId,
        signal: candidate(hostLine),
      }),
    );
    expect((await received).signal).toEqual(candidate(hostLine));
  });
});

describe('voice:mute', () => {
  test('tells the whole circle, the sender included, and only when the switch changes', async () => {
    const h = await start();
    const [facilitator, participant] = await seatCircle(h, ['さくら']);
    expect(participant.entered.circle.members.every((m) => !m.muted)).toBe(true);
    const facilitatorLog = recordEvents(facilitator.socket);

    const isMuted = (muted: boolean) => memberIs(participant.memberId, (m) => m.muted === muted);
    const toFacilitator = waitForEvent(facilitator.socket, 'circle:state', isMuted(true));
    const toSelf = waitForEvent(participant.socket, 'circle:state', isMuted(true));
    expect(await request(participant.socket, 'voice:mute', { muted: true })).toEqual({
      ok: true,
      data: null,
    });
    const [seen] = await Promise.all([toFacilitator, toSelf]);
    expect(seen.members.find((m) => m.id === facilitator.memberId)?.muted).toBe(false);

    // The same value again changes nothing and sends nothing; a real change is the barrier.
    expectOk(await request(participant.socket, 'voice:mute', { muted: true }));
    const unmuted = waitForEvent(facilitator.socket, 'circle:state', isMuted(false));
    expectOk(await request(participant.socket, 'voice:mute', { muted: false }));
    const last = await unmuted;
    const states = facilitatorLog.filter((e) => e.event === 'circle:state');
    expect(states).toHaveLength(2);
    expect(last.revision).toBe(seen.revision + 1);
  });

  test('is kept across a reconnect, and a newly admitted member starts unmuted', async () => {
    const h = await start();
    const [facilitator, participant] = await seatCircle(h, ['さくら']);
    const muted = memberSeen(facilitator, participant.memberId, (m) => m.muted);
    expectOk(await request(participant.socket, 'voice:mute', { muted: true }));
    await muted;

    const away = await dropAndSee(facilitator, participant);
    expect(away.members.find((m) => m.id === participant.memberId)?.muted).toBe(true);

    const { entered } = await resumeSeat(h, facilitator.code, participant);
    expect(entered.circle.members.find((m) => m.id === participant.memberId)).toMatchObject({
      connected: true,
      muted: true,
    });

    const newcomer = await join(h, facilitator, 'あたらしい');
    expect(newcomer.entered.circle.members.find((m) => m.id === newcomer.memberId)?.muted).toBe(
      false,
    );
  });
});
