/** Loads one code chunk by id; webpack's `__webpack_require__.e` has this shape. */
export type ChunkLoader = (chunkId: string | number) => Promise<unknown>;

/** Waits before each retry: a restarting node behind a balancer is usually back within seconds. */
export const CHUNK_RETRY_DELAYS_MS: readonly number[] = [300, 1_000, 3_000];

/**
 * Wraps a chunk loader so that a failed load is tried again after each delay. A node restart
 * can cut one lazy fetch (a Babylon shader, the XR chunk) mid-flight; without a retry that one
 * lost request leaves the 3D view broken until the page is reloaded.
 */
export function withChunkRetries(
  load: ChunkLoader,
  delaysMs: readonly number[] = CHUNK_RETRY_DELAYS_MS,
  wait: (ms: number) => Promise<void> = (ms) => new Promise((done) => setTimeout(done, ms)),
): ChunkLoader {
  return async (chunkId) => {
    for (const delay of delaysMs) {
      try {
        return await load(chunkId);
      } catch {
        await wait(delay);
      }
    }
    return load(chunkId);
  };
}

interface WebpackRuntime {
  e: ChunkLoader;
}

// Webpack replaces this name with its runtime in the bundle; under jest it does not exist.
declare const __webpack_require__: WebpackRuntime | undefined;

/** Makes every lazy chunk of the bundle retry a failed load. Safe to call once at startup. */
export function retryChunkLoads(): void {
  if (typeof __webpack_require__ === 'undefined') return;
  __webpack_require__.e = withChunkRetries(__webpack_require__.e.bind(__webpack_require__));
}
