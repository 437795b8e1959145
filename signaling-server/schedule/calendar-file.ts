import type { GatheringRecord } from './gathering-record';
import { occurrencesOf } from './occurrences';

/** RFC 5545 TEXT: backslash, semicolon, comma and line breaks escaped. */
function text(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r?\n/g, '\\n');
}

/** UTC date-time form: 20261210T100000Z. */
function stamp(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** Lines longer than 75 octets are folded (RFC 5545 §3.1), never inside a UTF-8 character. */
function fold(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    // The first line holds 75 octets; each continuation begins with a space, so 74 more.
    if (octets + size > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/**
 * An iCalendar file for "Add to calendar": one event per time the gathering happens, each in
 * UTC, so a weekly gathering keeps its wall time across a daylight-saving change in any
 * calendar, with no time-zone table to get wrong.
 */
export function calendarFile(
  gathering: GatheringRecord,
  options: { pageUrl: string; host: string; now: number },
): string {
  const description = [gathering.topic, options.pageUrl].filter((v) => v !== null).join('\n\n');
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Engawa//Gatherings//EN',
    'CALSCALE:GREGORIAN',
  ];
  for (const [index, time] of occurrencesOf(gathering).entries()) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${gathering.id}-${index}@${options.host}`,
      `DTSTAMP:${stamp(options.now)}`,
      `DTSTART:${stamp(time.startsAt)}`,
      `DTEND:${stamp(time.endsAt)}`,
      `SUMMARY:${text(gathering.title)}`,
      `DESCRIPTION:${text(description)}`,
      `URL:${options.pageUrl}`,
      ...(gathering.cancelledAt === null ? [] : ['STATUS:CANCELLED']),
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
