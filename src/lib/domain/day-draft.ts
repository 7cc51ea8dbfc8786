/**
 * The check-in form's values and what turns them into a day and back, with no zod, so that Today's first
 * screen can draw and fill its form without it: the save validates the day (day.ts), after the first screen.
 */
import type { IsoDate } from './dates';
import type { DayEntry } from './day';

/** A blank day for the form: nothing chosen yet, so a patient never saves a value they did not pick. */
export interface DayDraft {
  pain: number | null;
  drainage: number | null;
  dressingChanges: number;
  itch: number | null;
  odor: number | null;
  sleepDisturbed: boolean;
  flare: boolean;
  regions: string[];
  lesions: { nodules: number | null; abscesses: number | null; drainingTunnels: number | null };
  interventions: string[];
  note: string;
}

export function emptyDraft(): DayDraft {
  return {
    pain: null,
    drainage: null,
    dressingChanges: 0,
    itch: null,
    odor: null,
    sleepDisturbed: false,
    flare: false,
    regions: [],
    lesions: { nodules: null, abscesses: null, drainingTunnels: null },
    interventions: [],
    note: '',
  };
}

export function draftFromDay(day: DayEntry): DayDraft {
  return {
    pain: day.pain,
    drainage: day.drainage,
    dressingChanges: day.dressingChanges,
    itch: day.itch ?? null,
    odor: day.odor ?? null,
    sleepDisturbed: day.sleepDisturbed ?? false,
    flare: day.flare,
    regions: [...day.regions],
    lesions: {
      nodules: day.lesions?.nodules ?? null,
      abscesses: day.lesions?.abscesses ?? null,
      drainingTunnels: day.lesions?.drainingTunnels ?? null,
    },
    interventions: [...day.interventions],
    note: day.note,
  };
}

/**
 * The raw object a draft would save as. It is not yet validated: the form passes it through
 * `validateDayEntry`, which is where a pain of 11 or a 10,000-character note is refused.
 */
export function dayFromDraft(draft: DayDraft, date: IsoDate, updatedAt: number): Record<string, unknown> {
  const { nodules, abscesses, drainingTunnels } = draft.lesions;
  const hasLesionCounts = nodules !== null || abscesses !== null || drainingTunnels !== null;
  return {
    date,
    pain: draft.pain,
    drainage: draft.drainage,
    dressingChanges: draft.dressingChanges,
    ...(draft.itch !== null && { itch: draft.itch }),
    ...(draft.odor !== null && { odor: draft.odor }),
    ...(draft.sleepDisturbed && { sleepDisturbed: true }),
    flare: draft.flare,
    regions: draft.flare ? draft.regions : [],
    ...(hasLesionCounts && {
      lesions: { nodules: nodules ?? 0, abscesses: abscesses ?? 0, drainingTunnels: drainingTunnels ?? 0 },
    }),
    interventions: draft.interventions,
    note: draft.note.trim(),
    updatedAt,
  };
}

/**
 * "Same as yesterday": the symptoms carry over, but not what happened once (a new flare, an
 * intervention, the note), because copying those would invent events the patient did not have today.
 */
export function sameAsDay(previous: DayEntry, date: IsoDate, updatedAt: number): DayEntry {
  return {
    date,
    pain: previous.pain,
    drainage: previous.drainage,
    dressingChanges: previous.dressingChanges,
    ...(previous.itch !== undefined && { itch: previous.itch }),
    ...(previous.odor !== undefined && { odor: previous.odor }),
    ...(previous.sleepDisturbed !== undefined && { sleepDisturbed: previous.sleepDisturbed }),
    flare: false,
    regions: [],
    ...(previous.lesions && { lesions: { ...previous.lesions } }),
    interventions: [],
    note: '',
    updatedAt,
  };
}
