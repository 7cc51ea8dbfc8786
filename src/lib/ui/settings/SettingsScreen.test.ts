import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
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

  it('states the privacy promise', () => {
    render(SettingsScreen);
    expect(screen.getByText(en.settings.privacyText)).toBeInTheDocument();
  });
});
