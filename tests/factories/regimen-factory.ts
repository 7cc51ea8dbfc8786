/** Builders for medication histories and runs of logged days in measure tests. */
import { addDays, type IsoDate } from '../../src/lib/domain/dates';
import type { DayEntry } from '../../src/lib/domain/day';
import type { RegimenEvent } from '../../src/lib/domain/medication';
import { dayFactory } from './day-factory';

let nextId = 1;

export const eventFactory = {
  build(overrides: Partial<RegimenEvent> & Pick<RegimenEvent, 'date' | 'kind'>): RegimenEvent {
    return { id: `event-${nextId++}`, medicationId: 'med-1', ...overrides };
  },
  start: (date: IsoDate, amount: number, frequency: RegimenEvent['frequency'] = 'once-daily') =>
    eventFactory.build({ date, kind: 'start', dose: { amount, unit: 'mg' }, frequency }),
  doseChange: (date: IsoDate, amount: number) =>
    eventFactory.build({ date, kind: 'dose-change', dose: { amount, unit: 'mg' } }),
  interruption: (date: IsoDate, reason: RegimenEvent['reason'] = 'infection') =>
    eventFactory.build({ date, kind: 'interruption', reason }),
  resume: (date: IsoDate) => eventFactory.build({ date, kind: 'resume' }),
  stop: (date: IsoDate, reason: RegimenEvent['reason'] = 'side-effect') =>
    eventFactory.build({ date, kind: 'stop', reason }),
};

/**
 * Consecutive days from `start`, one per value; `null` leaves that day unlogged. A value may be a pain
 * number or a partial day.
 */
export function daysFrom(start: IsoDate, values: readonly (number | Partial<DayEntry> | null)[]): DayEntry[] {
  return values.flatMap((value, index) => {
    if (value === null) return [];
    const date = addDays(start, index);
    return [dayFactory.build({ date, ...(typeof value === 'number' ? { pain: value } : value) })];
  });
}

export const repeat = <T>(value: T, count: number): T[] => Array.from({ length: count }, () => value);
