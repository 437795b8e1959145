import ICAL from 'ical.js';
import { calendarFile } from '../../../../signaling-server/schedule/calendar-file';
import { gatheringRecord } from './fixtures';

const page = { pageUrl: 'https://engawa.example.org/?g=g1', host: 'engawa.example.org', now: 1 };

/** The file read back by a real iCalendar parser, as a calendar app would. */
function eventsIn(file: string): ICAL.Event[] {
  const calendar = new ICAL.Component(ICAL.parse(file) as unknown[]);
  return calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
}

describe('"Add to calendar"', () => {
  it('is one event per time, each at its instant, with the page’s link', () => {
    const file = calendarFile(gatheringRecord({ topic: '年末のこと' }), page);
    const events = eventsIn(file);
    expect(events.map((e) => e.startDate.toJSDate().toISOString())).toEqual([
      '2026-12-10T10:00:00.000Z',
      '2026-12-17T10:00:00.000Z',
      '2026-12-24T10:00:00.000Z',
      '2026-12-31T10:00:00.000Z',
    ]);
    expect(events.map((e) => e.endDate.toJSDate().toISOString())[0]).toBe(
      '2026-12-10T11:30:00.000Z',
    );
    expect(new Set(events.map((e) => e.uid)).size).toBe(4);
    const first = events[0];
    expect(first?.summary).toBe('木曜の会');
    expect(first?.description).toBe('年末のこと\n\nhttps://engawa.example.org/?g=g1');
    expect(first?.component.getFirstPropertyValue('url')).toBe(page.pageUrl);
  });

  it('keeps the wall time across a daylight-saving change in the operator’s zone', () => {
    const berlin = gatheringRecord({ zone: 'Europe/Berlin', date: '2027-03-25', weeks: 2 });
    const starts = eventsIn(calendarFile(berlin, page)).map((e) => e.startDate.toJSDate());
    const local = starts.map((d) =>
      d.toLocaleTimeString('en-GB', {
        timeZone: 'Europe/Berlin',
        hour: '2-digit',
        minute: '2-digit',
      }),
    );
    expect(local).toEqual(['19:00', '19:00']);
  });

  it('carries commas, semicolons, backslashes, line breaks and long Japanese text intact', () => {
    const title = '会;その一, \\ と「ゆっくり」' + 'あ'.repeat(40);
    const file = calendarFile(gatheringRecord({ title, topic: '一行目\n二行目', weeks: 1 }), page);
    // Folded: no line longer than 75 octets, and no character split.
    for (const line of file.split('\r\n')) {
      expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    }
    const [event] = eventsIn(file);
    expect(event?.summary).toBe(title);
    expect(event?.description).toBe('一行目\n二行目\n\nhttps://engawa.example.org/?g=g1');
  });

  it('marks the events of a cancelled gathering cancelled', () => {
    const file = calendarFile(gatheringRecord({ cancelledAt: 5, weeks: 1 }), page);
    expect(eventsIn(file)[0]?.component.getFirstPropertyValue('status')).toBe('CANCELLED');
  });
});
