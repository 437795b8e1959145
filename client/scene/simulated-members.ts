import type { MemberView } from '../../shared/circle/views';
import { encodePose } from '../../shared/pose/pose-codec';
import type { AvatarRoster } from './avatars/avatar-roster';
import { restPoseFor } from './avatars/avatar-pose';

const SIM_CAPACITY = 12;
const SEND_INTERVAL_MS = 40;

/**
 * Stand-in members for benchmarks: people at seats who sway gently and move both hands, their
 * poses sent through the real codec and pose buffers at 25 Hz, so the frame cost is the real one.
 * Only reachable through `?diagnostics`.
 */
export class SimulatedMembers {
  private list: MemberView[] = [];
  private lastSentAt = 0;
  private seq = 0;

  constructor(private readonly roster: AvatarRoster) {}

  set(count: number): void {
    this.list = Array.from({ length: Math.max(0, Math.min(SIM_CAPACITY - 1, count)) }, (_, i) => ({
      id: `simulated-${i}`,
      name: `Guest ${i + 1}`,
      role: 'participant' as const,
      seat: i + 1,
      arrival: i + 1,
      connected: true,
      takingPart: 'speak',
      place: null,
      muted: i % 3 === 0,
      color: i % 8,
      away: false,
      forceMuted: false,
    }));
  }

  members(): MemberView[] {
    return this.list;
  }

  tick(now: number): void {
    if (this.list.length === 0 || now - this.lastSentAt < SEND_INTERVAL_MS) return;
    this.lastSentAt = now;
    this.seq = (this.seq + 1) % 0x1_0000;
    const t = now / 1000;
    for (const [i, member] of this.list.entries()) {
      const rest = restPoseFor(member.seat, SIM_CAPACITY);
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
