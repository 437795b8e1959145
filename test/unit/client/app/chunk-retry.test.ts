import { withChunkRetries, type ChunkLoader } from '../../../../client/app/chunk-retry';

/** A loader that fails its first `failures` calls, and records every id it was asked for. */
function flakyLoader(failures: number): { load: ChunkLoader; calls: (string | number)[] } {
  const calls: (string | number)[] = [];
  const load: ChunkLoader = (chunkId) => {
    calls.push(chunkId);
    return calls.length <= failures
      ? Promise.reject(new Error(`Loading chunk ${chunkId} failed`))
      : Promise.resolve(`chunk ${chunkId}`);
  };
  return { load, calls };
}

describe('withChunkRetries', () => {
  it('loads once when the first load works, without waiting', async () => {
    const { load, calls } = flakyLoader(0);
    const waits: number[] = [];
    const retrying = withChunkRetries(load, [10, 20], (ms) => (waits.push(ms), Promise.resolve()));
    await expect(retrying(291)).resolves.toBe('chunk 291');
    expect(calls).toEqual([291]);
    expect(waits).toEqual([]);
  });

  it('tries again after each delay until a load works', async () => {
    const { load, calls } = flakyLoader(2);
    const waits: number[] = [];
    const retrying = withChunkRetries(
      load,
      [10, 20, 30],
      (ms) => (waits.push(ms), Promise.resolve()),
    );
    await expect(retrying('xr')).resolves.toBe('chunk xr');
    expect(calls).toEqual(['xr', 'xr', 'xr']);
    expect(waits).toEqual([10, 20]);
  });

  it('gives up with the last error once every retry has failed', async () => {
    const { load, calls } = flakyLoader(10);
    const waits: number[] = [];
    const retrying = withChunkRetries(load, [10, 20], (ms) => (waits.push(ms), Promise.resolve()));
    await expect(retrying(7)).rejects.toThrow('Loading chunk 7 failed');
    expect(calls).toHaveLength(3);
    expect(waits).toEqual([10, 20]);
  });

  it('waits with real timers by default', async () => {
    jest.useFakeTimers();
    try {
      const { load, calls } = flakyLoader(1);
      const result = withChunkRetries(load, [500])(3);
      await jest.advanceTimersByTimeAsync(499);
      expect(calls).toHaveLength(1);
      await jest.advanceTimersByTimeAsync(1);
      await expect(result).resolves.toBe('chunk 3');
      expect(calls).toHaveLength(2);
    } finally {
      jest.useRealTimers();
    }
  });
});
