import type { MemberView } from '../../../../shared/circle/views';
import type { SignalPayload } from '../../../../shared/protocol/schemas';
import { PeerMesh, startsConnection } from '../../../../client/voice/peer-mesh';
import { FakeLink } from './fake-peer-link';

class ManualScheduler {
  private next = 1;
  readonly pending = new Map<number, { at: number; callback: () => void }>();
  now = 0;
  set = (callback: () => void, ms: number): number => {
    const id = this.next++;
    this.pending.set(id, { at: this.now + ms, callback });
    return id;
  };
  clear = (handle: unknown): void => {
    this.pending.delete(handle as number);
  };
  advance(ms: number): void {
    this.now += ms;
    for (const [id, timer] of [...this.pending].sort((a, b) => a[1].at - b[1].at)) {
      if (timer.at <= this.now && this.pending.has(id)) {
        this.pending.delete(id);
        timer.callback();
      }
    }
  }
}

/** Here a member whose id sorts first arrived last, so 'a' starts its pair with 'b'. */
function member(id: string, connected = true): MemberView {
  return {
    id,
    name: id,
    role: 'participant',
    seat: 0,
    arrival: 1000 - id.charCodeAt(0),
    connected,
    muted: false,
    color: 0,
    away: false,
    forceMuted: false,
    takingPart: 'speak',
    place: null,
  };
}

function setup(selfId: string) {
  const links: FakeLink[] = [];
  const sent: { to: string; signal: SignalPayload }[] = [];
  const closed: string[] = [];
  const data: { id: string; bytes: Uint8Array }[] = [];
  const scheduler = new ManualScheduler();
  let conn = 0;
  const mesh = new PeerMesh({
    selfId,
    factory: (options) => {
      const link = new FakeLink(options);
      links.push(link);
      return link;
    },
    send: (to, signal) => sent.push({ to, signal }),
    config: {},
    stream: undefined,
    newConnId: () => `conn${++conn}`,
    now: () => scheduler.now,
    scheduler,
    onStream: () => undefined,
    onPeerClosed: (id) => closed.push(id),
    onData: (id, bytes) => data.push({ id, bytes }),
  });
  const live = () => links.filter((l) => !l.destroyed);
  return { mesh, links, live, sent, closed, data, scheduler };
}

describe('startsConnection', () => {
  it('picks exactly one side of every pair, the same from both ends', () => {
    const sides = [
      { id: 'a1', arrival: 3 },
      { id: 'B2', arrival: 0 },
      { id: 'b2', arrival: 3 },
      { id: 'zz', arrival: undefined },
      { id: '0x', arrival: 7 },
    ];
    for (const x of sides) {
      for (const y of sides) {
        if (x === y) continue;
        expect(startsConnection(x, y)).toBe(!startsConnection(y, x));
      }
    }
  });

  it('lets the later arrival start, whatever the ids', () => {
    expect(startsConnection({ id: 'z', arrival: 5 }, { id: 'a', arrival: 2 })).toBe(true);
    expect(startsConnection({ id: 'a', arrival: 2 }, { id: 'z', arrival: 5 })).toBe(false);
  });
});

describe('PeerMesh', () => {
  it('starts links only to members it initiates for, and greets the others', () => {
    const { mesh, live, sent } = setup('m');
    mesh.setMembers([member('m'), member('z'), member('a')]);
    expect(live()).toHaveLength(1);
    expect(live()[0]?.options.initiator).toBe(true);
    expect(sent).toContainEqual({ to: 'a', signal: { type: 'renegotiate' } });
  });

  it('has a newcomer offer to everyone already there, whose ids sort either way', () => {
    const circle = [
      { ...member('a'), arrival: 0 },
      { ...member('z'), arrival: 1 },
      { ...member('n'), arrival: 2 },
    ];
    const newcomer = setup('n');
    newcomer.mesh.setMembers(circle);
    expect(newcomer.live().map((l) => l.options.initiator)).toEqual([true, true]);
    expect(newcomer.sent).toEqual([]);
    // Those already there open nothing for the newcomer and send it nothing: its offer comes.
    for (const id of ['a', 'z']) {
      const old = setup(id);
      old.mesh.setMembers(circle.slice(0, 2));
      const before = { links: old.links.length, sent: old.sent.length };
      old.mesh.setMembers(circle);
      expect(old.links).toHaveLength(before.links);
      expect(old.sent).toHaveLength(before.sent);
    }
  });

  it('follows an offer that arrives before the update naming its sender', () => {
    const { mesh, live, sent } = setup('b');
    mesh.setMembers([member('b')]);
    mesh.handleSignal('a', { type: 'offer', sdp: 'early', conn: 'x1' });
    const candidate = { candidate: 'candidate:1 1 udp 1 10.0.0.1 9 typ host' };
    mesh.handleSignal('a', { type: 'candidate', conn: 'x1', candidate });
    expect(live()).toHaveLength(0);
    mesh.setMembers([member('a'), member('b')]);
    expect(live()).toHaveLength(1);
    expect(live()[0]?.received.map((s) => s.type)).toEqual(['offer', 'candidate']);
    // The offer is already being answered: no greeting asks for another.
    expect(sent).toEqual([]);
  });

  it('lets early signals go once they are too old to matter', () => {
    const { mesh, live, sent, scheduler } = setup('b');
    mesh.setMembers([member('b')]);
    mesh.handleSignal('a', { type: 'offer', sdp: 'stale', conn: 'x1' });
    scheduler.advance(10_001);
    mesh.setMembers([member('a'), member('b')]);
    expect(live()).toHaveLength(0);
    // Still waiting for a's offer: none comes, so it asks.
    scheduler.advance(12_000);
    scheduler.advance(500);
    expect(sent).toEqual([{ to: 'a', signal: { type: 'renegotiate' } }]);
    expect(live()).toHaveLength(0);
  });

  it('waits for an arriving member to offer, and asks only if no offer comes', () => {
    const { mesh, live, sent, scheduler } = setup('b');
    mesh.setMembers([member('b')]);
    mesh.setMembers([member('a'), member('b')]);
    expect(sent).toEqual([]);
    // No offer by the connect timeout: it asks, as on any retry.
    scheduler.advance(12_000);
    expect(sent).toEqual([]);
    scheduler.advance(500);
    expect(sent).toEqual([{ to: 'a', signal: { type: 'renegotiate' } }]);
    mesh.handleSignal('a', { type: 'offer', sdp: 'late', conn: 'x1' });
    expect(live()).toHaveLength(1);
  });

  it('keeps early signals from only so many senders', () => {
    const { mesh, live } = setup('b');
    mesh.setMembers([member('b')]);
    const senders = Array.from({ length: 17 }, (_, i) => `a${String(i).padStart(2, '0')}`);
    for (const id of senders) mesh.handleSignal(id, { type: 'offer', sdp: id, conn: `c-${id}` });
    mesh.setMembers([member('b'), ...senders.map((id) => ({ ...member(id), arrival: 2000 }))]);
    expect(live().map((l) => l.received[0]?.type === 'offer' && l.received[0].sdp)).toEqual(
      senders.slice(0, 16),
    );
  });

  it('ignores members who are away and closes their links', () => {
    const { mesh, live, closed } = setup('a');
    mesh.setMembers([member('a'), member('b')]);
    expect(live()).toHaveLength(1);
    mesh.setMembers([member('a'), member('b', false)]);
    expect(live()).toHaveLength(0);
    expect(closed).toEqual(['b']);
  });

  it('tags outgoing signals with the connection id', () => {
    const { mesh, links, sent } = setup('a');
    mesh.setMembers([member('a'), member('b')]);
    links[0]?.options.events.signal({ type: 'offer', sdp: 'v=0' });
    expect(sent).toContainEqual({ to: 'b', signal: { type: 'offer', sdp: 'v=0', conn: 'conn1' } });
  });

  it('answers an offer by opening a link with the offer’s connection id', () => {
    const { mesh, live, sent } = setup('b');
    mesh.setMembers([member('a'), member('b')]);
    mesh.handleSignal('a', { type: 'offer', sdp: 'v=0', conn: 'x1' });
    expect(live()).toHaveLength(1);
    expect(live()[0]?.options.initiator).toBe(false);
    expect(live()[0]?.received).toEqual([{ type: 'offer', sdp: 'v=0', conn: 'x1' }]);
    live()[0]?.options.events.signal({ type: 'answer', sdp: 'v=0' });
    expect(sent.at(-1)).toEqual({ to: 'a', signal: { type: 'answer', sdp: 'v=0', conn: 'x1' } });
  });

  it('replaces its link when a new offer arrives, and drops late signals for the old one', () => {
    const { mesh, links, live } = setup('b');
    mesh.setMembers([member('a'), member('b')]);
    mesh.handleSignal('a', { type: 'offer', sdp: 'first', conn: 'x1' });
    mesh.handleSignal('a', { type: 'offer', sdp: 'second', conn: 'x2' });
    expect(links[0]?.destroyed).toBe(true);
    expect(live()).toHaveLength(1);
    const candidate = { candidate: 'candidate:1 1 udp 1 10.0.0.1 9 typ host' };
    mesh.handleSignal('a', { type: 'candidate', conn: 'x1', candidate });
    mesh.handleSignal('a', { type: 'candidate', conn: 'x2', candidate });
    expect(live()[0]?.received.map((s) => s.type)).toEqual(['offer', 'candidate']);
  });

  it('never lets an offer reach the side that starts the pair', () => {
    const { mesh, links } = setup('a');
    mesh.setMembers([member('a'), member('b')]);
    mesh.handleSignal('b', { type: 'offer', sdp: 'glare', conn: 'zz1' });
    expect(links).toHaveLength(1);
    expect(links[0]?.received).toEqual([]);
  });

  it('restarts on a greeting from a reloaded member, but not for a link it just started', () => {
    const { mesh, live, links, scheduler } = setup('a');
    mesh.setMembers([member('a'), member('b')]);
    mesh.handleSignal('b', { type: 'renegotiate' });
    expect(links).toHaveLength(1);
    scheduler.advance(2_000);
    mesh.handleSignal('b', { type: 'renegotiate' });
    expect(links).toHaveLength(2);
    expect(links[0]?.destroyed).toBe(true);
    expect(live()).toHaveLength(1);
  });

  it('lets a link the other side is answering finish, however long it takes', () => {
    const { mesh, live, links, scheduler } = setup('a');
    mesh.setMembers([member('a'), member('b')]);
    mesh.handleSignal('b', { type: 'answer', sdp: 'v=0', conn: 'conn1' });
    scheduler.advance(5_000);
    mesh.handleSignal('b', { type: 'renegotiate' });
    expect(links).toHaveLength(1);
    // Once it is up, a greeting means b lost it (a reload): start over.
    live()[0]?.options.events.connect();
    mesh.handleSignal('b', { type: 'renegotiate' });
    expect(links).toHaveLength(2);
    expect(live()).toHaveLength(1);
  });

  it('ignores signals from people who are not in the circle', () => {
    const { mesh, links } = setup('b');
    mesh.setMembers([member('b')]);
    mesh.handleSignal('a', { type: 'offer', sdp: 'v=0', conn: 'x1' });
    expect(links).toHaveLength(0);
  });

  it('re-creates a failed link with growing pauses while the member stays', () => {
    const { mesh, links, live, scheduler } = setup('a');
    mesh.setMembers([member('a'), member('b')]);
    links[0]?.options.events.close('failed');
    expect(live()).toHaveLength(0);
    scheduler.advance(499);
    expect(links).toHaveLength(1);
    scheduler.advance(1);
    expect(links).toHaveLength(2);
    links[1]?.options.events.close('failed');
    scheduler.advance(999);
    expect(links).toHaveLength(2);
    scheduler.advance(1);
    expect(links).toHaveLength(3);
  });

  it('asks the other side to restart when its own link fails', () => {
    const { mesh, live, sent, scheduler } = setup('b');
    mesh.setMembers([member('a'), member('b')]);
    mesh.handleSignal('a', { type: 'offer', sdp: 'v=0', conn: 'x1' });
    sent.length = 0;
    live()[0]?.options.events.close('failed');
    scheduler.advance(500);
    expect(sent).toEqual([{ to: 'a', signal: { type: 'renegotiate' } }]);
  });

  it('replaces a link that never connects', () => {
    const { mesh, links, scheduler } = setup('a');
    mesh.setMembers([member('a'), member('b')]);
    scheduler.advance(12_000);
    expect(links[0]?.destroyed).toBe(true);
    scheduler.advance(500);
    expect(links).toHaveLength(2);
  });

  describe('a page that lost its seat for a while (a stall, a dropped connection)', () => {
    it('sends nothing while away, and starts every unconnected pair over at once on return', () => {
      const { mesh, links, live, sent } = setup('b');
      mesh.setMembers([member('a'), member('b'), member('c'), member('d')]);
      links[0]?.options.events.connect(); // b→c is up
      mesh.setOnline(false);
      sent.length = 0;
      // b→d's offer is made while the server would refuse it: it is not sent.
      links[1]?.options.events.signal({ type: 'offer', sdp: 'v=0' });
      expect(sent).toEqual([]);

      mesh.setOnline(true);
      // Without this, b→d would sit unanswered until the 12 s connect timeout.
      expect(links[1]?.destroyed).toBe(true);
      expect(links[0]?.destroyed).toBe(false);
      expect(live().map((l) => l.options.initiator)).toEqual([true, true]);
      // a starts the a–b pair, so b asks it for an offer again.
      expect(sent).toEqual([{ to: 'a', signal: { type: 'renegotiate' } }]);
      links[2]?.options.events.signal({ type: 'offer', sdp: 'v=0' });
      expect(sent.at(-1)).toEqual({
        to: 'd',
        signal: { type: 'offer', sdp: 'v=0', conn: 'conn3' },
      });
    });

    it('greets again when the side that starts the pair never answers', () => {
      const { mesh, sent, scheduler, live } = setup('b');
      mesh.setMembers([member('a'), member('b')]);
      expect(sent).toEqual([{ to: 'a', signal: { type: 'renegotiate' } }]);
      scheduler.advance(12_000);
      expect(sent).toHaveLength(1);
      scheduler.advance(500);
      expect(sent).toHaveLength(2);
      // An offer ends the asking.
      mesh.handleSignal('a', { type: 'offer', sdp: 'v=0', conn: 'x1' });
      live()[0]?.options.events.connect();
      scheduler.advance(120_000);
      expect(sent.filter((m) => m.signal.type === 'renegotiate')).toHaveLength(2);
      expect(live()).toHaveLength(1);
    });

    it('keeps a pair connected by the other side while its own retry was pending', () => {
      const { mesh, links, live, scheduler } = setup('a');
      mesh.setMembers([member('a'), member('b')]);
      links[0]?.options.events.close('failed');
      scheduler.advance(100);
      // b greets (it reloaded) before a's retry is due; the link that opens connects.
      mesh.handleSignal('b', { type: 'renegotiate' });
      live()[0]?.options.events.connect();
      scheduler.advance(10_000);
      expect(links).toHaveLength(2);
      expect(live()).toHaveLength(1);
    });
  });

  it('opens later links with refreshed ICE servers and leaves running ones alone', () => {
    const { mesh, links } = setup('a');
    mesh.setMembers([member('a'), member('b')]);
    const fresh = {
      iceServers: [{ urls: ['turn:relay.test:3478'], username: 'u', credential: 'c' }],
    };
    mesh.setConfig(fresh);
    expect(links[0]?.destroyed).toBe(false);
    mesh.setMembers([member('a'), member('b'), member('c')]);
    expect(links[1]?.options.config).toBe(fresh);
    expect(links[0]?.options.config).not.toBe(fresh);
  });

  it('does not retry for someone who left, and leaves nothing behind on dispose', () => {
    const { mesh, links, live, scheduler } = setup('a');
    mesh.setMembers([member('a'), member('b'), member('c')]);
    links[0]?.options.events.close('failed');
    mesh.setMembers([member('a'), member('c')]);
    scheduler.advance(10_000);
    expect(links.filter((l) => l.options.initiator)).toHaveLength(2);
    mesh.dispose();
    expect(live()).toHaveLength(0);
    expect(scheduler.pending.size).toBe(0);
  });

  it('broadcasts data only on connected links and passes on data from current links', () => {
    const { mesh, links, data } = setup('a');
    mesh.setMembers([member('a'), member('b'), member('c')]);
    const [toB, toC] = links;
    toB?.options.events.connect();
    const frame = new Uint8Array([1, 2, 3]);
    expect(mesh.broadcast(frame)).toBe(1);
    expect(toB?.sent).toEqual([frame]);
    expect(toC?.sent).toEqual([]);
    toC?.options.events.data(new Uint8Array([9]));
    expect(data).toEqual([{ id: 'c', bytes: new Uint8Array([9]) }]);
  });

  it('drops data from a link that has been replaced', () => {
    const { mesh, links, data } = setup('a');
    mesh.setMembers([member('a'), member('b')]);
    const first = links[0];
    first?.options.events.close('failed');
    first?.options.events.data(new Uint8Array([7]));
    expect(data).toEqual([]);
    mesh.dispose();
  });
});
