import { render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import { diaryDb } from '../../db';
import { DRAFT_DELAY_MS } from '../../domain/drafts';
import type { Medication } from '../../domain/medication';
import type { Phase } from '../../domain/phases';
import { en } from '../../i18n/en';
import { i18n } from '../../i18n/locale.svelte';
import RegimenEventForm from './RegimenEventForm.svelte';

const t = en.medications;
const medication: Medication = { id: 'med-1', name: 'Upadacitinib', drugClass: 'jak1-selective', color: '#1f77b4' };
const dose = { amount: 30, unit: 'mg' } as const;
const running: Phase = {
  medicationId: 'med-1',
  kind: 'on',
  startedBy: 'start',
  startEventId: 'e-start',
  start: '2026-10-01',
  end: '2026-11-26',
  isOngoing: true,
  dose,
  frequency: 'once-daily',
};
const interrupted: Phase = {
  ...running,
  kind: 'interrupted',
  startedBy: 'interruption',
  startEventId: 'e-pause',
  start: '2026-11-20',
  reason: 'infection',
};

const radioFor = (kind: keyof typeof t.kindActions) => screen.queryByRole('radio', { name: t.kindActions[kind] });

/** The form as opened on a medication taken daily, before the card hears of a change. */
const renderForRunningMedication = () =>
  render(RegimenEventForm, { medication, current: running, today: '2026-11-26', onDone: () => {} });

beforeEach(async () => {
  await i18n.use('en');
  await diaryDb.drafts.clear();
});

describe('RegimenEventForm', () => {
  it('offers Resume once the interruption just saved reaches the card, though the form opened before it did', async () => {
    const { rerender } = renderForRunningMedication();
    expect(radioFor('interruption')).not.toBeNull();
    expect(radioFor('resume')).toBeNull();

    await rerender({ current: interrupted });

    await waitFor(() => expect(radioFor('resume')).not.toBeNull());
    expect(radioFor('interruption')).toBeNull();
    expect(radioFor('dose-change')).toBeNull();
    // The kind chosen for the patient is one the new state allows, so Save cannot be refused for it.
    expect((radioFor('resume') as HTMLInputElement).checked).toBe(true);
    expect(screen.getAllByRole('radio')).toHaveLength(2);
  });

  it('keeps no draft for a kind the form switched to by itself', async () => {
    const { rerender } = renderForRunningMedication();
    await rerender({ current: interrupted });
    await waitFor(() => expect(radioFor('resume')).not.toBeNull());
    // Give the draft keeper the moment it would take to write.
    await new Promise((resolve) => setTimeout(resolve, DRAFT_DELAY_MS + 200));
    expect(await diaryDb.drafts.count()).toBe(0);
  });
});
