/** English text of backup, import, CSV export, backup reminders and storage warnings. */
import type { RowIssue } from '../domain/backup-format';

type Unit = 'number' | 'characters' | 'items';

export const backupEn = {
  title: 'Backup',
  lastBackup: (ago: string, date: string) => `Last backup: ${ago} (${date}).`,
  lastBackupNever: 'Last backup: never.',
  intro:
    'A backup is one file with your whole diary: days, medicines and visits. Keep it somewhere safe, such as your email or a cloud drive. It brings your diary back on a new phone or in another browser.',
  protect: 'Protect the backup with a passphrase',
  passphrase: 'Passphrase',
  passphraseAgain: 'Passphrase again',
  passphraseHint: 'At least 8 characters. Write it down: without it nobody can open the backup, not even you.',
  passphraseTooShort: 'Use at least 8 characters for the passphrase.',
  passphraseMismatch: 'The two passphrases are not the same. Type them again.',
  backUpNow: 'Back up now',
  working: 'Making the backup…',
  saved: (fileName: string) => `Backup saved: ${fileName}`,
  shared: 'Backup shared.',
  exportFailed: 'The backup could not be made. Your diary is unchanged: try again.',
  keptAside: (count: number) =>
    `${count} saved ${count === 1 ? 'entry' : 'entries'} could not be read by this version of HS Diary. ${count === 1 ? 'It is' : 'They are'} kept aside, not deleted, and included in every backup.`,

  importTitle: 'Import a backup',
  importIntro:
    'Bring in a backup from this or another device. You will see what it adds or changes before anything is saved.',
  chooseFile: 'Choose a backup file',
  chooseAnother: 'Choose another file',
  reading: 'Reading the backup…',
  locked: 'This backup is protected with a passphrase.',
  unlockPassphrase: 'Passphrase of the backup',
  unlock: 'Open the backup',
  unlocking: 'Opening the backup…',
  cancel: 'Cancel',
  importing: 'Importing…',
  checking: 'Checking the backup…',
  /** Shown when a step takes longer than it should; Cancel stays beside it. */
  slow: {
    reading:
      'Reading the file is taking longer than it should. If it is on a cloud drive, it may still be downloading. You can cancel: nothing has been imported.',
    unlocking:
      'Opening the backup is taking longer than it should (an older phone can take a while). You can cancel: nothing has been imported.',
    checking:
      'Checking the backup is taking longer than it should: the browser’s storage may not be answering. You can cancel: nothing has been imported.',
    importing:
      'Saving the backup is taking longer than it should: the browser’s storage may not be answering. You can cancel, and nothing will be imported.',
  },
  cancelled: 'Import cancelled. Nothing was imported.',
  /** `added` and `changed` are lists of counts ("3 diary days, 1 medicine and 12 doses"), empty when none. */
  done: (added: string, changed: string, kept: number) =>
    (!added && !changed
      ? kept === 0
        ? 'Nothing needed to change: your diary already had everything in the backup.'
        : 'Nothing was added: this device already had everything in the backup, or its own version of it.'
      : `Done. ${added ? `New in your diary: ${added}.` : ''}${added && changed ? ' ' : ''}${changed ? `Changed: ${changed}.` : ''}`) +
    (kept > 0 && (added || changed)
      ? ` ${kept} ${kept === 1 ? 'entry that differs was' : 'entries that differ were'} kept as on this device.`
      : ''),
  doneButton: 'Done',
  preview: {
    title: 'What this backup would change',
    from: (date: string, version: string) => `Backup made on ${date} with HS Diary ${version}.`,
    caption: 'Entries in the backup, compared with this device',
    what: 'In the backup',
    added: 'New',
    changed: 'Different',
    same: 'Already here',
    /** Which way the entries that differ go, per table: the backup's newer ones in, this device's newer ones kept. */
    newerInBackup: (rows: string, count: number) =>
      `${rows} newer in the backup will replace this device’s ${count === 1 ? 'version' : 'versions'}.`,
    newerHere: (rows: string, count: number) => `${rows} newer on this device ${count === 1 ? 'is' : 'are'} kept.`,
    undated: (rows: string, count: number) =>
      `${rows} ${count === 1 ? 'differs' : 'differ'} with no time of saving to compare: this device’s ${count === 1 ? 'version is' : 'versions are'} kept.`,
    backupTakes: (rows: string, count: number, newerHere: number) =>
      `${rows} that ${count === 1 ? 'differs takes' : 'differ take'} the backup’s version${newerHere > 0 ? `, ${newerHere} of them newer on this device` : ''}.`,
    nothing: 'Everything in this backup is already in your diary. There is nothing to import.',
    nothingNewer:
      'This device already has everything in the backup, or a newer version of it. There is nothing to import unless you choose “The backup wins”.',
    how: 'How to import',
    merge: 'Add to my diary',
    mergeHint: 'Adds what is new. Where an entry differs, the newer one stays.',
    backupWins: 'The backup wins',
    backupWinsHint: (replaced: number) =>
      `Adds what is new, and where an entry differs takes the backup’s version, even if this device’s is newer: ${replaced} ${replaced === 1 ? 'entry' : 'entries'} on this device replaced.`,
    replace: 'Replace my diary',
    replaceHint: (lost: number) =>
      lost === 0
        ? 'Clears this device first. Everything on it is also in the backup.'
        : `Clears this device first: ${lost} ${lost === 1 ? 'entry' : 'entries'} not in the backup will be deleted.`,
    import: 'Import',
    close: 'Close',
    confirmTitle: 'Replace your diary?',
    confirmBody: (lost: number) =>
      `The diary on this device will be replaced by the backup.${lost > 0 ? ` ${lost} ${lost === 1 ? 'entry' : 'entries'} not in the backup will be deleted.` : ''} This cannot be undone.`,
    confirm: 'Replace',
  },
  tables: {
    days: 'diary days',
    medications: 'medicines',
    regimenEvents: 'medication changes',
    doseLogs: 'doses',
    reminders: 'reminders',
    visits: 'clinic visits',
    meta: 'settings',
  },
  /** "3 diary days", "1 medicine": a count of a table's rows in a sentence. */
  rowCount: (table: 'days' | 'medications' | 'regimenEvents' | 'doseLogs' | 'reminders' | 'visits', count: number) => {
    const names = {
      days: ['diary day', 'diary days'],
      medications: ['medicine', 'medicines'],
      regimenEvents: ['medication change', 'medication changes'],
      doseLogs: ['dose', 'doses'],
      reminders: ['reminder', 'reminders'],
      visits: ['clinic visit', 'clinic visits'],
    } as const;
    return `${count} ${names[table][count === 1 ? 0 : 1]}`;
  },
  tableTitles: {
    days: 'Diary days',
    medications: 'Medicines',
    regimenEvents: 'Medication changes',
    doseLogs: 'Doses',
    reminders: 'Reminders',
    visits: 'Clinic visits',
    meta: 'Settings',
  },
  /** Names of stored fields, for messages about a bad row; a field not listed is shown as it is stored. */
  fields: {
    date: 'date',
    pain: 'pain',
    drainage: 'drainage',
    dressingChanges: 'dressing changes',
    itch: 'itch',
    odor: 'odour',
    sleepDisturbed: 'sleep',
    flare: 'flare',
    regions: 'flare places',
    lesions: 'lesion counts',
    interventions: 'what happened',
    note: 'note',
    updatedAt: 'time of saving',
    id: 'id',
    name: 'name',
    presetId: 'preset',
    drugClass: 'kind of medicine',
    color: 'colour',
    medicationId: 'medicine',
    kind: 'kind',
    dose: 'dose',
    frequency: 'how often',
    reason: 'reason',
    scheduledFor: 'time due',
    status: 'taken or skipped',
    at: 'time',
    times: 'times',
    days: 'days',
    enabled: 'on or off',
    ihs4: 'IHS4 score',
    hurley: 'Hurley stage',
    notes: 'notes',
    questions: 'questions',
    key: 'name of the setting',
    value: 'value',
    calendarExport: 'the record of the last calendar file',
    reminderState: 'the reminders’ record',
  } as Record<string, string>,
  rowIssue: (field: string, issue: RowIssue): string => {
    const unitText = (limit: number, unit: Unit) =>
      unit === 'characters' ? `${limit} characters` : unit === 'items' ? `${limit} entries` : String(limit);
    switch (issue.kind) {
      case 'missing':
        return `${field} is missing`;
      case 'too-big':
        return issue.unit === 'number'
          ? `${field} must be ${issue.limit} or less`
          : `${field} is too long (at most ${unitText(issue.limit, issue.unit)})`;
      case 'too-small':
        if (issue.unit === 'characters' && issue.limit <= 1) return `${field} is empty`;
        return issue.unit === 'number'
          ? `${field} must be ${issue.limit} or more`
          : `${field} is too short (at least ${unitText(issue.limit, issue.unit)})`;
      case 'not-whole-number':
        return `${field} must be a whole number`;
      case 'wrong-type':
        return `${field} has the wrong kind of value`;
      case 'not-allowed':
        return `${field} is not one of the values HS Diary knows`;
      case 'bad-format':
        return `${field} is not written the right way`;
      case 'not-a-date':
        return `${field} is not a real calendar date`;
      case 'duplicate-entries':
        return `${field} lists the same thing twice`;
      case 'regions-without-flare':
        return `${field} are given for a day without a flare`;
      case 'unknown-medication':
        return `${field} names a medicine that is not in the backup`;
      case 'in-the-future':
        return `${field} is later than this device's date and time`;
      case 'invalid':
        return `${field} is not valid`;
    }
  },
  problems: {
    badRow: (row: number, table: string, detail: string, others: number) =>
      `Row ${row} of the ${table}: ${detail}.${others > 0 ? ` ${others} more ${others === 1 ? 'row has' : 'rows have'} problems too.` : ''} Nothing was imported.`,
    unreadableRow: (row: number, table: string) =>
      `Row ${row} of the ${table} could not be read. Nothing was imported.`,
    tooLarge: (size: string, max: string) =>
      `This file is too large to be an HS Diary backup (${size}; the limit is ${max}). Nothing was imported.`,
    notBackup:
      'This file is not an HS Diary backup. Choose the file HS Diary made, named like hs-diary-backup-2026-11-26.json. Nothing was imported.',
    spreadsheet:
      'This is a spreadsheet file (CSV): it is for reading, not for importing. Choose the backup file instead, named like hs-diary-backup-2026-11-26.json.',
    madeInTheFuture: (date: string) =>
      `This backup says it was made on ${date}, later than this device's date. Check the date and time on both devices, then import it again. Nothing was imported.`,
    damaged: 'This backup is damaged or incomplete, so nothing was imported. Try another copy of it.',
    damagedTable: (table: string) =>
      `This backup is damaged: the ${table} are missing. Nothing was imported. Try another copy of it.`,
    newerVersion:
      'This backup was made by a newer version of HS Diary. Update the app first (reload the page), then import it again. Nothing was imported.',
    tooManyRows: (table: string, max: string) =>
      `This backup has more ${table} than HS Diary can import (at most ${max}). Nothing was imported.`,
    duplicateRow: (row: number, table: string, firstRow: number, key: string) =>
      `Row ${row} of the ${table} repeats row ${firstRow} (${key}). Nothing was imported.`,
    impossibleHistory: (medication: string, date: string, problem: string) =>
      `The history of ${medication} in this backup is not possible (the entry of ${date}): ${problem} Nothing was imported.`,
    historyConflict: (medication: string, date: string, problem: string) =>
      `The history of ${medication} in this backup does not fit the one on this device (the entry of ${date}): ${problem} To use the history in the backup, choose “Replace my diary”.`,
    wrongPassphrase: 'The passphrase is not right, or the file was changed.',
    unsupportedEncryption:
      'This backup is locked in a way HS Diary does not accept, so it cannot be opened. Nothing was imported.',
  },
  /** An import that the device's storage refused; nothing was written. */
  importStorage: {
    quota:
      'There is not enough storage space on this device for this backup. Nothing was imported: free some space and try again.',
    closed: 'The browser closed the diary’s storage. Nothing was imported: try again.',
    blocked: 'Another tab is updating HS Diary. Close other tabs of HS Diary and try again. Nothing was imported.',
    newer:
      'This diary was saved by a newer version of HS Diary. Update the app (reload) before importing. Nothing was imported.',
    unavailable: 'This browser window does not let HS Diary save anything, so nothing was imported.',
    unknown: 'The backup could not be imported. Your diary is unchanged: try again.',
  },
  database: {
    newerTitle: 'Update HS Diary before making changes',
    newer:
      'This diary was saved by a newer version of HS Diary. Update the app (reload) before making changes. You can still read your diary and make a backup.',
    reload: 'Reload',
    updatingTitle: 'HS Diary was updated in another tab',
    updating: 'Save your entry: the page then reloads to finish the update.',
    reloading: 'Reloading to finish the update…',
    blockedTitle: 'Close other tabs of HS Diary to finish updating',
    blocked: 'HS Diary is open in another tab or window that is still using the old version.',
    deletedTitle: 'Your diary was deleted in another tab or window',
    deleted:
      'The diary on this device was deleted from another tab or window of HS Diary (or by clearing this site’s data), with everything saved in it, including what you saved here. Nothing more is saved in this tab. What is on screen has not been kept: note down what you need, then reload. If you have a backup, import it in Settings after reloading.',
    unavailableTitle: 'Nothing can be saved in this window',
    unavailable:
      'This browser does not let HS Diary store anything here (private windows often do this), so nothing you enter would be kept. Open HS Diary in a normal window, or install it.',
  },
  risk: {
    title: 'Keep a copy of your diary',
    notPersisted: 'This browser may delete your diary when the device runs low on space. A backup keeps a copy safe.',
    iosTab:
      'In a Safari tab, iPhone and iPad may delete your diary if you do not open HS Diary for a week or so. Add it to your Home Screen, and keep a backup.',
    backUpNow: 'Back up now',
    notNow: 'Not now',
  },
  reminder: {
    title: 'Time for a backup',
    never:
      'You have not made a backup yet. One file keeps your whole diary safe if this phone is lost or the browser is cleared.',
    last: (ago: string) => `Your last backup was ${ago}. What you saved since then is only on this device.`,
  },
  firstRun: {
    title: 'Moving your diary here?',
    body: 'If you used HS Diary in another browser or on another phone, import the backup you made there. On iPhone and iPad, the Home Screen app and Safari keep separate diaries.',
    import: 'Import a backup',
    noThanks: 'No thanks',
  },
  csvTitle: 'For a spreadsheet',
  csvIntro:
    'Your days, or your medication changes, as a table (CSV) for Excel, Numbers or Google Sheets. This is not a backup: it cannot be imported.',
  csvDays: 'Days as a table',
  csvEvents: 'Medication changes as a table',
  csvSaved: (fileName: string) => `Saved: ${fileName}`,
  csvFailed: 'The table could not be made. Try again.',
};
