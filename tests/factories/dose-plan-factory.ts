/** A medication's dose plan for schedule, calendar and .ics tests: its phases and, optionally, its reminder. */
import type { Reminder, RegimenEvent } from '../../src/lib/domain/medication';
import { buildPhases } from '../../src/lib/domain/phases';
import type { DosePlan } from '../../src/lib/domain/schedule';

export function dosePlan(
  events: readonly RegimenEvent[],
  today: string,
  reminder?: Partial<Reminder>,
  medicationId = 'med-1',
): DosePlan {
  return {
    medicationId,
    phases: buildPhases(
      events.map((event) => ({ ...event, medicationId })),
      today,
    ),
    ...(reminder && {
      reminder: {
        id: `dose:${medicationId}`,
        kind: 'dose',
        medicationId,
        times: [],
        days: [],
        enabled: true,
        ...reminder,
      },
    }),
  };
}
