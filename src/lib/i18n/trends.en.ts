/** English text of the Trends screen: the chart, its table, the phase table and the "what changed" sentences. */
const days = (count: number) => (count === 1 ? '1 day' : `${count} days`);

export const trendsEn = {
  title: 'Trends',
  intro: 'Pain, drainage and flares over time, with every medication change.',
  range: {
    legend: 'Show',
    presets: { '30d': '30 days', '90d': '90 days', '1y': '1 year', all: 'All', custom: 'Custom' },
    from: 'From',
    to: 'To',
    invalid: 'Choose a start date on or before the end date, and no later than today.',
    shown: (from: string, to: string) => `${from} – ${to}`,
  },
  loading: 'Loading your entries…',
  empty: {
    nothing: 'Nothing logged yet. Your chart appears here once you have logged a few days.',
    range: 'No days logged in this range. Choose a longer range, or log a day on Today.',
  },
  chart: {
    sentenceJoin: ' ',
    title: 'Chart',
    captionDaily: (from: string, to: string) =>
      `Daily pain (dots, triangles on flare days), its 7-day mean (line) and drainage (bars), ${from} – ${to}.`,
    captionWeekly: (from: string, to: string) =>
      `Weekly mean pain (dots, triangles for weeks with a flare) and mean drainage (bars), ${from} – ${to}. Long ranges show one dot per week.`,
    captionEvents: 'Medication events are labelled vertical lines; interruptions are shaded.',
    captionEventsNumbered:
      'Medication events are vertical lines, numbered as in the list below; interruptions are shaded.',
    tapDaily: 'Tap a day to open it.',
    tapWeekly: 'Tap a week to open its first logged day.',
    tableHint: 'The same figures are in the table below.',
    painAxis: 'Pain',
    drainageAxis: 'Drainage',
    loading: 'Drawing the chart…',
    failed: 'The chart could not be drawn. The table below has the same figures.',
    tooltipPain: (value: string) => `Pain ${value}`,
    tooltipMean: (value: string) => `7-day mean ${value}`,
    tooltipWeeklyPain: (value: string, logged: number) => `Mean pain ${value} (${days(logged)} logged)`,
    tooltipDrainage: (value: string) => `Drainage ${value}`,
    tooltipFlare: 'Flare',
    tooltipFlareDays: (count: number) => (count === 1 ? '1 flare day' : `${count} flare days`),
  },
  events: {
    separator: ': ',
    none: 'No medication events in this range.',
    title: 'Medication events in this range',
  },
  marker: {
    start: (dose: string) => `Start ${dose}`,
    'dose-change': (dose: string) => dose,
    interruption: 'Interrupted',
    resume: (dose: string) => `Resume ${dose}`,
    stop: 'Stopped',
    withName: (name: string, label: string) => `${name}: ${label}`,
    /** Where the words above do not fit: the dose alone for a start, change or resume. */
    compactInterruption: 'Pause',
    compactStop: 'Stop',
  },
  key: {
    pain: 'Pain 0–10 (dot colour)',
    title: 'Key',
    mean: '7-day mean',
    weeklyMean: 'Weekly mean',
    flare: 'Flare day',
    flareWeek: 'Week with a flare',
    drainage: 'Drainage 0–3',
    interrupted: 'Shaded: interrupted',
  },
  table: {
    show: 'Show the chart as a table',
    captionDaily: (from: string, to: string) => `Logged days, ${from} – ${to}`,
    captionWeekly: (from: string, to: string) => `Weekly means, ${from} – ${to}`,
    date: 'Date',
    week: 'Week',
    pain: 'Pain',
    mean: '7-day mean',
    meanPain: 'Mean pain',
    drainage: 'Drainage',
    meanDrainage: 'Mean drainage',
    flare: 'Flare',
    flareDays: 'Flare days',
    loggedDays: 'Days logged',
    yes: 'Yes',
    no: 'No',
    none: '—',
    openDay: (date: string) => `Open ${date}`,
  },
  phases: {
    title: 'What each treatment phase did',
    intro:
      'Every start, dose change, interruption and resume begins a phase. Means count logged days only; missing days are left out.',
    noMedications: 'Add a medication to see what each change did.',
    addLink: 'Open Medicines',
    baseline: (value: string, logged: number) =>
      `Baseline pain before the first start: ${value} (${days(logged)} of the 7 before it logged).`,
    baselineMissing: (logged: number) =>
      `Baseline pain before the first start: not enough entries (${days(logged)} of the 7 before it logged; 4 are needed).`,
    nrs30Level: (level: string) =>
      `NRS30 means the weekly mean pain fell to ${level} or below: at least 30 % and at least 1 point under the baseline. It is judged on whole weeks inside a phase, from day 7.`,
    tableLabel: (name: string) => `Phases of ${name}`,
    scrollHint: 'Scroll sideways for every column.',
    columns: {
      phase: 'Phase',
      meanPain: 'Mean pain',
      change: 'Change from the phase before',
      nrs30: 'NRS30 response',
      afterInterruption: 'After the interruption',
      drainage: 'Drainage',
      dressings: 'Dressing changes a day',
      flares: 'Flares',
      adherence: 'Doses taken',
    },
    /** The PDF's one column for both, each row saying which it is. */
    responseColumn: 'NRS30 response, or after an interruption',
    changeFromBefore: (value: string) => `${value} vs before`,
    dates: (from: string, to: string) => `${from} – ${to}`,
    ongoing: (from: string) => `${from} – now`,
    length: (lengthDays: number, logged: number) => `${days(lengthDays)}, ${logged} logged`,
    lengthOnly: (lengthDays: number) => days(lengthDays),
    interrupted: (reason: string) => (reason ? `Interrupted: ${reason}` : 'Interrupted'),
    stopped: (reason: string) => (reason ? `Stopped: ${reason}` : 'Stopped'),
    fewDays: 'few days',
    withFewDays: (value: string) => `${value} (few days)`,
    changeWords: { fell: 'fell', rose: 'rose', 'changed-little': 'changed little' },
    changeWithWords: (value: string, words: string) => `${value} (${words})`,
    nrs30: {
      reached: (day: number, date: string) => `Reached on day ${day} (${date})`,
      continued: 'Response continued from the phase before',
      'not-reached': 'Not reached',
      'too-short': 'Too short to judge (under 7 days)',
      'no-baseline': 'No baseline',
      'baseline-too-low': 'Baseline below 3',
    },
    endedInResponse: 'Ended in response',
    endedOutOfResponse: 'Not in response at the end',
    weeksInResponse: (inResponse: number, counted: number) =>
      counted === 0
        ? 'No whole week with 4 logged days'
        : inResponse === counted
          ? `In response all ${counted === 1 ? 'week' : `${counted} weeks`}`
          : `In response ${inResponse} of ${counted} ${counted === 1 ? 'week' : 'weeks'}`,
    after: {
      firstFlare: (day: number) => `First flare on day ${day}`,
      noFlare: 'No flare logged',
      backAbove: (day: number) => `Pain back above the response level on day ${day}`,
      stayed: 'Pain stayed at the response level',
      'not-enough-days': 'Too few days logged to tell the pain',
      'no-baseline': 'No baseline to compare the pain with',
      'baseline-too-low': 'Baseline below 3: no response level',
    },
    drainageMean: (mean: string) => `mean ${mean}`,
    drainageShare: (percent: string) => `on ${percent} of days`,
    heavyDays: (count: number) => (count === 1 ? '1 heavy day' : `${count} heavy days`),
    flareRate: (rate: string, episodes: number) =>
      `${rate} per 30 days (${episodes === 1 ? '1 flare' : `${episodes} flares`})`,
    flareCount: (episodes: number) =>
      episodes === 0 ? 'No flare began' : episodes === 1 ? '1 flare began' : `${episodes} flares began`,
    flareRunning: 'A flare was running when it began',
    adherence: (taken: number, scheduled: number, percent: string) => `${taken} of ${scheduled} (${percent})`,
    none: '—',
  },
  changes: {
    title: 'What each phase did',
    intro: 'One sentence per phase, from the figures in its table. Nothing is claimed from fewer than 7 logged days.',
    phaseOn: (dose: string, length: string) => `On ${dose} (${length})`,
    phaseInterrupted: (reason: string, length: string) =>
      reason ? `Interrupted for ${reason} (${length})` : `Interrupted (${length})`,
    phaseStopped: (reason: string, length: string) =>
      reason ? `Stopped: ${reason} (${length})` : `Stopped (${length})`,
    meanPain: (value: string) => `mean pain ${value}`,
    meanPainFew: (value: string) => `mean pain ${value} (few days, so no comparison)`,
    down: (amount: string, from: string) => `down ${amount} from ${from}`,
    up: (amount: string, from: string) => `up ${amount} from ${from}`,
    little: (from: string) => `little change from ${from}`,
    drainage: (percent: string) => `drainage on ${percent} of days`,
    drainageFrom: (percent: string, previous: string) => `drainage on ${percent} of days, against ${previous} before`,
    nrs30Reached: (day: number) => `NRS30 reached on day ${day}`,
    responseContinued: 'the response continued',
    notReached: 'NRS30 not reached',
    weeks: (inResponse: number, counted: number) =>
      inResponse === counted
        ? `in response all ${counted === 1 ? 'week' : `${counted} weeks`}`
        : `in response ${inResponse} of ${counted} ${counted === 1 ? 'week' : 'weeks'}`,
    firstFlare: (day: number) => `first flare on day ${day}`,
    noFlare: 'no flare logged',
    backAbove: (day: number) => `pain back above the response level on day ${day}`,
    stayed: 'pain stayed at the response level',
    nothingLogged: 'nothing logged',
    join: '; ',
    sentence: (head: string, parts: string) => `${head}: ${parts}.`,
  },
};
