import { fireEvent, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { diaryDb } from '../../db';
import { addMedication, saveRegimenEvent } from '../../db/medications-repository';
import { reminderSettingsEn } from '../../i18n/reminder-settings.en';
import { i18n } from '../../i18n/locale.svelte';
import { clock } from '../../state/clock.svelte';
import MedicationsScreen from './MedicationsScreen.svelte';

const TODAY = '2026-11-26'; // a Thursday
const t = reminderSettingsEn.schedule;

async function addAdalimumab() {
  await addMedication(
    diaryDb,
    { id: 'ada', name: 'Adalimumab', presetId: 'adalimumab', drugClass: 'tnf', color: '#d55e00' },
    // 2 November 2026 was a Monday.
    {
      id: 'ada-start',
      medicationId: 'ada',
      date: '2026-11-02',
      kind: 'start',
      dose: { amount: 40, unit: 'mg' },
      frequency: 'weekly',
    },
    TODAY,
  );
}

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-26T12:00:00Z'));
  await i18n.use('en');
  clock.today = TODAY;
  await Promise.all([diaryDb.medications.clear(), diaryDb.regimenEvents.clear(), diaryDb.reminders.clear()]);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('a medication’s reminders', () => {
  it('follow the regimen, and can be moved to another weekday and time', async () => {
    await addAdalimumab();
    render(MedicationsScreen);
    const card = await screen.findByRole('article', { name: 'Adalimumab' });
    const reminders = await within(card).findByRole('region', { name: t.title });
    expect(within(reminders).getByText(t.weekly('Monday', '08:00'))).toBeInTheDocument();
    expect(within(reminders).getByText(t.next('Mon 30 Nov, 08:00'))).toBeInTheDocument();

    const user = userEvent.setup();
    await user.click(within(reminders).getByText(t.change));
    const form = within(reminders).getByRole('form', { name: t.change });
    await fireEvent.input(within(form).getByLabelText(t.time(0)), { target: { value: '19:30' } });
    await user.selectOptions(within(form).getByLabelText(t.weekday), 'Friday');
    await user.click(within(form).getByRole('button', { name: t.save }));

    expect(await within(reminders).findByText(t.weekly('Friday', '19:30'))).toBeInTheDocument();
    expect(within(reminders).getByText(t.next('Fri 27 Nov, 19:30'))).toBeInTheDocument();
    expect(await diaryDb.reminders.toArray()).toEqual([
      { id: 'dose:ada', kind: 'dose', medicationId: 'ada', times: ['19:30'], days: [5], enabled: true },
    ]);
  });

  it('say they are paused while the medication is interrupted', async () => {
    await addAdalimumab();
    await saveRegimenEvent(
      diaryDb,
      { id: 'pause', medicationId: 'ada', date: '2026-11-20', kind: 'interruption', reason: 'surgery' },
      TODAY,
    );
    render(MedicationsScreen);
    const card = await screen.findByRole('article', { name: 'Adalimumab' });
    expect(await within(card).findByText(t.paused)).toBeInTheDocument();
    expect(within(card).queryByText(t.change)).not.toBeInTheDocument();
  });
});
