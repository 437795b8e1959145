import type { Seating } from '../scene/seating';

/** Loud enough to feel company, never enough to follow: a few people talk at another table. */
const GAIN_PER_SPEAKER = 0.03;
const MOST_SPEAKERS_HEARD = 4;
/** How quickly the murmur swells and settles, in seconds (time constant). */
const SWELL_S = 0.6;
const BUFFER_S = 6;

/**
 * Babble without words: pink noise shaped by overlapping syllable-rate swells. It is made on
 * the page and carries nothing of anyone's voice; only how loud it plays follows the server's
 * word of how many talk at a table.
 */
function babble(context: BaseAudioContext): AudioBuffer {
  const length = Math.floor(context.sampleRate * BUFFER_S);
  const buffer = context.createBuffer(1, length, context.sampleRate);
  const data = buffer.getChannelData(0);
  let b0 = 0;
  let b1 = 0;
  let b2 = 0;
  const rates = [3.1, 4.3, 5.2, 2.4].map((hz) => (2 * Math.PI * hz) / context.sampleRate);
  const phases = rates.map((_, i) => i * 1.7);
  for (let i = 0; i < length; i++) {
    const white = Math.random() * 2 - 1;
    // A cheap pink filter: most of the energy low, as in speech.
    b0 = 0.99765 * b0 + white * 0.099046;
    b1 = 0.963 * b1 + white * 0.2965164;
    b2 = 0.57 * b2 + white * 1.0526913;
    const pink = (b0 + b1 + b2 + white * 0.1848) * 0.2;
    let envelope = 0;
    for (const [k, rate] of rates.entries())
      envelope += Math.max(0, Math.sin(rate * i + (phases[k] ?? 0)));
    data[i] = pink * (envelope / rates.length);
  }
  return buffer;
}

interface TableSound {
  source: AudioBufferSourceNode;
  gain: GainNode;
  nodes: AudioNode[];
}

/**
 * The soft murmur of the other tables at a social event: one looped, filtered babble per far
 * table, placed at that table, swelling with how many are talking there and silent when
 * nobody is.
 */
export class TableMurmur {
  private buffer: AudioBuffer | undefined;
  private readonly tables = new Map<number, TableSound>();
  private layout = '';

  constructor(
    private readonly context: BaseAudioContext,
    private readonly output: AudioNode,
  ) {}

  /** Places a sound at every table but this member's own; only changes with the layout. */
  setTables(seating: Seating, ownTable: number | null): void {
    const layout = `${seating.key}/${ownTable}`;
    if (layout === this.layout) return;
    this.layout = layout;
    this.stopAll();
    for (let table = 0; table < seating.tables; table++) {
      const centre = seating.centreOf(table);
      if (table === ownTable || !centre) continue;
      this.tables.set(table, this.soundAt(centre));
    }
  }

  /** How many are speaking at each far table; tables not named are quiet. */
  setSpeakers(counts: ReadonlyMap<number, number>): void {
    const t = this.context.currentTime;
    for (const [table, sound] of this.tables) {
      const speakers = Math.min(MOST_SPEAKERS_HEARD, counts.get(table) ?? 0);
      sound.gain.gain.setTargetAtTime(speakers * GAIN_PER_SPEAKER, t, SWELL_S);
    }
  }

  /** Each far table's target loudness, for diagnostics. */
  levels(): Record<number, number> {
    return Object.fromEntries([...this.tables].map(([table, s]) => [table, s.gain.gain.value]));
  }

  dispose(): void {
    this.stopAll();
  }

  private soundAt(centre: { x: number; z: number }): TableSound {
    this.buffer ??= babble(this.context);
    const source = new AudioBufferSourceNode(this.context, { buffer: this.buffer, loop: true });
    const band = new BiquadFilterNode(this.context, { type: 'bandpass', frequency: 480, Q: 0.7 });
    const gain = new GainNode(this.context, { gain: 0 });
    const panner = new PannerNode(this.context, {
      panningModel: 'equalpower',
      distanceModel: 'inverse',
      refDistance: 2,
      positionX: centre.x,
      positionY: 1,
      positionZ: centre.z,
    });
    source.connect(band).connect(gain).connect(panner).connect(this.output);
    // Each table starts at its own point in the loop, so no two murmur in step.
    source.start(0, Math.random() * BUFFER_S);
    return { source, gain, nodes: [source, band, gain, panner] };
  }

  private stopAll(): void {
    for (const sound of this.tables.values()) {
      sound.source.stop();
      for (const node of sound.nodes) node.disconnect();
    }
    this.tables.clear();
  }
}
