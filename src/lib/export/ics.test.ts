import ICAL from 'ical.js';
import { beforeEach, describe, expect, it } from 'vitest';
import { dosePlan } from '../../../tests/factories/dose-plan-factory';
import { eventFactory } from '../../../tests/factories/regimen-factory';
import {
  diaryCalendarDraft,
  doseCalendarDrafts,
  planCalendar,
  calendarExportStateSchema,
  type CalendarDraft,
  type CalendarEvent,
  type CalendarExportState,
} from '../domain/calendar-plan';
import { addDays } from '../domain/dates';
import type { RegimenEvent, Reminder } from '../domain/medication';
import type { DosePlan } from '../domain/schedule';
import { instantOf } from '../domain/zoned-time';
import { escapeText, foldLine, IcsValueError, writeIcs, zoneObservances } from './ics';

const LONDON = 'Europe/London';
const TEXTS = { calendarName: 'HS Diary reminders', description: 'A reminder from HS Diary.' };

const UPA = 'upadacitinib-1';
const ADA = 'adalimumab-1';

const plan = (medicationId: string, events: RegimenEvent[], today: string, reminder?: Partial<Reminder>): DosePlan =>
  dosePlan(events, today, reminder, medicationId);

const upadacitinibStart = eventFactory.start('2026-03-02', 15);
// 2026-03-04 is a Wednesday.
const adalimumabStart = eventFactory.build({
  date: '2026-03-04',
  kind: 'start',
  dose: { amount: 40, unit: 'mg' },
  frequency: 'weekly',
});

function drafts(
  today: string,
  extra: { upadacitinib?: RegimenEvent[]; adalimumab?: RegimenEvent[]; upaTimes?: string[] } = {},
) {
  return [
    ...doseCalendarDrafts(
      plan(UPA, [upadacitinibStart, ...(extra.upadacitinib ?? [])], today, extra.upaTimes && { times: extra.upaTimes }),
      'Take upadacitinib 15 mg',
    ),
    ...doseCalendarDrafts(plan(ADA, [adalimumabStart, ...(extra.adalimumab ?? [])], today), 'Inject adalimumab 40 mg'),
    ...diaryCalendarDraft(undefined, today, 'Log your day in HS Diary'),
  ];
}

function exportFile(list: CalendarDraft[], previous: CalendarExportState, today: string, nowMs: number, zone = LONDON) {
  const { events, next } = planCalendar(list, previous, today, zone);
  return { text: writeIcs(events, zone, today, nowMs, TEXTS), next };
}

interface Parsed {
  root: ICAL.Component;
  events: Map<string, ICAL.Event>;
}

/** Parse with ical.js, registering the file's own VTIMEZONE (and nothing else) for the expansion. */
function parse(text: string): Parsed {
  ICAL.TimezoneService.reset();
  const root = new ICAL.Component(ICAL.parse(text));
  for (const zone of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const events = new Map(
    root.getAllSubcomponents('vevent').map((component) => {
      const event = new ICAL.Event(component);
      return [event.uid, event] as const;
    }),
  );
  return { root, events };
}

/** The next `count` occurrences at or after `fromMs`, as instants. */
function nextOccurrences(event: ICAL.Event | undefined, fromMs: number, count: number): number[] {
  if (!event) throw new Error('no such event');
  const iterator = event.iterator();
  const found: number[] = [];
  for (let time = iterator.next(); time && found.length < count; time = iterator.next()) {
    const ms = time.toJSDate().getTime();
    if (ms >= fromMs) found.push(ms);
  }
  return found;
}

const property = (parsed: Parsed, uid: string, name: string) =>
  parsed.events.get(uid)?.component.getFirstPropertyValue(name);

beforeEach(() => ICAL.TimezoneService.reset());

describe('the .ics file', () => {
  const now = Date.parse('2026-03-15T12:00:00Z');
  const { text } = exportFile(drafts('2026-03-15'), {}, '2026-03-15', now);

  it('is well-formed iCalendar: CRLF, folded lines, the calendar and zone headers, one event per dose time and the diary', () => {
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    const parsed = parse(text);
    expect(parsed.root.name).toBe('vcalendar');
    expect(parsed.root.getFirstPropertyValue('version')).toBe('2.0');
    expect(parsed.root.getFirstPropertyValue('prodid')).toBeTruthy();
    expect(parsed.root.getFirstPropertyValue('calscale')).toBe('GREGORIAN');
    expect(parsed.root.getFirstPropertyValue('x-wr-timezone')).toBe(LONDON);
    expect(parsed.root.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe(LONDON);
    expect([...parsed.events.keys()]).toEqual([`${UPA}-0800@hs-diary`, `${ADA}-0800@hs-diary`, 'diary@hs-diary']);
    const upa = parsed.events.get(`${UPA}-0800@hs-diary`);
    expect(upa?.summary).toBe('Take upadacitinib 15 mg');
    expect(upa?.sequence).toBe(0);
    expect(String(property(parsed, `${UPA}-0800@hs-diary`, 'rrule'))).toBe('FREQ=DAILY');
    expect(String(property(parsed, `${ADA}-0800@hs-diary`, 'rrule'))).toBe('FREQ=WEEKLY;BYDAY=WE');
    expect(String(property(parsed, `${UPA}-0800@hs-diary`, 'dtstamp'))).toBe('2026-03-15T12:00:00Z');
    expect(upa?.startDate.zone?.tzid).toBe(LONDON);
    const alarm = upa?.component.getFirstSubcomponent('valarm');
    expect(alarm?.getFirstPropertyValue('action')).toBe('DISPLAY');
    expect(String(alarm?.getFirstPropertyValue('trigger'))).toBe('PT0S');
    expect(alarm?.getFirstPropertyValue('description')).toBe('Take upadacitinib 15 mg');
  });

  it('expands the next 30 doses of upadacitinib (daily) and adalimumab (weekly) at 08:00 London time, across the March change', () => {
    const parsed = parse(text);
    const daily = nextOccurrences(parsed.events.get(`${UPA}-0800@hs-diary`), now, 30);
    const expectedDaily = Array.from({ length: 30 }, (_, index) =>
      instantOf(`${addDays('2026-03-16', index)}T08:00`, LONDON),
    );
    expect(daily).toEqual(expectedDaily);
    // Clocks go forward on 29 March: 08:00 is 08:00 UTC before and 07:00 UTC after.
    expect(daily[12]).toBe(Date.parse('2026-03-28T08:00:00Z'));
    expect(daily[13]).toBe(Date.parse('2026-03-29T07:00:00Z'));

    const weekly = nextOccurrences(parsed.events.get(`${ADA}-0800@hs-diary`), now, 30);
    expect(weekly).toEqual(
      Array.from({ length: 30 }, (_, index) => instantOf(`${addDays('2026-03-18', index * 7)}T08:00`, LONDON)),
    );
    expect(weekly.slice(0, 3).map((ms) => new Date(ms).toISOString())).toEqual([
      '2026-03-18T08:00:00.000Z',
      '2026-03-25T08:00:00.000Z',
      '2026-04-01T07:00:00.000Z',
    ]);

    const diary = nextOccurrences(parsed.events.get('diary@hs-diary'), now, 30);
    expect(diary[0]).toBe(Date.parse('2026-03-15T20:00:00Z'));
    expect(diary[29]).toBe(Date.parse('2026-04-13T19:00:00Z'));
  });

  it('writes every 2 and every 4 weeks as weekly rules with an interval, anchored on the resume', () => {
    const events = [
      eventFactory.build({
        date: '2026-03-02',
        kind: 'start',
        dose: { amount: 300, unit: 'mg' },
        frequency: 'every-2-weeks',
      }),
      eventFactory.interruption('2026-03-20'),
      eventFactory.resume('2026-03-26'),
    ];
    const every4 = [
      eventFactory.build({
        date: '2026-03-03',
        kind: 'start',
        dose: { amount: 320, unit: 'mg' },
        frequency: 'every-4-weeks',
      }),
    ];
    const list = [
      ...doseCalendarDrafts(plan('secukinumab', events, '2026-04-01'), 'Secukinumab'),
      ...doseCalendarDrafts(plan('bimekizumab', every4, '2026-04-01'), 'Bimekizumab'),
    ];
    const parsed = parse(exportFile(list, {}, '2026-04-01', now).text);
    expect(String(property(parsed, 'secukinumab-0800@hs-diary', 'rrule'))).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=TH');
    expect(String(property(parsed, 'bimekizumab-0800@hs-diary', 'rrule'))).toBe('FREQ=WEEKLY;INTERVAL=4;BYDAY=TU');
    expect(
      nextOccurrences(parsed.events.get('secukinumab-0800@hs-diary'), now, 3).map((ms) => new Date(ms).toISOString()),
    ).toEqual(['2026-03-26T08:00:00.000Z', '2026-04-09T07:00:00.000Z', '2026-04-23T07:00:00.000Z']);
  });
});

describe('replacing the previous file', () => {
  const first = exportFile(drafts('2026-03-15'), {}, '2026-03-15', Date.parse('2026-03-15T12:00:00Z'));

  it('keeps uids and SEQUENCE when nothing changed, even on another day', () => {
    const again = exportFile(drafts('2026-03-20'), first.next, '2026-03-20', Date.parse('2026-03-20T12:00:00Z'));
    const parsed = parse(again.text);
    expect([...parsed.events.values()].map((event) => [event.uid, event.sequence])).toEqual([
      [`${UPA}-0800@hs-diary`, 0],
      [`${ADA}-0800@hs-diary`, 0],
      ['diary@hs-diary', 0],
    ]);
    // The diary series keeps the start of the first file, so it is the same event.
    expect(parsed.events.get('diary@hs-diary')?.startDate.toString()).toBe('2026-03-15T20:00:00');
  });

  it('bumps SEQUENCE under the same uid after a dose change, and ends a moved time under its old uid', () => {
    const updated = exportFile(
      drafts('2026-04-10', {
        adalimumab: [eventFactory.build({ date: '2026-04-08', kind: 'dose-change', dose: { amount: 80, unit: 'mg' } })],
        upaTimes: ['09:00'],
      }).map((draft) => (draft.uid.startsWith(ADA) ? { ...draft, summary: 'Inject adalimumab 80 mg' } : draft)),
      first.next,
      '2026-04-10',
      Date.parse('2026-04-10T12:00:00Z'),
    );
    const parsed = parse(updated.text);
    const summary = (uid: string) => {
      const event = parsed.events.get(uid);
      return [event?.sequence, event?.component.getFirstPropertyValue('status'), event?.summary];
    };
    expect(summary(`${ADA}-0800@hs-diary`)).toEqual([1, 'CONFIRMED', 'Inject adalimumab 80 mg']);
    expect(summary(`${UPA}-0900@hs-diary`)).toEqual([0, 'CONFIRMED', 'Take upadacitinib 15 mg']);
    expect(summary(`${UPA}-0800@hs-diary`)).toEqual([1, 'CANCELLED', 'Take upadacitinib 15 mg']);
    // The old 08:00 series ends yesterday; a calendar that keeps it stops alarming.
    expect(nextOccurrences(parsed.events.get(`${UPA}-0800@hs-diary`), Date.parse('2026-04-10T00:00:00Z'), 5)).toEqual(
      [],
    );
    expect(parsed.events.get(`${UPA}-0800@hs-diary`)?.component.getFirstSubcomponent('valarm')).toBeNull();
    expect(nextOccurrences(parsed.events.get(`${UPA}-0900@hs-diary`), Date.parse('2026-04-10T00:00:00Z'), 1)).toEqual([
      Date.parse('2026-04-10T08:00:00Z'),
    ]);
  });

  it('cancels an interrupted medication’s event, keeps it cancelled, and brings it back on resume', () => {
    const interrupted = exportFile(
      drafts('2026-04-10', { upadacitinib: [eventFactory.interruption('2026-04-09')] }),
      first.next,
      '2026-04-10',
      Date.parse('2026-04-10T12:00:00Z'),
    );
    let parsed = parse(interrupted.text);
    expect(parsed.events.get(`${UPA}-0800@hs-diary`)?.sequence).toBe(1);
    expect(property(parsed, `${UPA}-0800@hs-diary`, 'status')).toBe('CANCELLED');
    expect(String(property(parsed, `${UPA}-0800@hs-diary`, 'rrule'))).toBe('FREQ=DAILY;UNTIL=20260409T225959Z');

    const stillInterrupted = exportFile(
      drafts('2026-04-12', { upadacitinib: [eventFactory.interruption('2026-04-09')] }),
      interrupted.next,
      '2026-04-12',
      Date.parse('2026-04-12T12:00:00Z'),
    );
    parsed = parse(stillInterrupted.text);
    expect(parsed.events.get(`${UPA}-0800@hs-diary`)?.sequence).toBe(1);

    const resumed = exportFile(
      drafts('2026-04-20', {
        upadacitinib: [eventFactory.interruption('2026-04-09'), eventFactory.resume('2026-04-20')],
      }),
      stillInterrupted.next,
      '2026-04-20',
      Date.parse('2026-04-20T12:00:00Z'),
    );
    parsed = parse(resumed.text);
    expect(parsed.events.get(`${UPA}-0800@hs-diary`)?.sequence).toBe(2);
    expect(property(parsed, `${UPA}-0800@hs-diary`, 'status')).toBe('CONFIRMED');
    expect(nextOccurrences(parsed.events.get(`${UPA}-0800@hs-diary`), Date.parse('2026-04-20T00:00:00Z'), 1)).toEqual([
      Date.parse('2026-04-20T07:00:00Z'),
    ]);
  });
});

describe('time zones in the file', () => {
  it('describes London with its two yearly rules, and Shanghai with one fixed offset', () => {
    expect(zoneObservances(LONDON, '2026-03-15')).toEqual([
      {
        kind: 'DAYLIGHT',
        fromMs: 0,
        toMs: 3_600_000,
        start: '1970-03-29T01:00',
        rule: 'FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
      },
      {
        kind: 'STANDARD',
        fromMs: 3_600_000,
        toMs: 0,
        start: '1970-10-25T02:00',
        rule: 'FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
      },
    ]);
    expect(zoneObservances('Asia/Shanghai', '2026-03-15')).toEqual([
      { kind: 'STANDARD', fromMs: 8 * 3_600_000, toMs: 8 * 3_600_000, start: '1970-01-01T00:00' },
    ]);
  });

  it.each([
    'America/New_York',
    'Australia/Sydney',
    'Asia/Shanghai',
    'Asia/Kolkata',
    'Africa/Casablanca',
    'America/Santiago',
  ])('expands a year of weekly 08:00 doses in %s exactly as the app schedules them', (zone) => {
    const start = eventFactory.build({
      date: '2026-01-04',
      kind: 'start',
      dose: { amount: 1, unit: 'mg' },
      frequency: 'weekly',
    });
    const list = doseCalendarDrafts(plan('med', [start], '2026-01-10', { times: ['08:00'] }), 'Dose');
    const parsed = parse(exportFile(list, {}, '2026-01-10', Date.parse('2026-01-10T00:00:00Z'), zone).text);
    const found = nextOccurrences(parsed.events.get('med-0800@hs-diary'), 0, 52);
    expect(found).toEqual(
      Array.from({ length: 52 }, (_, index) => instantOf(`${addDays('2026-01-04', index * 7)}T08:00`, zone)),
    );
  });
});

describe('text', () => {
  it('escapes commas, semicolons, backslashes and line breaks, and folds long lines without splitting a character', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    expect(escapeText('a\r\nb\rc\nd\u2028e\u0085f\u0000g\th')).toBe('a\\nb\\nc\\nd\\ne\\nfg\th');
    const summary = '服用乌帕替尼 15 毫克，每天一次；别忘了记录。'.repeat(4);
    const folded = foldLine(`SUMMARY:${escapeText(summary)}`);
    for (const line of folded.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    const list = doseCalendarDrafts(plan(UPA, [upadacitinibStart], '2026-03-15'), summary);
    const parsed = parse(exportFile(list, {}, '2026-03-15', 0).text);
    expect(parsed.events.get(`${UPA}-0800@hs-diary`)?.summary).toBe(summary);
  });
});

/**
 * The file as a calendar reads it: content lines split at CRLF and unfolded. A line break anywhere else (a
 * lone CR or LF) would start a line of its own in many parsers, so it counts as a line here too.
 */
function contentLines(text: string): string[] {
  return text
    .replace(/\r\n[ \t]/g, '')
    .split(/\r\n|\r|\n/)
    .filter((line) => line !== '');
}

/** The property names a file of ours may hold, and how many VALARMs: one per event still on. */
const OUR_PROPERTIES = new Set(
  'BEGIN END VERSION PRODID CALSCALE METHOD X-WR-CALNAME X-WR-TIMEZONE TZID TZOFFSETFROM TZOFFSETTO DTSTART RRULE UID DTSTAMP SEQUENCE DURATION SUMMARY DESCRIPTION STATUS TRANSP ACTION TRIGGER'.split(
    ' ',
  ),
);
const nameOf = (line: string) => /^[A-Z-]+/.exec(line)?.[0] ?? line;

describe('hostile values cannot add a line to the file', () => {
  const HOSTILE = 'x\r\nATTACH:https://evil.example/a\r\nX';
  const TODAY_HERE = '2026-03-15';

  it('writes hostile text (CRLF, a lone CR or LF, a Unicode line separator) inside its own line', () => {
    const words = [HOSTILE, 'a\rBEGIN:VALARM\rTRIGGER:PT0M', 'b\nATTACH:evil', 'c\u2028ATTACH:evil', 'd;e,f\\'];
    const list = words.flatMap((summary, index) =>
      doseCalendarDrafts(plan(`med-${index}`, [upadacitinibStart], TODAY_HERE), summary),
    );
    const { text } = exportFile(list, {}, TODAY_HERE, 0);
    const lines = contentLines(
      writeIcs(planCalendar(list, {}, TODAY_HERE, LONDON).events, LONDON, TODAY_HERE, 0, {
        calendarName: HOSTILE,
        description: 'Take\r\nBEGIN:VALARM',
      }),
    );
    expect(lines.map(nameOf).filter((name) => !OUR_PROPERTIES.has(name))).toEqual([]);
    expect(lines.filter((line) => line === 'BEGIN:VALARM')).toHaveLength(list.length);
    expect(lines.some((line) => line.startsWith('ATTACH'))).toBe(false);
    const parsed = parse(text);
    // The words arrive whole, each line break as one.
    expect([...parsed.events.values()].map((event) => event.summary)).toEqual(
      words.map((summary) => summary.replace(/\r\n|[\r\u2028]/g, '\n')),
    );
  });

  it('refuses an event whose uid, start or end is not of its strict shape, instead of writing it', () => {
    const good = planCalendar(
      doseCalendarDrafts(plan(UPA, [upadacitinibStart], TODAY_HERE), 'Take it'),
      {},
      TODAY_HERE,
      LONDON,
    ).events[0] as CalendarEvent;
    const write =
      (event: CalendarEvent, zone = LONDON) =>
      () =>
        writeIcs([event], zone, TODAY_HERE, 0, TEXTS);
    expect(write(good)).not.toThrow();
    expect(write({ ...good, uid: `${HOSTILE}-0800@hs-diary` })).toThrow(IcsValueError);
    expect(write({ ...good, start: `2026-03-15T08:00\r\nBEGIN:VALARM` })).toThrow(IcsValueError);
    expect(write({ ...good, until: '20260315T000000Z\rATTACH:x' })).toThrow(IcsValueError);
    expect(write({ ...good, sequence: 1.5 })).toThrow(IcsValueError);
    expect(write({ ...good, intervalDays: 3 })).toThrow(IcsValueError);
    expect(write(good, 'Europe/London\r\nATTACH:x')).toThrow(IcsValueError);
  });

  it('drops a hostile record of the last file when it is read back, so it never reaches the next file', () => {
    const alarm = 'Take 10 tablets now\r\nBEGIN:VALARM\r\nTRIGGER:PT0M\r\nEND:VALARM';
    const hostile: Record<string, unknown>[] = [
      {
        [`${UPA}-0800@hs-diary`]: { sequence: 0, start: `2026-03-02T08:00\r\n${alarm}`, intervalDays: 1, summary: 'x' },
      },
      {
        [`${UPA}-0800@hs-diary`]: {
          sequence: 0,
          start: '2026-03-02T08:00',
          intervalDays: 1,
          summary: 'x',
          until: `20260101T000000Z\r\n${alarm}`,
        },
      },
      { [`evil\r\n${alarm}@hs-diary`]: { sequence: 0, start: '2026-03-02T08:00', intervalDays: 1, summary: 'x' } },
    ];
    for (const value of hostile) expect(calendarExportStateSchema.safeParse(value).success).toBe(false);
    // Its summary is text: a record that passes may say anything, and it is still escaped.
    const previous = calendarExportStateSchema.parse({
      [`${ADA}-0800@hs-diary`]: { sequence: 2, start: '2026-03-04T08:00', intervalDays: 7, summary: alarm },
    });
    const lines = contentLines(exportFile([], previous, TODAY_HERE, 0).text);
    expect(lines.filter((line) => line === 'BEGIN:VALARM')).toEqual([]);
    expect(lines.map(nameOf).filter((name) => !OUR_PROPERTIES.has(name))).toEqual([]);
  });
});
