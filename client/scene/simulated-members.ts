import type { MemberView } from '../../shared/circle/views';
import { encodePose } from '../../shared/pose/pose-codec';
import { Tables, type TablePlace } from '../../shared/tables/tables';
import type { AvatarRoster } from './avatars/avatar-roster';
import { restPoseFor } from './avatars/avatar-pose';
import type { Seating, SeatedMember } from './seating';

const SIM_CAPACITY = 12;
const SEND_INTERVAL_MS = 40;

/** Free cushions at a social event's tables, table by table, around whoever really sits there. */
function freePlaces(seating: Seating, real: readonly SeatedMember[]): TablePlace[] {
  const taken = new Set(
    real.flatMap((m) => (m.place ? [`${m.place.table}/${m.place.cushion}`] : [])),
  );
  const free: TablePlace[] = [];
  for (let table = 0; table < seating.tables; table++) {
    for (let cushion = 0; cushion < Tables.cushions; cushion++) {
      if (!taken.has(`${table}/${cushion}`)) free.push({ table, cushion });
    }
  }
  return free;
}

/**
 * Stand-in members for benchmarks: people at seats who sway gently and move both hands, their
 * poses sent through the real codec and pose buffers at 25 Hz, so the frame cost is the real one.
 * Only reachable through `?diagnostics`.
 */
export class SimulatedMembers {
  private list: MemberView[] = [];
  private lastSentAt = 0;
  private seq = 0;
  private count = 0;
  private seating: Seating | undefined;
  private real: readonly MemberView[] = [];
  /** The viewer's table: only stand-ins there send motion, as only table-mates have links. */
  private ownTable: number | null = null;

  constructor(private readonly roster: AvatarRoster) {}

  set(count: number): void {
    this.count = count;
    this.rebuild();
  }

  /** Follows the real gathering's layout, so stand-ins sit on cushions nobody really has. */
  useSeating(seating: Seating, real: readonly MemberView[], selfId: string): void {
    const sameLayout = seating.key === this.seating?.key;
    this.seating = seating;
    this.real = real;
    this.ownTable = real.find((m) => m.id === selfId)?.place?.table ?? null;
    if (!sameLayout && this.count > 0) this.rebuild();
  }

  private rebuild(): void {
    const seating = this.seating;
    if (seating && seating.tables > 0) {
      const places = freePlaces(seating, this.real).slice(0, Math.max(0, this.count));
      this.list = places.map((place, i) => this.standIn(i, place));
      return;
    }
    const ring = Math.max(0, Math.min(SIM_CAPACITY - 1, this.count));
    this.list = Array.from({ length: ring }, (_, i) => this.standIn(i, null));
  }

  private standIn(i: number, place: TablePlace | null): MemberView {
    return {
      id: `simulated-${i}`,
      name: `Guest ${i + 1}`,
      role: 'participant' as const,
      seat: i + 1,
      arrival: i + 1,
      connected: true,
      takingPart: 'speak',
      place,
      muted: i % 3 === 0,
      color: i % 8,
      away: false,
      forceMuted: false,
    };
  }

  members(): MemberView[] {
    return this.list;
  }

  tick(now: number): void {
    if (this.list.length === 0 || now - this.lastSentAt < SEND_INTERVAL_MS) return;
    this.lastSentAt = now;
    this.seq = (this.seq + 1) % 0x1_0000;
    const t = now / 1000;
    const seating = this.seating;
    if (!seating) return;
    for (const [i, member] of this.list.entries()) {
      if (member.place && member.place.table !== this.ownTable) continue;
      const rest = restPoseFor(seating.poseOf(member));
      const sway = Math.sin(t * 0.9 + i) * 0.04;
      const lift = (Math.sin(t * 1.7 + i * 0.5) + 1) * 0.12;
      const bytes = encodePose({
        seq: this.seq,
        head: {
          position: { ...rest.head.position, x: rest.head.position.x + sway },
          rotation: rest.head.rotation,
        },
        left: {
          position: { ...rest.left.position, y: rest.left.position.y + lift },
          rotation: rest.left.rotation,
          tracked: true,
        },
        right: {
          position: { ...rest.right.position, y: rest.right.position.y + (0.24 - lift) },
          rotation: rest.right.rotation,
          tracked: true,
        },
      });
      this.roster.receivePose(member.id, bytes, now);
    }
  }
}
