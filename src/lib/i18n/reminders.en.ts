/** English text of reminders that Today needs: its doses cards and the notifications (settings text: reminder-settings.en.ts). */
export const remindersEn = {
  doses: {
    title: 'Doses today',
    doseLabel: (name: string, time: string) => `${name}, ${time}`,
    due: 'Due now',
    upcoming: (time: string) => `Due at ${time}`,
    taken: (time: string) => `Taken at ${time}`,
    takenLate: (time: string) => `Taken late, at ${time}`,
    skipped: 'Skipped',
    snoozed: (time: string) => `Snoozed until ${time}`,
    markTaken: 'Taken',
    markSkipped: 'Skipped',
    snooze: 'Snooze 15 min',
    undo: 'Undo',
    missedTitle: 'Missed since you last opened HS Diary',
    missedIntro: (count: number) =>
      count === 1
        ? 'Nothing is recorded for this dose. Did you take it?'
        : `Nothing is recorded for these ${count} doses. Did you take them?`,
    missedCount: (count: number, from: string, to: string) => `${count} doses, ${from} – ${to}`,
    missedLabel: (name: string, date: string, time: string) => `${name}, ${date} ${time}`,
    oneByOne: 'Answer one by one',
    allTaken: 'All taken',
    allSkipped: 'All skipped',
    failed: 'This could not be saved. Please try again.',
  },
  notification: {
    title: (name: string) => `Time for ${name}`,
    body: (time: string) => `Due at ${time}. Tap Taken once you have taken it.`,
    /** The same, as one notice on screen where notifications are not allowed. */
    notice: (title: string, body: string) => `${title}. ${body}`,
    taken: 'Taken',
    snooze: 'Snooze 15 min',
    diaryTitle: 'How was your skin today?',
    diaryBody: 'Log today in HS Diary: it takes a few seconds.',
    missedTitle: (count: number) =>
      count === 1 ? 'A dose may have been missed' : `${count} doses may have been missed`,
    missedBody: 'Open HS Diary to record whether you took them.',
  },
};
