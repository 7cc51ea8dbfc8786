/**
 * The calendar file of every reminder as it stands: read the schedule, plan the events against what the
 * last file held (domain/calendar-plan.ts), write the .ics (ics.ts, loaded only now) and hand it over.
 */
import { calendarDrafts, planCalendar } from '../domain/calendar-plan';
import { DIARY_REMINDER_ID, dosePlans } from '../domain/schedule';
import { diaryDb } from '../db';
import { loadCalendarExportState, loadScheduleInputs, saveCalendarExportState } from '../db/reminders-repository';
import { isolatedDoseName } from '../i18n/dose-name';
import { currentLocalDate, deviceTimeZone, nowMs } from '../platform/clock';

/** The file's words in the patient's language: Settings passes them, so this module loads no messages. */
export interface CalendarTexts {
  calendarName: string;
  description: string;
  doseSummary: (name: string) => string;
  diarySummary: string;
}

/**
 * Share or download the .ics file of every reminder as it stands, replacing what the last file held (see
 * domain/calendar-plan.ts). What it held is remembered only when the file was really shared or saved.
 */
export async function exportCalendar(texts: CalendarTexts): Promise<'shared' | 'downloaded' | 'cancelled'> {
  const today = currentLocalDate();
  const timeZone = deviceTimeZone();
  const [ics, inputs, previous] = await Promise.all([
    import('./ics'),
    loadScheduleInputs(diaryDb, today),
    loadCalendarExportState(diaryDb),
  ]);
  const diaryReminder = inputs.reminders.find((row) => row.id === DIARY_REMINDER_ID);
  const drafts = calendarDrafts(dosePlans(inputs, today), diaryReminder, today, {
    dose: (plan, current) =>
      texts.doseSummary(
        isolatedDoseName(
          inputs.medications.find((row) => row.id === plan.medicationId),
          { phase: current },
        ),
      ),
    diary: texts.diarySummary,
  });
  const { events, next } = planCalendar(drafts, previous, today, timeZone);
  const text = ics.writeIcs(events, timeZone, today, nowMs(), {
    calendarName: texts.calendarName,
    description: texts.description,
  });
  const outcome = await ics.saveCalendarFile(text);
  if (outcome !== 'cancelled') await saveCalendarExportState(diaryDb, next);
  return outcome;
}
