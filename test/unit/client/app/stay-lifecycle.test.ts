import type { EnteredCircle } from '../../../../shared/circle/views';
import { VoiceController } from '../../../../client/app/voice-controller';
import { CommandBus } from '../../../../client/commands/command-bus';
import { Translator } from '../../../../client/i18n/i18n';
import type { SignalingClient } from '../../../../client/net/signaling-client';
import { StayStore } from '../../../../client/stay/stay-store';
import type { StatusLine } from '../../../../client/ui/status-line';
import type { PeerLinkOptions } from '../../../../client/voice/peer-link';
import type { SpatialAudio } from '../../../../client/voice/spatial-audio';
import { SpareConnections } from '../../../../client/voice/spare-connections';
import { circle, member } from '../facilitation/fixtures';
import { FakeLink } from '../voice/fake-peer-link';

/** A socket that counts its listeners. */
class FakeSocket {
  private readonly listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  on(event: string, listener: (...args: unknown[]) => void): this {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener);
    this.listeners.set(event, set);
    return this;
  }
  off(event: string, listener: (...args: unknown[]) => void): this {
    this.listeners.get(event)?.delete(listener);
    return this;
  }
  get listenerCount(): number {
    return [...this.listeners.values()].reduce((sum, set) => sum + set.size, 0);
  }
}

/** The Web Audio side, reduced to what can be left behind: its state listeners. */
class FakeAudio {
  disposed = false;
  readonly stateListeners = new Set<() => void>();
  readonly context = {
    state: 'running',
    addEventListener: (_type: string, listener: () => void) => this.stateListeners.add(listener),
    removeEventListener: (_type: string, listener: () => void) =>
      this.stateListeners.delete(listener),
  };
  voice(): undefined {
    return undefined;
  }
  removeVoice(): void {}
  setListener(): void {}
  resume(): void {}
  dispose(): void {
    this.disposed = true;
  }
}

function entered(): EnteredCircle {
  return {
    self: { memberId: 'a', resumeToken: 't', blocked: [] },
    circle: circle({ members: [member('a'), member('b'), member('c')], revision: 1 }),
    chat: [],
  };
}

/** A voice controller over fakes, recording what it asks of the server and the browser. */
function harness() {
  const socket = new FakeSocket();
  const requests: string[] = [];
  const client = {
    socket,
    request: (event: string) => {
      requests.push(event);
      const data =
        event === 'voice:config' ? { iceServers: [], iceTransportPolicy: 'all', ttlS: 600 } : {};
      return Promise.resolve({ ok: true, data });
    },
  } as unknown as SignalingClient;
  const status = { announce: () => undefined, clear: () => undefined } as unknown as StatusLine;
  const store = new StayStore();
  const commands = new CommandBus();
  const links: FakeLink[] = [];
  const audios: FakeAudio[] = [];
  /** Connections made ahead: each with the configs it was given, and whether it was closed. */
  const made: { configs: RTCConfiguration[]; closed: boolean }[] = [];
  let libraryLoads = 0;
  const voice = new VoiceController(new Translator('en'), client, status, commands, store, {
    createAudio: () => {
      const audio = new FakeAudio();
      audios.push(audio);
      return audio as unknown as SpatialAudio;
    },
    loadLinkFactory: () => {
      libraryLoads++;
      return Promise.resolve((options: PeerLinkOptions) => {
        // As the real link does, it takes its connection as it opens.
        options.makeConnection?.(options.config);
        const link = new FakeLink(options);
        links.push(link);
        return link;
      });
    },
    createSpares: () =>
      new SpareConnections({
        make: (config) => {
          const connection = {
            configs: [config],
            closed: false,
            setConfiguration: (next: RTCConfiguration) => connection.configs.push(next),
            close: () => {
              connection.closed = true;
            },
          };
          made.push(connection);
          return connection as unknown as RTCPeerConnection;
        },
        whenIdle: (work, afterMs) => {
          const timer = setTimeout(work, afterMs);
          return () => {
            clearTimeout(timer);
          };
        },
        base: { bundlePolicy: 'max-bundle' },
      }),
  });
  return {
    voice,
    store,
    commands,
    socket,
    links,
    audios,
    made,
    requests,
    libraryLoads: () => libraryLoads,
  };
}

describe('a stay, left and taken again', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('leaves no link, timer, audio or listener behind, however often someone comes and goes', async () => {
    const { voice, store, commands, socket, links, audios, requests } = harness();
    const poses: string[] = [];
    const offPoses = voice.poses.received.on((memberId) => poses.push(memberId));
    const baseline = {
      socket: socket.listenerCount,
      store: store.listenerCount,
      timers: jest.getTimerCount(),
    };

    for (let stay = 1; stay <= 3; stay++) {
      store.entered(entered());
      await voice.start({ stream: undefined, startMuted: false, problem: undefined });
      // Joined: one link to each other member, started from this side (the smaller id).
      const open = links.filter((l) => !l.destroyed);
      expect(open).toHaveLength(2);
      expect(open.every((l) => l.options.initiator)).toBe(true);
      expect(jest.getTimerCount()).toBeGreaterThan(baseline.timers);
      // Poses travel both ways on the links once connected.
      for (const link of open) link.options.events.connect();
      voice.poses.send(new Uint8Array([stay]));
      expect(open.every((l) => l.sent.length === 1)).toBe(true);
      open[0]?.options.events.data(new Uint8Array([1]));
      expect(poses).toHaveLength(stay);

      store.returnedToLobby();
      expect(links.every((l) => l.destroyed)).toBe(true);
      expect(audios.every((a) => a.disposed && a.stateListeners.size === 0)).toBe(true);
      expect(jest.getTimerCount()).toBe(baseline.timers);
      expect(socket.listenerCount).toBe(baseline.socket);
      expect(store.listenerCount).toBe(baseline.store);
      // Nothing is carried after leaving.
      voice.poses.send(new Uint8Array([9]));
      expect(links.every((l) => l.sent.length === 1)).toBe(true);
    }
    expect(links).toHaveLength(6);
    expect(requests.filter((r) => r === 'voice:config')).toHaveLength(3);

    offPoses();
    voice.dispose();
    commands.dispose();
    expect(socket.listenerCount).toBe(0);
    expect(store.listenerCount).toBe(0);
    expect(voice.poses.received.size).toBe(0);
  });

  it("gets ready while waiting, and starts on the seat's own ICE servers without asking again", async () => {
    const { voice, store, links, audios, requests, libraryLoads } = harness();
    store.knocked('あおい');
    voice.prepare();
    voice.prepare(); // knocking again, or starting, reuses what is ready
    expect(audios).toHaveLength(1);
    expect(libraryLoads()).toBe(1);

    store.entered(entered());
    await voice.start(
      { stream: undefined, startMuted: false, problem: undefined },
      {
        iceServers: [{ urls: ['stun:stun.engawa.test:3478'] }],
        iceTransportPolicy: 'all',
        ttlS: 600,
      },
    );
    expect(requests).not.toContain('voice:config');
    expect(audios).toHaveLength(1);
    expect(libraryLoads()).toBe(1);
    const config = {
      iceServers: [{ urls: ['stun:stun.engawa.test:3478'] }],
      iceTransportPolicy: 'all',
      bundlePolicy: 'max-bundle',
    };
    expect(links.map((l) => l.options.config)).toEqual([config, config]);
    voice.dispose();
  });

  it('opens the links before starting returns, once what waiting readied is there', async () => {
    const { voice, store, links } = harness();
    store.knocked('あおい');
    voice.prepare();
    await Promise.resolve(); // the library has loaded while they waited
    store.entered(entered());
    const starting = voice.start(
      { stream: undefined, startMuted: false, problem: undefined },
      { iceServers: [], iceTransportPolicy: 'all', ttlS: 600 },
    );
    // Nothing else (drawing the circle screen) runs before the offers are under way.
    expect(links).toHaveLength(2);
    await starting;
    voice.dispose();
  });

  it('lets go of what it readied when the knock ends without a seat', () => {
    const { voice, store, audios, links, made } = harness();
    store.knocked('あおい');
    voice.prepare();
    jest.runOnlyPendingTimers();
    expect(made).toHaveLength(1);
    store.returnedToLobby(); // declined, or the knock was withdrawn
    expect(audios).toHaveLength(1);
    expect(audios[0]?.disposed).toBe(true);
    expect(made.every((c) => c.closed)).toBe(true);
    expect(jest.getTimerCount()).toBe(0);
    expect(links).toHaveLength(0);
    voice.dispose();
  });

  it("makes connections while waiting, which the links take with the seat's servers", async () => {
    const { voice, store, links, made } = harness();
    store.knocked('あおい');
    voice.prepare();
    await Promise.resolve();
    for (let i = 0; i < 5; i++) jest.runOnlyPendingTimers(); // quiet moments while waiting
    expect(made).toHaveLength(3);
    store.entered(entered());
    const relayOnly = {
      iceServers: [{ urls: ['turn:turn.engawa.test:3478'], username: 'u', credential: 'c' }],
      iceTransportPolicy: 'relay' as const,
      ttlS: 600,
    };
    await voice.start({ stream: undefined, startMuted: false, problem: undefined }, relayOnly);
    // Two links, each on a connection made ahead and then given the seat's relay-only servers.
    expect(links).toHaveLength(2);
    expect(made).toHaveLength(3);
    for (const connection of made.slice(0, 2)) {
      expect(connection.configs.at(-1)).toEqual({
        iceServers: relayOnly.iceServers,
        iceTransportPolicy: 'relay',
        bundlePolicy: 'max-bundle',
      });
    }
    // Inside, one spare is kept for the next newcomer.
    const spare = made[2];
    expect(spare?.configs).toHaveLength(1);
    expect(spare?.closed).toBe(false);
    voice.dispose(); // the links close their own; the spare is closed with the voice
    expect(spare?.closed).toBe(true);
  });
});
