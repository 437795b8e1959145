import { MemoryLimits } from '../../../../signaling-server/limits/memory-limits';

describe('MemoryLimits.dispose', () => {
  it('forgets every count, so no expiry timer keeps a closed server alive', async () => {
    const limits = new MemoryLimits(() => 0);
    const codes = limits.points('codes', 5, 60);
    const connections = limits.points('connections', 20, 60);
    await codes.consume('203.0.113.7');
    await codes.consume('203.0.113.8');
    await connections.consume('203.0.113.7');
    const counted = (limiter: typeof codes) => limiter.dump().storage.length;
    expect(counted(codes)).toBe(2);
    expect(counted(connections)).toBe(1);

    limits.dispose();

    expect(counted(codes)).toBe(0);
    expect(counted(connections)).toBe(0);
    // A count made afresh starts from nothing.
    expect((await codes.consume('203.0.113.7')).consumedPoints).toBe(1);
  });
});
