/**
 * A medication's history of events and the checks that keep it possible: no dose change before a start,
 * no resume without an interruption, nothing after a stop but a new start, nothing in the future.
 */
import type { IsoDate } from './dates';
import type { RegimenEvent } from './medication';
import { compareCodeUnits } from './text-order';

export type RegimenProblemKind =
  | 'future'
  | 'before-start'
  | 'resume-without-interruption'
  | 'after-stop'
  | 'already-on'
  | 'already-interrupted'
  | 'not-interrupted-to-change'
  | 'same-day'
  | 'missing-dose'
  | 'missing-reason';

/** An entry of the history, as a problem names it: what it was and when. */
export interface RegimenEntryRef {
  eventId: string;
  kind: RegimenEvent['kind'];
  date: IsoDate;
}

export interface RegimenProblem {
  /** The entry that cannot stand. */
  eventId: string;
  kind: RegimenProblemKind;
  /** That entry's own kind and date, so a message can name it ("the resume on 29 Nov"). */
  entry: RegimenEntryRef;
  /**
   * The entry it conflicts with: the one before it that set the state it was checked against ("would come
   * after the dose change on 4 Nov"), or the other entry on the same day. None for a problem of its own
   * (a future date, a missing dose, nothing before it).
   */
  conflictsWith?: RegimenEntryRef;
}

const refOf = (event: RegimenEvent): RegimenEntryRef => ({ eventId: event.id, kind: event.kind, date: event.date });

/** Problems whose own entry has a dose or reason missing, or a date in the future, name no other entry. */
const STANDS_ALONE: readonly RegimenProblemKind[] = ['future', 'missing-dose', 'missing-reason'];

type State = 'none' | 'on' | 'interrupted' | 'stopped';

/** Events in time order. Ties are impossible in a valid history (one event per medication per day). */
export function sortEvents(events: readonly RegimenEvent[]): RegimenEvent[] {
  // A summary sorts hundreds of events several times while it is drawn: no collator (text-order.ts).
  return [...events].sort((a, b) => compareCodeUnits(a.date, b.date) || compareCodeUnits(a.id, b.id));
}

/**
 * Check one medication's events as a whole; empty when the history is possible. The first problem found
 * for each event is reported, in time order.
 */
export function checkRegimenHistory(events: readonly RegimenEvent[], today: IsoDate): RegimenProblem[] {
  const problems: RegimenProblem[] = [];
  let state: State = 'none';
  let previous: RegimenEvent | undefined;
  for (const event of sortEvents(events)) {
    const problem = checkEvent(event, state, previous?.date, today);
    if (problem) {
      const conflictsWith = previous && !STANDS_ALONE.includes(problem) ? refOf(previous) : undefined;
      problems.push({ eventId: event.id, kind: problem, entry: refOf(event), ...(conflictsWith && { conflictsWith }) });
      continue;
    }
    previous = event;
    state = nextState(event.kind);
  }
  return problems;
}

function checkEvent(
  event: RegimenEvent,
  state: State,
  previousDate: IsoDate | undefined,
  today: IsoDate,
): RegimenProblemKind | undefined {
  if (event.date > today) return 'future';
  if (previousDate === event.date) return 'same-day';
  if ((event.kind === 'start' || event.kind === 'dose-change') && !event.dose) return 'missing-dose';
  if ((event.kind === 'interruption' || event.kind === 'stop') && !event.reason) return 'missing-reason';
  switch (event.kind) {
    case 'start':
      return state === 'on' || state === 'interrupted' ? 'already-on' : undefined;
    case 'dose-change':
      if (state === 'none') return 'before-start';
      if (state === 'stopped') return 'after-stop';
      return state === 'interrupted' ? 'not-interrupted-to-change' : undefined;
    case 'interruption':
      if (state === 'none') return 'before-start';
      if (state === 'stopped') return 'after-stop';
      return state === 'interrupted' ? 'already-interrupted' : undefined;
    case 'resume':
      if (state === 'none') return 'before-start';
      if (state === 'stopped') return 'after-stop';
      return state === 'on' ? 'resume-without-interruption' : undefined;
    case 'stop':
      if (state === 'none') return 'before-start';
      return state === 'stopped' ? 'after-stop' : undefined;
  }
}

function nextState(kind: RegimenEvent['kind']): State {
  switch (kind) {
    case 'start':
    case 'dose-change':
    case 'resume':
      return 'on';
    case 'interruption':
      return 'interrupted';
    case 'stop':
      return 'stopped';
  }
}

/** Whether adding, replacing or removing one event keeps the history possible; the problems if not. */
export function checkRegimenChange(
  events: readonly RegimenEvent[],
  change: { put?: RegimenEvent; removeId?: string },
  today: IsoDate,
): RegimenProblem[] {
  const next = events.filter((event) => event.id !== change.put?.id && event.id !== change.removeId);
  if (change.put) next.push(change.put);
  return checkRegimenHistory(next, today);
}
