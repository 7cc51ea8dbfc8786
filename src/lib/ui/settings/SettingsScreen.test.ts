import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { dayFactory } from '../../../../tests/factories/day-factory';
import { diaryDb, loadSettings } from '../../db';
import { en } from '../../i18n/en';
import { i18n } from '../../i18n/locale.svelte';
import { zhCN } from '../../i18n/zh-CN';
import SettingsScreen from './SettingsScreen.svelte';

beforeEach(async () => {
  await i18n.use('en');
  await diaryDb.meta.clear();
});

describe('SettingsScreen', () => {
  it('switches the language at once and remembers it', async () => {
    render(SettingsScreen);
    await userEvent.setup().click(screen.getByRole('radio', { name: '简体中文' }));
    expect(await screen.findByRole('heading', { level: 1, name: zhCN.settings.title })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('zh-CN');
    await expect.poll(() => loadSettings(diaryDb)).toEqual({ locale: 'zh-CN' });
  });

  it('counts the days anew when they change under it, as an import does, without a reload', async () => {
    await diaryDb.days.clear();
    await diaryDb.days.bulkPut([dayFactory.build({ date: '2026-11-01' }), dayFactory.build({ date: '2026-11-02' })]);
    render(SettingsScreen);
    expect(await screen.findByText(en.settings.daysLogged(2))).toBeInTheDocument();
    await diaryDb.days.bulkPut(['2026-10-01', '2026-10-02', '2026-10-03'].map((date) => dayFactory.build({ date })));
    expect(await screen.findByText(en.settings.daysLogged(5))).toBeInTheDocument();
  });

  it('states the privacy promise', () => {
    render(SettingsScreen);
    expect(screen.getByText(en.settings.privacyText)).toBeInTheDocument();
  });
});
