import { render, screen, waitFor } from '@testing-library/svelte';
import { tick } from 'svelte';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { dayFactory } from '../../../../tests/factories/day-factory';
import { diaryDb } from '../../db';
import { en } from '../../i18n/en';
import { i18n } from '../../i18n/locale.svelte';
import { clock } from '../../state/clock.svelte';
import { reminders } from '../../state/reminders.svelte';
import { findDiaryAtStart, takeRecentDaysReadAtStart } from '../../state/diary-at-start';
import TodayScreen from './TodayScreen.svelte';

const TODAY = '2026-11-26';

/** The start-up read, as main.ts starts it, once its rows are checked. */
async function readAtStart(isTodayFirst: boolean) {
  return (await findDiaryAtStart(TODAY, isTodayFirst))?.checked;
}

// Today starts reminders once its check-in is drawn, and they load their code a moment later: let that
// finish inside this file, or it lands after the test environment is gone.
afterAll(async () => {
  await vi.waitFor(() => expect(reminders.isStarted).toBe(true), { timeout: 10_000 });
  await import('../../state/reminder-loop.svelte');
});

beforeEach(async () => {
  await i18n.use('en');
  clock.today = TODAY;
  await diaryDb.days.clear();
  await diaryDb.meta.clear();
});

describe('TodayScreen', () => {
  it('saves "same as yesterday" in one tap, without copying yesterday’s flare or note', async () => {
    await diaryDb.days.put(
      dayFactory.build({ date: '2026-11-25', pain: 6, drainage: 2, flare: true, regions: ['back'], note: 'ouch' }),
    );
    render(TodayScreen);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: en.today.sameAsYesterday }));
    expect(await screen.findByRole('heading', { name: new RegExp(en.today.savedTitle) })).toBeInTheDocument();
    expect(await diaryDb.days.get(TODAY)).toMatchObject({ pain: 6, drainage: 2, flare: false, regions: [], note: '' });
  });

  it('offers the days missed since the last entry, as links to fill them in', async () => {
    await diaryDb.days.put(dayFactory.build({ date: '2026-11-22' }));
    render(TodayScreen);
    await screen.findByRole('heading', { name: en.today.missedTitle });
    const links = screen.getAllByRole('link', { name: /^Fill in/ });
    expect(links.map((link) => link.getAttribute('href'))).toEqual([
      '#/day/2026-11-23',
      '#/day/2026-11-24',
      '#/day/2026-11-25',
    ]);
    expect(screen.getByRole('button', { name: 'Same as Sun 22 Nov' })).toBeInTheDocument();
  });

  it('fills a run of missed days like the day before them in one tap, and keeps each to open', async () => {
    await diaryDb.days.put(dayFactory.build({ date: '2026-11-22', pain: 7, drainage: 2 }));
    render(TodayScreen);
    await userEvent.setup().click(await screen.findByRole('button', { name: en.today.fillRun(3, 'Sun 22 Nov') }));
    await waitFor(async () => expect(await diaryDb.days.count()).toBe(4));
    const copies = await diaryDb.days.where('date').between('2026-11-23', '2026-11-25', true, true).toArray();
    expect(copies.map((day) => [day.date, day.pain, day.drainage])).toEqual([
      ['2026-11-23', 7, 2],
      ['2026-11-24', 7, 2],
      ['2026-11-25', 7, 2],
    ]);
    const filled = await screen.findAllByRole('link', { name: /^Open / });
    expect(filled.map((link) => link.getAttribute('href'))).toEqual([
      '#/day/2026-11-23',
      '#/day/2026-11-24',
      '#/day/2026-11-25',
    ]);
  });

  it('shows a saved day and lets it be edited', async () => {
    await diaryDb.days.put(dayFactory.build({ date: TODAY, pain: 8, drainage: 3 }));
    render(TodayScreen);
    expect(await screen.findByRole('heading', { name: new RegExp(en.today.savedTitle) })).toBeInTheDocument();
    expect(screen.getByText(en.form.drainageLevels[3] as string)).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole('button', { name: en.today.edit }));
    expect(screen.getByRole('button', { name: en.form.saveChanges })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: en.today.sameAsYesterday })).not.toBeInTheDocument();
  });

  it('has no missed days and no copy button for a first-time user', async () => {
    render(TodayScreen);
    expect(await screen.findByText(en.today.intro)).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: en.today.missedTitle })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Same as/ })).not.toBeInTheDocument();
  });

  it('is drawn at once from the start-up read, without waiting for the database', async () => {
    await diaryDb.days.put(dayFactory.build({ date: '2026-11-25', pain: 6, drainage: 2 }));
    await readAtStart(true);
    render(TodayScreen);
    await tick();
    // Synchronously there: the database's own answer would need several turns of IndexedDB.
    expect(screen.getByRole('button', { name: en.today.sameAsYesterday })).toBeInTheDocument();

    await userEvent.setup().click(screen.getByRole('button', { name: en.today.sameAsYesterday }));
    expect(await screen.findByRole('heading', { name: new RegExp(en.today.savedTitle) })).toBeInTheDocument();
    expect(await diaryDb.days.get(TODAY)).toMatchObject({ pain: 6, drainage: 2 });
  });

  it('uses the start-up read once, for the date it was read on', async () => {
    await diaryDb.days.put(dayFactory.build({ date: TODAY, pain: 8 }));
    await readAtStart(true);
    expect(takeRecentDaysReadAtStart('2026-11-27')).toBeUndefined();
    await readAtStart(true);
    expect(takeRecentDaysReadAtStart(TODAY)?.days.map((day) => day.pain)).toEqual([8]);
    // A later visit to Today reads the database, which may have changed since start-up.
    expect(takeRecentDaysReadAtStart(TODAY)).toBeUndefined();
  });

  it('keeps no days from the start-up read when the app starts on another screen', async () => {
    await diaryDb.days.put(dayFactory.build({ date: TODAY, pain: 8 }));
    // Started on a Day screen, the patient may log today there before ever opening Today.
    expect((await readAtStart(false))?.recent.days).toHaveLength(1);
    expect(takeRecentDaysReadAtStart(TODAY)).toBeUndefined();
  });
});
