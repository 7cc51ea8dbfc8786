import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { diaryDb } from '../../db';
import { addMedication, saveRegimenEvent } from '../../db/medications-repository';
import { loadRelayState, updateRelayState } from '../../db/relay-repository';
import { updateReminderState } from '../../db/reminders-repository';
import { en } from '../../i18n/en';
import { i18n } from '../../i18n/locale.svelte';
import { clock } from '../../state/clock.svelte';
import { doses } from '../../state/doses.svelte';
import TodayDoses from './TodayDoses.svelte';

// TZ is Europe/London in tests: 3 July is summer time, UTC+1.
const TODAY = '2026-07-03';
const t = en.reminders.doses;
const upadacitinib = {
  id: 'upa',
  name: 'Upadacitinib',
  presetId: 'upadacitinib',
  drugClass: 'jak1-selective',
  color: '#0072b2',
} as const;

function at(iso: string) {
  vi.setSystemTime(new Date(iso));
}

async function addUpadacitinib(trackedSince = Date.parse('2026-06-01T00:00:00Z')) {
  await addMedication(
    diaryDb,
    upadacitinib,
    {
      id: 'upa-start',
      medicationId: 'upa',
      date: '2026-06-01',
      kind: 'start',
      dose: { amount: 15, unit: 'mg' },
      frequency: 'once-daily',
    },
    TODAY,
  );
  await updateReminderState(diaryDb, (state) => ({ ...state, trackedSince: { upa: trackedSince } }));
}

const doseGroup = () => screen.findByRole('group', { name: t.doseLabel('Upadacitinib 15 mg', '08:00') });

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  at('2026-07-03T07:30:00Z');
  await i18n.use('en');
  clock.today = TODAY;
  await Promise.all([diaryDb.medications.clear(), diaryDb.regimenEvents.clear(), diaryDb.doseLogs.clear()]);
  await Promise.all([diaryDb.reminders.clear(), diaryDb.meta.clear()]);
});

afterEach(async () => {
  // A snooze's relay request (its code loads lazily) must not outlive its test: finishing during the next
  // test, it read that test's relay state and made a second request there.
  await doses.relayed;
  vi.useRealTimers();
});

describe('Doses today', () => {
  it('logs a due dose as taken, with its time, and takes it back with Undo', async () => {
    // Every dose of the last week logged, so only today's card shows.
    await addUpadacitinib(Date.parse('2026-07-03T00:00:00Z'));
    render(TodayDoses);
    const group = await doseGroup();
    expect(screen.getByText(t.due)).toBeInTheDocument();
    await userEvent.setup().click(within(group).getByRole('button', { name: t.markTaken }));
    expect(await screen.findByText(t.taken('08:30'))).toBeInTheDocument();
    expect(await diaryDb.doseLogs.toArray()).toEqual([
      {
        id: 'upa@2026-07-03T08:00',
        medicationId: 'upa',
        scheduledFor: '2026-07-03T08:00',
        status: 'taken',
        at: Date.parse('2026-07-03T07:30:00Z'),
      },
    ]);
    await userEvent.setup().click(within(group).getByRole('button', { name: t.undo }));
    expect(await within(group).findByRole('button', { name: t.markTaken })).toBeInTheDocument();
    expect(await diaryDb.doseLogs.count()).toBe(0);
  });

  it('shows a dose taken more than two hours late as late, and a snoozed one with its new time', async () => {
    at('2026-07-03T09:30:00Z'); // 10:30, two and a half hours after 08:00
    await addUpadacitinib(Date.parse('2026-07-03T00:00:00Z'));
    render(TodayDoses);
    const user = userEvent.setup();
    await user.click(within(await doseGroup()).getByRole('button', { name: t.snooze }));
    expect(await screen.findByText(t.snoozed('10:45'))).toBeInTheDocument();
    await user.click(within(await doseGroup()).getByRole('button', { name: t.markTaken }));
    expect(await screen.findByText(t.takenLate('10:30'))).toBeInTheDocument();
  });

  it('with closed-app reminders on, a Snooze on Today also asks the relay to remind at 10:45, app or no app', async () => {
    at('2026-07-03T09:30:00Z'); // 10:30 in London
    await addUpadacitinib(Date.parse('2026-07-03T00:00:00Z'));
    const relayUrl = 'https://relay.example/relay/';
    await updateRelayState(diaryDb, () => ({
      isOn: true,
      relayUrl,
      endpoint: 'https://push.example/send/abc',
      keys: { p256dh: 'P'.repeat(87), auth: 'A'.repeat(22) },
      reminders: {},
      retired: [],
    }));
    const puts: { path: string; body: unknown }[] = [];
    vi.stubGlobal('fetch', (input: string, init: RequestInit = {}) => {
      if (init.method === 'PUT' && typeof init.body === 'string')
        puts.push({ path: new URL(input).pathname, body: JSON.parse(init.body) });
      return Promise.resolve(new Response('{}', { status: 201 }));
    });
    try {
      render(TodayDoses);
      // findBy: the doses' live query may first answer with the previous test's snoozed dose.
      await userEvent.setup().click(await within(await doseGroup()).findByRole('button', { name: t.snooze }));
      expect(await screen.findByText(t.snoozed('10:45'))).toBeInTheDocument();
      expect(await doses.relayed).toBe('on-relay');
      const [snooze] = (await loadRelayState(diaryDb))?.snoozes ?? [];
      expect(snooze).toMatchObject({ medicationId: 'upa', scheduledFor: '2026-07-03T08:00' });
      expect(puts).toHaveLength(1);
      expect(puts[0]?.path).toBe(`/relay/reminders/${snooze?.id}`);
      // Only a time, a day and a zone: nothing names the medicine.
      expect(JSON.stringify(puts[0]?.body)).toContain('"10:45"');
      expect(JSON.stringify(puts[0]?.body)).not.toMatch(/Upadacitinib|15 mg|jak1/);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('asks about the week’s unlogged doses in one question per medicine, recording "taken" at the due time', async () => {
    await addUpadacitinib(Date.parse('2026-06-30T12:00:00Z'));
    render(TodayDoses);
    const missed = await screen.findByRole('heading', { name: t.missedTitle });
    expect(screen.getByText(t.missedIntro(2))).toBeInTheDocument();
    const group = screen.getByRole('group', {
      name: t.doseLabel('Upadacitinib 15 mg', t.missedCount(2, 'Wed 1 Jul', 'Thu 2 Jul')),
    });
    await userEvent.setup().click(within(group).getByRole('button', { name: t.markTaken }));
    await vi.waitFor(() => expect(missed).not.toBeInTheDocument());
    const logs = await diaryDb.doseLogs.orderBy('scheduledFor').toArray();
    expect(logs.map((log) => [log.scheduledFor, log.status, new Date(log.at).toISOString()])).toEqual([
      ['2026-07-01T08:00', 'taken', '2026-07-01T07:00:00.000Z'],
      ['2026-07-02T08:00', 'taken', '2026-07-02T07:00:00.000Z'],
    ]);
  });

  it('shows nothing for a medication interrupted today', async () => {
    await addUpadacitinib(Date.parse('2026-07-03T00:00:00Z'));
    await saveRegimenEvent(
      diaryDb,
      { id: 'pause', medicationId: 'upa', date: TODAY, kind: 'interruption', reason: 'infection' },
      TODAY,
    );
    render(TodayDoses);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(screen.queryByRole('heading', { name: t.title })).not.toBeInTheDocument();
  });
});
