/**
 * Wall-clock times in a named time zone, turned into instants with the runtime's own time-zone
 * data (Intl), so a weekly gathering stays at 19:00 local across a daylight-saving change.
 */

const formats = new Map<string, Intl.DateTimeFormat>();

function formatIn(zone: string): Intl.DateTimeFormat {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(zone, format);
  }
  return format;
}

export function isTimeZone(zone: string): boolean {
  try {
    formatIn(zone);
    return true;
  } catch {
    return false;
  }
}

/** How far the zone's wall clock is ahead of UTC at `instant`, in milliseconds. */
export function zoneOffsetMs(instant: number, zone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatIn(zone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wall = Date.UTC(
    parts.year ?? 0,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return wall - Math.floor(instant / 1000) * 1000;
}

export interface WallTime {
  /** `YYYY-MM-DD` */
  date: string;
  /** `HH:MM`, 24-hour */
  time: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})$/;

/** The wall time as UTC fields, or null if it is not a real date and time. */
function wallAsUtc({ date, time }: WallTime): number | null {
  const d = DATE.exec(date);
  const t = TIME.exec(time);
  if (!d || !t) return null;
  const [year, month, day, hour, minute] = [d[1], d[2], d[3], t[1], t[2]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (hour > 23 || minute > 59) return null;
  const ms = Date.UTC(year, month - 1, day, hour, minute);
  const back = new Date(ms);
  // Date.UTC rolls 2026-02-30 over into March; a real date comes back unchanged.
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1) return null;
  if (back.getUTCDate() !== day) return null;
  return ms;
}

/**
 * The instant a wall time in `zone` names, or null for a malformed or impossible date. A time
 * skipped by a spring-forward change reads as the same span after it (02:30 becomes 03:30); a
 * time that happens twice in the autumn is the first.
 */
export function zonedToInstant(wall: WallTime, zone: string): number | null {
  const asUtc = wallAsUtc(wall);
  if (asUtc === null) return null;
  const first = asUtc - zoneOffsetMs(asUtc, zone);
  const second = asUtc - zoneOffsetMs(first, zone);
  if (first === second) return first;
  // Near a change the two guesses differ: take the earlier one whose wall time matches.
  const matches = [first, second].filter((t) => t + zoneOffsetMs(t, zone) === asUtc);
  return matches.length > 0 ? Math.min(...matches) : Math.max(first, second);
}

/** The date `days` later, on the calendar (not in hours, which a DST change would skew). */
export function addDays(date: string, days: number): string {
  const ms = wallAsUtc({ date, time: '00:00' });
  if (ms === null) throw new RangeError(`not a date: ${date}`);
  return new Date(ms + days * 86_400_000).toISOString().slice(0, 10);
}
