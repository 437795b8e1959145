import { SpareConnections } from '../../../../client/voice/spare-connections';

/** A connection that records how it was set up, and refuses a change of bundle policy. */
class FakeConnection {
  closed = false;
  readonly configs: RTCConfiguration[];
  constructor(
    readonly serial: number,
    config: RTCConfiguration,
  ) {
    this.configs = [config];
  }
  setConfiguration(config: RTCConfiguration): void {
    if (config.bundlePolicy !== this.configs[0]?.bundlePolicy) {
      throw new DOMException('bundlePolicy cannot change', 'InvalidModificationError');
    }
    this.configs.push(config);
  }
  close(): void {
    this.closed = true;
  }
}

const BASE: RTCConfiguration = { bundlePolicy: 'max-bundle' };
const RELAY: RTCConfiguration = {
  bundlePolicy: 'max-bundle',
  iceServers: [{ urls: 'turn:turn.example:3478', username: 'u', credential: 'c' }],
  iceTransportPolicy: 'relay',
};

/** Spares over fake connections, with quiet moments the test hands out one at a time. */
function harness() {
  const made: FakeConnection[] = [];
  const quiet: { work: () => void; afterMs: number; cancelled: boolean }[] = [];
  const spares = new SpareConnections({
    make: (config) => {
      const connection = new FakeConnection(made.length, config);
      made.push(connection);
      return connection as unknown as RTCPeerConnection;
    },
    whenIdle: (work, afterMs) => {
      const entry = { work, afterMs, cancelled: false };
      quiet.push(entry);
      return () => {
        entry.cancelled = true;
      };
    },
    base: BASE,
  });
  /** Runs the next quiet moment asked for; returns how long after asking it was due. */
  const quietMoment = (): number | undefined => {
    const next = quiet.shift();
    if (!next || next.cancelled) return undefined;
    next.work();
    return next.afterMs;
  };
  return { spares, made, quiet, quietMoment };
}

describe('connections made ahead', () => {
  it('makes the spares it is asked to keep, one per quiet moment, with no ICE servers', () => {
    const { spares, made, quietMoment } = harness();
    spares.keep(3);
    expect(spares.size).toBe(0);
    expect(quietMoment()).toBe(0);
    expect(spares.size).toBe(1);
    quietMoment();
    quietMoment();
    expect(spares.size).toBe(3);
    expect(quietMoment()).toBeUndefined(); // none asked for beyond three
    expect(made.map((c) => c.configs[0])).toEqual([BASE, BASE, BASE]);
  });

  it("hands a link a spare set up with the link's own servers and transport policy", () => {
    const { spares, made, quietMoment } = harness();
    spares.keep(1);
    quietMoment();
    const taken = spares.take(RELAY) as unknown as FakeConnection;
    expect(taken).toBe(made[0]);
    expect(taken.configs.at(-1)).toEqual(RELAY);
    expect(spares.size).toBe(0);
  });

  it('makes a new connection when no spare is ready, with the config asked for', () => {
    const { spares, made } = harness();
    spares.keep(2);
    const taken = spares.take(RELAY) as unknown as FakeConnection;
    expect(made).toEqual([taken]);
    expect(taken.configs).toEqual([RELAY]);
  });

  it('replaces a spare taken only a while later, not between the steps of links opening', () => {
    const { spares, quiet, quietMoment } = harness();
    spares.keep(1);
    quietMoment();
    spares.take(RELAY);
    expect(quiet).toHaveLength(1);
    expect(quiet[0]?.afterMs).toBeGreaterThanOrEqual(1_000);
    quietMoment();
    expect(spares.size).toBe(1);
  });

  it('closes a spare that cannot take the settings and moves on to a new connection', () => {
    const { spares, made, quietMoment } = harness();
    spares.keep(1);
    quietMoment();
    const other: RTCConfiguration = { ...RELAY, bundlePolicy: 'balanced' };
    const taken = spares.take(other) as unknown as FakeConnection;
    expect(made[0]?.closed).toBe(true);
    expect(taken).toBe(made[1]);
    expect(taken.configs).toEqual([other]);
  });

  it('closes spares beyond a smaller number kept', () => {
    const { spares, made, quietMoment } = harness();
    spares.keep(3);
    quietMoment();
    quietMoment();
    quietMoment();
    spares.keep(1);
    expect(spares.size).toBe(1);
    expect(made.map((c) => c.closed)).toEqual([false, true, true]);
  });

  it('closes every spare and makes no more once disposed', () => {
    const { spares, made, quiet, quietMoment } = harness();
    spares.keep(2);
    quietMoment();
    spares.dispose();
    expect(made.every((c) => c.closed)).toBe(true);
    expect(quiet.every((q) => q.cancelled)).toBe(true);
    spares.keep(2);
    expect(quietMoment()).toBeUndefined();
    expect(made).toHaveLength(1);
  });
});
