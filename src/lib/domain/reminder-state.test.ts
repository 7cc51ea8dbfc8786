/** Tests of reminder-state.ts: what reminders remember, and the changes the page and the worker make to it. */
import { describe, expect, it } from 'vitest';
import {
  EMPTY_REMINDER_STATE,
  isTracked,
  markNotified,
  markTracked,
  pruneReminderState,
  shouldNotify,
  snoozeDose,
  SNOOZE_MS,
  untrackedMedications,
} from './reminder-state';

describe('announcing and snoozing', () => {
  it('announces a dose once when due, not while snoozed, and once more after the snooze', () => {
    const id = 'med-1@2026-07-03T08:00';
    const now = 1_000_000;
    expect(shouldNotify(id, EMPTY_REMINDER_STATE, now)).toBe(true);
    expect(shouldNotify(id, { notifiedAt: { [id]: now - 10 }, snoozedUntil: {} }, now)).toBe(false);
    const snoozed = { notifiedAt: { [id]: now - 10 }, snoozedUntil: { [id]: now + 900_000 } };
    expect(shouldNotify(id, snoozed, now)).toBe(false);
    expect(shouldNotify(id, snoozed, now + 900_000)).toBe(true);
    expect(
      shouldNotify(id, { notifiedAt: { [id]: now + 900_001 }, snoozedUntil: { [id]: now + 900_000 } }, now + 900_002),
    ).toBe(false);
  });

  it('forgets notification state older than two days', () => {
    const now = 10 * 86_400_000;
    const state = { notifiedAt: { old: now - 3 * 86_400_000, fresh: now - 1000 }, snoozedUntil: { old: 1 } };
    expect(pruneReminderState(state, now)).toEqual({
      notifiedAt: { fresh: now - 1000 },
      snoozedUntil: {},
      trackedSince: {},
    });
    // When the app began following a medication is kept for good.
    expect(pruneReminderState({ ...state, trackedSince: { med: 1 } }, now).trackedSince).toEqual({ med: 1 });
  });

  it('snoozes for 15 minutes and records announcements, forgetting what is more than two days old', () => {
    const now = 10 * 86_400_000;
    const old = { ...EMPTY_REMINDER_STATE, notifiedAt: { old: now - 3 * 86_400_000 } };
    expect(snoozeDose(old, 'a', now)).toEqual({
      notifiedAt: {},
      snoozedUntil: { a: now + SNOOZE_MS },
      trackedSince: {},
    });
    expect(markNotified(old, ['a', 'b'], now)).toEqual({
      notifiedAt: { a: now, b: now },
      snoozedUntil: {},
      trackedSince: {},
    });
  });
});

describe('following a medication', () => {
  const added = { ...EMPTY_REMINDER_STATE, trackedSince: { 'med-1': 1000 } };

  it('marks only medications not followed yet, from now', () => {
    expect(untrackedMedications(['med-1', 'med-2'], added)).toEqual(['med-2']);
    expect(markTracked(added, ['med-1', 'med-2'], 5000).trackedSince).toEqual({ 'med-1': 1000, 'med-2': 5000 });
  });

  it('counts a dose only when it fell due since then', () => {
    expect(isTracked({ medicationId: 'med-1' }, 999, added)).toBe(false);
    expect(isTracked({ medicationId: 'med-1' }, 1000, added)).toBe(true);
    expect(isTracked({ medicationId: 'med-2' }, 5000, added)).toBe(false);
  });
});
