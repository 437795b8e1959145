/** One drawn frame: its JavaScript time and what it drew. */
export interface FrameSample {
  /** Counts every frame drawn since the scene started, so a reader can ask for what is new. */
  index: number;
  ms: number;
  drawCalls: number;
  triangles: number;
  activeMeshes: number;
}

/**
 * The last frames the scene drew, each on its own, for benchmarks (an average over a second
 * hides the slow frames and counts frames the pacer skipped). A ring of fixed size: it costs the
 * same however long the page runs.
 */
export class FrameRecord {
  private readonly ring: FrameSample[] = [];
  private drawn = 0;

  constructor(private readonly size = 512) {}

  add(sample: Omit<FrameSample, 'index'>): void {
    const entry = { index: this.drawn++, ...sample };
    if (this.ring.length < this.size) this.ring.push(entry);
    else this.ring[entry.index % this.size] = entry;
  }

  /** Frames with an index of at least `index`, oldest first (those still in the ring). */
  since(index: number): FrameSample[] {
    return this.ring.filter((f) => f.index >= index).sort((a, b) => a.index - b.index);
  }
}
