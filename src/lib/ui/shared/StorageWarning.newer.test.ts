/**
 * A database saved by a newer HS Diary (its own file: the app's database must first be opened here). The
 * patient can read it and back it up, every write is refused in words, and what they typed stays.
 */
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { expect, it } from 'vitest';
import { dayFactory } from '../../../../tests/factories/day-factory';
import { diaryDb, DATABASE_NAME, DiaryDatabase } from '../../db';
import { en } from '../../i18n/en';
import { i18n } from '../../i18n/locale.svelte';
import { clock } from '../../state/clock.svelte';
import TodayScreen from '../today/TodayScreen.svelte';

it('says to update before making changes, refuses to save, and keeps the entry on screen', async () => {
  await i18n.use('en');
  clock.today = '2026-11-26';
  const older = new DiaryDatabase(DATABASE_NAME);
  await older.days.put(dayFactory.build({ date: '2026-11-25', pain: 5 }));
  older.close();
  await new Promise<void>((resolve) => {
    const request = indexedDB.open(DATABASE_NAME, 30); // what a Dexie version 3 build leaves behind
    request.onsuccess = () => {
      request.result.close();
      resolve();
    };
  });

  render(TodayScreen);
  const banner = await screen.findByRole('alert');
  expect(within(banner).getByText(en.backup.database.newerTitle)).toBeInTheDocument();
  expect(within(banner).getByText(en.backup.database.newer)).toBeInTheDocument();
  expect(within(banner).getByRole('button', { name: en.backup.database.reload })).toBeInTheDocument();

  // Reading still works: yesterday's entry is offered to copy.
  expect(await screen.findByRole('button', { name: en.today.sameAsYesterday })).toBeInTheDocument();

  const user = userEvent.setup();
  const painGroup = screen.getByRole('group', { name: en.form.pain });
  await user.click(within(painGroup).getByRole('radio', { name: '3' }));
  await user.click(
    within(screen.getByRole('group', { name: en.form.drainage })).getByRole('radio', {
      name: en.form.drainageLevels[1],
    }),
  );
  await user.click(screen.getByRole('button', { name: en.form.save }));
  expect(await screen.findByText(en.form.storage.newer)).toBeInTheDocument();
  expect(within(painGroup).getByRole('radio', { name: '3' })).toBeChecked();
  expect(await diaryDb.days.count()).toBe(1);
}, 20_000);
