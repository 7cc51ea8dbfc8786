import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { diaryDb } from '../db';
import { addMedication } from '../db/medications-repository';
import { saveReminder } from '../db/reminders-repository';
import { currentLocalDate } from '../platform/clock';
import { medicationsEn } from '../i18n/medications.en';
import { exportCalendar } from './calendar-export';
import type * as Ics from './ics';

// The messages as the page holds them once English is loaded (the Svelte state itself needs the compiler).
vi.mock('../i18n/locale.svelte', () => ({ i18n: { t: { medications: medicationsEn }, intlTag: 'en-GB' } }));
const saved: string[] = [];
vi.mock('./ics', async (original) => ({
  ...(await original<typeof Ics>()),
  saveCalendarFile: (text: string) => {
    saved.push(text);
    return Promise.resolve('downloaded' as const);
  },
}));

afterEach(async () => {
  await diaryDb.delete();
});

describe('the calendar file (issue 12, item 9)', () => {
  it('puts the medication name between FSI and PDI in the event title', async () => {
    const today = currentLocalDate();
    await addMedication(
      diaryDb,
      { id: 'med-1', name: '\u202Egnp.exe', drugClass: 'other', color: '#d55e00' },
      {
        id: 'start',
        medicationId: 'med-1',
        date: today,
        kind: 'start',
        dose: { amount: 40, unit: 'mg' },
        frequency: 'once-daily',
      },
      today,
    );
    await saveReminder(diaryDb, {
      id: 'dose:med-1',
      kind: 'dose',
      medicationId: 'med-1',
      times: ['08:00'],
      days: [0, 1, 2, 3, 4, 5, 6],
      enabled: true,
    });
    const outcome = await exportCalendar({
      calendarName: 'HS Diary',
      description: 'Reminders',
      doseSummary: (name) => `Take ${name}`,
      diarySummary: 'Fill in the diary',
    });
    expect(outcome).toBe('downloaded');
    const unfolded = (saved[0] ?? '').replace(/\r\n[ \t]/g, '');
    expect(unfolded).toContain('SUMMARY:Take \u2068\u202Egnp.exe\u2069 40 mg\r\n');
  });
});
