import { randomBytes } from 'node:crypto';
import {
  gatheringPageUrl,
  Schedule,
  type EntranceItem,
  type GatheringInvitation,
  type GatheringView,
  type OwnGathering,
} from '../../shared/gathering/gathering';
import type { PackedEnteredCircle } from '../../shared/circle/wire-views';
import type { ParsedInput } from '../../shared/protocol/client-events';
import { EngawaError, ErrorCode } from '../../shared/protocol/errors';
import type { CircleService } from '../circles/circle-service';
import type { CircleStore } from '../circles/circle-store';
import type { FacilitatorAccess } from '../facilitators/facilitator-access';
import type { AttemptLimiter } from '../limits/attempt-limiter';
import type { Logger } from '../logger';
import type { Caller } from '../ports/caller';
import { calendarFile } from './calendar-file';
import { hashToken } from '../circles/secrets';
import { readGatheringSetup } from './gathering-input';
import type { GatheringRecord } from './gathering-record';
import type { GatheringStore } from './gathering-store';
import { entranceItems, gatheringView, ownGathering, type RoomNow } from './gathering-views';
import { occurrencesOf, upcomingOf } from './occurrences';

export interface ScheduleServiceDeps {
  gatherings: GatheringStore;
  circleStore: CircleStore;
  circles: CircleService;
  facilitators: FacilitatorAccess;
  /** The operator's time zone: the clock gatherings are set on. */
  zone: string;
  /** A TURN server is configured, so a one-to-one session's voice can be relay-only. */
  privateVoice: boolean;
  /** Wrong invitation tokens per address, counted with wrong circle codes. */
  guesses: AttemptLimiter;
  now: () => number;
  logger: Logger;
}

/** At most this many lines on the entrance, soonest first. */
const ENTRANCE_MAX = 100;
/** A gathering is forgotten this long after its last time ended, or after it was cancelled. */
export const KEEP_AFTER_MS = 30 * 86_400_000;

/** When a gathering has nothing left to say: cancelled, or its last time over. */
function finishedAt(gathering: GatheringRecord): number {
  if (gathering.cancelledAt !== null) return gathering.cancelledAt;
  return occurrencesOf(gathering).reduce(
    (last, o) => Math.max(last, o.endsAt),
    gathering.createdAt,
  );
}

/**
 * The schedule: facilitators with a key set gatherings up ahead of time, the entrance lists
 * the listed ones, a gathering's page says when to come, and at its time the facilitator
 * opens its room, a circle like any other.
 */
export class ScheduleService {
  constructor(private readonly deps: ScheduleServiceDeps) {}

  async schedule(caller: Caller, input: ParsedInput<'gathering:schedule'>): Promise<OwnGathering> {
    const owner = await this.deps.facilitators.identify(caller.address, input.facilitatorKey);
    const now = this.deps.now();
    const setup = readGatheringSetup(input, { zone: this.deps.zone, now });
    const gathering: GatheringRecord = {
      ...setup,
      id: randomBytes(12).toString('base64url'),
      ownerKeyId: owner.id,
      zone: this.deps.zone,
      createdAt: now,
      cancelledAt: null,
      room: null,
    };
    if (!(await this.deps.gatherings.add(gathering))) throw EngawaError.of(ErrorCode.Internal);
    this.deps.logger.info(
      {
        evt: 'gathering.scheduled',
        gathering: gathering.id,
        kind: gathering.kind,
        weeks: gathering.weeks,
      },
      'gathering scheduled',
    );
    return ownGathering(gathering, null, now);
  }

  async edit(caller: Caller, input: ParsedInput<'gathering:edit'>): Promise<OwnGathering> {
    const owner = await this.deps.facilitators.identify(caller.address, input.facilitatorKey);
    const now = this.deps.now();
    const updated = await this.deps.gatherings.update(input.id, (gathering) => {
      assertOwner(gathering, owner.id);
      if (gathering.cancelledAt !== null) throw EngawaError.of(ErrorCode.GatheringOver);
      const setup = readGatheringSetup(input, { zone: gathering.zone, now, previous: gathering });
      return { ...gathering, ...setup };
    });
    if (!updated) throw EngawaError.of(ErrorCode.GatheringNotFound);
    this.deps.logger.info({ evt: 'gathering.edited', gathering: updated.id }, 'gathering edited');
    return ownGathering(updated, await this.roomOf(updated), now);
  }

  async cancel(caller: Caller, input: ParsedInput<'gathering:cancel'>): Promise<null> {
    const owner = await this.deps.facilitators.identify(caller.address, input.facilitatorKey);
    const now = this.deps.now();
    const updated = await this.deps.gatherings.update(input.id, (gathering) => {
      assertOwner(gathering, owner.id);
      return gathering.cancelledAt === null ? { ...gathering, cancelledAt: now } : gathering;
    });
    if (!updated) throw EngawaError.of(ErrorCode.GatheringNotFound);
    this.deps.logger.info(
      { evt: 'gathering.cancelled', gathering: updated.id },
      'gathering cancelled',
    );
    return null;
  }

  /** The key holder's gatherings that are not over or cancelled, soonest first. */
  async mine(caller: Caller, input: ParsedInput<'gathering:mine'>): Promise<OwnGathering[]> {
    const owner = await this.deps.facilitators.identify(caller.address, input.facilitatorKey);
    const now = this.deps.now();
    const own = (await this.current(now)).filter(
      (g) => g.ownerKeyId === owner.id && g.cancelledAt === null && upcomingOf(g, now).length > 0,
    );
    const views = await Promise.all(
      own.map(async (g) => ownGathering(g, await this.roomOf(g), now)),
    );
    return views.sort((a, b) => (a.next?.startsAt ?? 0) - (b.next?.startsAt ?? 0));
  }

  async get(id: string): Promise<GatheringView> {
    const gathering = await this.deps.gatherings.get(id);
    if (!gathering) throw EngawaError.of(ErrorCode.GatheringNotFound);
    return gatheringView(gathering, await this.roomOf(gathering), this.deps.now());
  }

  /** "Add to calendar": the gathering's times as an iCalendar file, linking to its page. */
  async calendar(id: string, page: { origin: string; host: string }): Promise<string | undefined> {
    const gathering = await this.deps.gatherings.get(id);
    if (!gathering) return undefined;
    return calendarFile(gathering, {
      pageUrl: gatheringPageUrl(page.origin, gathering.id),
      host: page.host,
      now: this.deps.now(),
    });
  }

  /** Listed gatherings starting in the next 14 days, soonest first. */
  async entrance(): Promise<EntranceItem[]> {
    const now = this.deps.now();
    const listed = (await this.current(now)).filter((g) => g.listed && g.cancelledAt === null);
    const lines = await Promise.all(
      listed.map(async (g) => entranceItems(g, await this.roomOf(g), now)),
    );
    return lines
      .flat()
      .sort((a, b) => a.startsAt - b.startsAt)
      .slice(0, ENTRANCE_MAX);
  }

  /**
   * Opens the room for the gathering's next time: from 30 minutes before it starts until it
   * ends. The room is a circle set up as the gathering was, with the opener as facilitator.
   */
  async open(caller: Caller, input: ParsedInput<'gathering:open'>): Promise<PackedEnteredCircle> {
    const owner = await this.deps.facilitators.identify(caller.address, input.facilitatorKey);
    const gathering = await this.deps.gatherings.get(input.id);
    if (!gathering) throw EngawaError.of(ErrorCode.GatheringNotFound);
    assertOwner(gathering, owner.id);
    const now = this.deps.now();
    const next = gathering.cancelledAt === null ? upcomingOf(gathering, now)[0] : undefined;
    if (!next) throw EngawaError.of(ErrorCode.GatheringOver);
    const opensAt = next.startsAt - Schedule.hostOpensBeforeMs;
    if (now < opensAt) throw EngawaError.tooEarly(Math.ceil((opensAt - now) / 1000));
    if ((await this.roomOf(gathering))?.startsAt === next.startsAt) {
      throw EngawaError.of(ErrorCode.GatheringAlreadyOpen);
    }
    const entered = await this.deps.circles.create(
      caller,
      {
        title: gathering.title,
        ...(gathering.topic === null ? {} : { topic: gathering.topic }),
        rules: gathering.rules,
        shareTimeS: gathering.shareTimeS,
        pieceMode: gathering.pieceMode,
        capacity: gathering.seats,
        name: input.name,
        // Between a counsellor and one person, no one learns another's address where it can
        // be helped: relay-only whenever there is a relay.
        privateVoice: gathering.kind === 'oneToOne' && this.deps.privateVoice,
        color: input.color,
        facilitatorKey: input.facilitatorKey,
      },
      {
        knockFrom: next.startsAt - Schedule.joinOpensBeforeMs,
        kind: gathering.kind,
        dropIn: gathering.kind === 'social' && gathering.waitingRoom === false,
      },
    );
    const code = entered.circle.code;
    await this.deps.gatherings.update(gathering.id, (g) => ({
      ...g,
      room: { startsAt: next.startsAt, code },
    }));
    this.deps.logger.info(
      { evt: 'gathering.opened', gathering: gathering.id, member: entered.self.memberId },
      'gathering room opened',
    );
    return entered;
  }

  /**
   * Every gathering still worth keeping. Those finished more than 30 days ago are deleted on
   * the way, so a schedule does not keep old titles and topics for ever.
   */
  private async current(now: number): Promise<GatheringRecord[]> {
    const all = await this.deps.gatherings.list();
    const old = all.filter((g) => finishedAt(g) + KEEP_AFTER_MS < now);
    for (const gathering of old) {
      await this.deps.gatherings.remove(gathering.id);
      this.deps.logger.info(
        { evt: 'gathering.forgotten', gathering: gathering.id },
        'gathering forgotten',
      );
    }
    return all.filter((g) => !old.includes(g));
  }

  /**
   * A personal invitation to a one-to-one session, for its counsellor to send. Each admits
   * once; a session keeps at most one unused invitation per seat besides the counsellor's, so
   * a new one for a lost link retires the oldest unused.
   */
  async invite(
    caller: Caller,
    input: ParsedInput<'gathering:invite'>,
  ): Promise<GatheringInvitation> {
    const owner = await this.deps.facilitators.identify(caller.address, input.facilitatorKey);
    const token = randomBytes(24).toString('base64url');
    const now = this.deps.now();
    const updated = await this.deps.gatherings.update(input.id, (gathering) => {
      assertOwner(gathering, owner.id);
      if (gathering.kind !== 'oneToOne') throw EngawaError.of(ErrorCode.NotPermitted);
      if (gathering.cancelledAt !== null || upcomingOf(gathering, now).length === 0) {
        throw EngawaError.of(ErrorCode.GatheringOver);
      }
      const invitations = [...(gathering.invitations ?? [])];
      invitations.push({ tokenHash: hashToken(token), issuedAt: now, usedAt: null });
      const unused = invitations.filter((i) => i.usedAt === null);
      const retire = new Set(unused.slice(0, Math.max(0, unused.length - (gathering.seats - 1))));
      return { ...gathering, invitations: invitations.filter((i) => !retire.has(i)) };
    });
    if (!updated) throw EngawaError.of(ErrorCode.GatheringNotFound);
    this.deps.logger.info({ evt: 'gathering.invited', gathering: input.id }, 'invitation issued');
    return { token };
  }

  /**
   * The invitation's holder comes straight in, once the counsellor has opened the room and its
   * time has come. The invitation is spent first, so two browsers with one link cannot both
   * enter; if the seat cannot be taken after all, it is given back.
   */
  async accept(
    caller: Caller,
    input: ParsedInput<'gathering:accept'>,
  ): Promise<PackedEnteredCircle> {
    await this.deps.guesses.assertAllowed(caller.address);
    const tokenHash = hashToken(input.token);
    const gathering = await this.deps.gatherings.get(input.id);
    const invitation = gathering?.invitations?.find((i) => i.tokenHash === tokenHash);
    if (!gathering || !invitation || invitation.usedAt !== null) {
      await this.deps.guesses.recordFailure(caller.address);
      throw EngawaError.of(ErrorCode.InvitationInvalid);
    }
    const now = this.deps.now();
    const next = gathering.cancelledAt === null ? upcomingOf(gathering, now)[0] : undefined;
    if (!next) throw EngawaError.of(ErrorCode.GatheringOver);
    const room = await this.roomOf(gathering);
    const opensAt = next.startsAt - Schedule.joinOpensBeforeMs;
    if (!room || room.startsAt !== next.startsAt || now < opensAt) {
      // Not yet: come back when the door opens, or shortly, if the counsellor is late.
      throw EngawaError.tooEarly(Math.max(15, Math.ceil((opensAt - now) / 1000)));
    }
    await this.markInvitation(gathering.id, tokenHash, now);
    try {
      return await this.deps.circles.enterInvited(caller, room.code, input);
    } catch (error) {
      await this.markInvitation(gathering.id, tokenHash, null);
      throw error;
    }
  }

  /** Spends an invitation (`usedAt` a time) or gives it back (null); refuses a spent one. */
  private async markInvitation(
    id: string,
    tokenHash: string,
    usedAt: number | null,
  ): Promise<void> {
    await this.deps.gatherings.update(id, (gathering) => {
      const invitations = (gathering.invitations ?? []).map((i) => {
        if (i.tokenHash !== tokenHash) return i;
        if (usedAt !== null && i.usedAt !== null) throw EngawaError.of(ErrorCode.InvitationInvalid);
        return { ...i, usedAt };
      });
      return { ...gathering, invitations };
    });
  }

  /** The gathering's room if its circle is still open, with how many are in it. */
  private async roomOf(gathering: GatheringRecord): Promise<RoomNow | null> {
    const room = gathering.room;
    if (!room) return null;
    const circleId = await this.deps.circleStore.findIdByCode(room.code);
    const circle = circleId === undefined ? undefined : await this.deps.circleStore.get(circleId);
    if (!circle) return null;
    return { startsAt: room.startsAt, code: room.code, membersIn: circle.members.length };
  }
}

function assertOwner(gathering: GatheringRecord, keyId: string): void {
  if (gathering.ownerKeyId !== keyId) throw EngawaError.of(ErrorCode.NotYourGathering);
}
