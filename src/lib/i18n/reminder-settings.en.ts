/**
 * English text of the reminder settings: the schedule editor on each medication and the Settings section.
 * Kept out of the messages Today loads; the two components load it with them.
 */
export const reminderSettingsEn = {
  schedule: {
    title: 'Reminders',
    daily: (times: string) => `Every day at ${times}`,
    weekly: (weekday: string, time: string) => `Every ${weekday} at ${time}`,
    everyWeeks: (weeks: number, weekday: string, time: string) => `Every ${weeks} weeks on ${weekday}, at ${time}`,
    off: 'Reminders are off for this medication.',
    paused: 'Paused while this medication is interrupted.',
    stopped: 'No reminders: this medication is stopped.',
    noSchedule: 'No reminders for medicines taken as needed or on another schedule.',
    next: (when: string) => `Next dose: ${when}`,
    enabled: 'Remind me and list the doses on Today',
    time: (index: number): string => (index === 0 ? 'Time' : 'Second time'),
    weekday: 'Day of the week',
    change: 'Change reminder times',
    save: 'Save reminders',
    saved: 'Reminders saved.',
    failed: 'The reminders could not be saved. Please try again.',
  },
  settings: {
    title: 'Reminders',
    diary: 'Remind me to log the day',
    diaryTime: 'At',
    save: 'Save',
    saved: 'Saved.',
    medicationsHint: 'Dose times are set for each medicine on the Medicines screen.',
    allowTitle: 'Notifications',
    allowWhy:
      'HS Diary can show a notification when a dose is due, with buttons to record it as taken or to remind you again in 15 minutes. Nothing leaves your device.',
    allow: 'Allow notifications',
    refused: 'Notifications were not allowed. You can change this in your browser’s site settings.',
    honestyTitle: 'What works on this device',
    honestyIntro: 'A web app cannot wake up by itself at a set time. This is what HS Diary can do here:',
    works: 'Works',
    doesNotWork: 'Does not work here',
    needsAction: 'Needs a step',
    inApp: {
      label: 'In the app',
      text: 'Due doses are shown on Today whenever HS Diary is open.',
    },
    notifications: {
      label: 'Notifications',
      granted: 'Shown while HS Diary is open, even in a background tab. Not when it is closed.',
      grantedNoButtons:
        'Shown while HS Diary is open, even in a background tab, but without the Taken and Snooze buttons here: tap one to open HS Diary. Not when it is closed.',
      default: 'Not allowed yet. Use the button above.',
      denied: 'Blocked for HS Diary. Allow them in your browser’s site settings.',
      installFirst:
        'On iPhone and iPad they need HS Diary on the Home Screen (Share, then Add to Home Screen), with iOS 16.4 or later.',
      unsupported: 'This browser cannot show them for HS Diary.',
    },
    background: {
      label: 'Background check for missed doses',
      granted:
        'About once or twice a day, even when HS Diary is closed, the browser may let it check for missed doses. The browser decides when.',
      installFirst:
        'Only once HS Diary is installed as an app (browser menu, Install app) and notifications are allowed.',
      unsupported: 'This browser does not offer it. Use calendar alarms for when the app is closed.',
    },
    calendar: {
      label: 'Calendar alarms',
      text: 'Always available: add the reminders to your phone’s calendar, which reminds you even when HS Diary is closed.',
    },
    relay: {
      label: 'Reminders when the app is closed',
      on: 'On: a reminder relay sends this device a signal at each reminder time, and it shows the dose even when HS Diary is closed.',
      behind:
        'On, but the reminder relay could not be reached the last time HS Diary tried. It tries again while it is open.',
      off: 'Off. With a reminder relay (below), this device is reminded even when HS Diary is closed.',
      unsupported: 'This browser cannot receive push messages for HS Diary. Use calendar alarms instead.',
    },
    channelTitle: 'When HS Diary is closed:',
    channelRelay: 'The reminder relay reminds you on this device, and so does your calendar if you added the file.',
    channelCalendar: 'Only your calendar can remind you, once you have added the calendar file below.',
    closedApp: {
      title: 'Remind me when the app is closed',
      intro:
        'A reminder relay is a small server, run by your clinic or by you, that sends this device a signal at each reminder time. HS Diary then words the reminder from what is on this device.',
      knowsTitle: 'What the relay knows',
      knows:
        'An address your browser gives it for sending this device signals, the reminder times (and when a snoozed one comes back), the days, and your time zone.',
      notKnowsTitle: 'What it never knows',
      notKnows: 'No medicine, no dose, no symptom and no name: those stay on this device.',
      address: 'Relay address',
      turnOn: 'Turn on',
      turnOff: 'Turn off',
      working: 'Working…',
      on: (address: string) => `On, through ${address}.`,
      turnedOn: 'Closed-app reminders are on.',
      turnedOff: 'Closed-app reminders are off. The relay has been told to forget them.',
      turnedOffPending:
        'Closed-app reminders are off on this device. The relay could not be reached to forget them: HS Diary tells it each time it opens, until the relay confirms.',
      pendingDeletes: (count: number) =>
        `${count === 1 ? '1 reminder is' : `${count} reminders are`} still to be deleted from a relay that could not be reached. HS Diary tries again each time it opens.`,
      subscriptionLost:
        'Closed-app reminders need turning on again: this browser changed the address the relay sends to while HS Diary was closed, and the relay could not be told. Turn them off, then on.',
      problems: {
        invalid: 'Enter the relay’s address, such as https://relay.example.org.',
        permission: 'Notifications are needed for this. Allow them for HS Diary in your browser’s site settings.',
        unreachable: 'No reminder relay answered at this address. Check it, or try again later.',
        'not-allowed':
          'This copy of HS Diary may only reach a relay on its own site. Whoever hosts it can allow another one.',
        refused: 'The relay refused the reminders. It may need updating.',
        'no-push': 'This browser cannot receive push messages for HS Diary.',
      },
    },
    exportTitle: 'Add to your calendar',
    exportWhy:
      'Download a calendar file with your dose and diary reminders, then open it with your calendar app. After a change to a medicine or a time, add the new file: it replaces the old reminders rather than doubling them.',
    export: 'Add reminders to my calendar',
    exported: 'Calendar file ready.',
    exportFailed: 'The calendar file could not be made. Please try again.',
    calendarName: 'HS Diary reminders',
    eventDescription: 'A reminder from HS Diary. Open the app to record it.',
    doseSummary: (name: string) => `Take ${name}`,
    diarySummary: 'Log your day in HS Diary',
  },
};
