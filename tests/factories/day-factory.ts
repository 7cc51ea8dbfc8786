/** Typed builder for diary days in tests: `dayFactory.build({ pain: 7 })` gives a valid day. */
import type { DayEntry } from '../../src/lib/domain/day';

const DEFAULT_DAY: DayEntry = {
  date: '2026-11-20',
  pain: 3,
  drainage: 1,
  dressingChanges: 1,
  flare: false,
  regions: [],
  interventions: [],
  note: '',
  updatedAt: Date.UTC(2026, 10, 20, 20),
};

export const dayFactory = {
  build(overrides: Partial<DayEntry> = {}): DayEntry {
    return structuredClone({ ...DEFAULT_DAY, ...overrides });
  },
};
