import { fireEvent, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { diaryDb } from '../../db';
import { reminderSettingsEn } from '../../i18n/reminder-settings.en';
import { reminderSettingsZhCN } from '../../i18n/reminder-settings.zh-CN';
import { i18n } from '../../i18n/locale.svelte';
import RemindersSection from './RemindersSection.svelte';

const t = reminderSettingsEn.settings;

beforeEach(async () => {
  await i18n.use('en');
  await Promise.all([diaryDb.reminders.clear(), diaryDb.meta.clear()]);
});

describe('the reminders section of Settings', () => {
  it('saves the diary reminder’s time, and can switch it off', async () => {
    render(RemindersSection);
    const form = await screen.findByRole('form', { name: t.diary });
    await fireEvent.input(within(form).getByLabelText(t.diaryTime), { target: { value: '21:15' } });
    const user = userEvent.setup();
    await user.click(within(form).getByRole('button', { name: t.save }));
    await expect
      .poll(() => diaryDb.reminders.toArray())
      .toEqual([{ id: 'diary', kind: 'diary', times: ['21:15'], days: [], enabled: true }]);
    await user.click(within(form).getByRole('checkbox', { name: t.diary }));
    await user.click(within(form).getByRole('button', { name: t.save }));
    await expect.poll(async () => (await diaryDb.reminders.get('diary'))?.enabled).toBe(false);
  });

  it('says plainly what works where nothing but the app itself is available', async () => {
    // jsdom has no Notification, no service worker and no Periodic Background Sync.
    render(RemindersSection);
    const list = await screen.findByRole('list');
    const items = within(list)
      .getAllByRole('listitem')
      .map((item) => item.textContent?.replace(/\s+/g, ' ').trim());
    expect(items).toEqual([
      `${t.inApp.label} ✓ ${t.works} ${t.inApp.text}`,
      `${t.notifications.label} ✕ ${t.doesNotWork} ${t.notifications.unsupported}`,
      `${t.background.label} ✕ ${t.doesNotWork} ${t.background.unsupported}`,
      `${t.relay.label} ✕ ${t.doesNotWork} ${t.relay.unsupported}`,
      `${t.calendar.label} ✓ ${t.works} ${t.calendar.text}`,
    ]);
    expect(screen.getByText(t.channelCalendar)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: t.allow })).not.toBeInTheDocument();
  });

  it('speaks Chinese when the app does', async () => {
    await i18n.use('zh-CN');
    render(RemindersSection);
    expect(
      await screen.findByRole('heading', { level: 2, name: reminderSettingsZhCN.settings.title }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: reminderSettingsZhCN.settings.export })).toBeInTheDocument();
  });
});
