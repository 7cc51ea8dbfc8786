/**
 * Another tab asks to upgrade the database while the patient is typing on Today (its own file: the app's
 * database stays closed for the rest of the file afterwards).
 */
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { expect, it, vi } from 'vitest';
import { diaryDb, DATABASE_NAME } from '../../db';
import { en } from '../../i18n/en';
import { i18n } from '../../i18n/locale.svelte';
import { clock } from '../../state/clock.svelte';
import { storageHealth } from '../../state/storage-health.svelte';
import TodayScreen from '../today/TodayScreen.svelte';

it('lets the patient save what they typed, then closes for the other tab and reloads; the other tab is not left waiting', async () => {
  await i18n.use('en');
  clock.today = '2026-11-26';
  const reload = vi.fn();
  storageHealth.reloadPage = reload;
  render(TodayScreen);
  const user = userEvent.setup();
  await user.click(await screen.findByRole('radio', { name: '6' }));

  let wasBlocked = false;
  const upgraded = new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DATABASE_NAME, 30);
    request.onblocked = () => (wasBlocked = true);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('open failed'));
  });

  const banner = await screen.findByRole('alert');
  expect(within(banner).getByText(en.backup.database.updatingTitle)).toBeInTheDocument();
  expect(within(banner).getByText(en.backup.database.updating)).toBeInTheDocument();
  await vi.waitFor(() => expect(wasBlocked).toBe(true), { timeout: 5000 });
  expect(reload).not.toHaveBeenCalled();

  await user.click(
    within(screen.getByRole('group', { name: en.form.drainage })).getByRole('radio', {
      name: en.form.drainageLevels[0],
    }),
  );
  await user.click(screen.getByRole('button', { name: en.form.save }));

  const db = await upgraded;
  expect(db.version).toBe(30);
  await vi.waitFor(() => expect(reload).toHaveBeenCalledOnce(), { timeout: 5000 });
  const saved = await new Promise<unknown>((resolve) => {
    const request = db.transaction('days').objectStore('days').get('2026-11-26');
    request.onsuccess = () => resolve(request.result);
  });
  expect(saved).toMatchObject({ pain: 6, drainage: 0 });
  expect(diaryDb.isOpen()).toBe(false);
  db.close();
}, 20_000);
