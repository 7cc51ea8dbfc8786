/** The Visits screen: questions for the next visit are written right there, where the summary reads them. */
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { diaryDb } from '../../db';
import type { Visit } from '../../domain/visit';
import { en } from '../../i18n/en';
import { i18n } from '../../i18n/locale.svelte';
import { zhCN } from '../../i18n/zh-CN';
import { clock } from '../../state/clock.svelte';
import VisitsScreen from './VisitsScreen.svelte';

const t = en.summary.visits.nextQuestions;

const visit = (id: string, date: string, questions = ''): Visit => ({ id, date, notes: '', questions });

beforeEach(async () => {
  await i18n.use('en');
  clock.today = '2026-11-26';
  await diaryDb.visits.clear();
});

describe('VisitsScreen, questions for the next visit', () => {
  it('edits the questions of the latest visit so far, without opening that visit', async () => {
    await diaryDb.visits.bulkPut([
      visit('older', '2026-05-10', 'Old question'),
      visit('latest', '2026-09-01', 'Can I swim?'),
      // Dated after today: not a visit that has happened, so not the one whose questions come next.
      visit('planned', '2026-12-10', ''),
    ]);
    render(VisitsScreen);
    const field = await screen.findByRole('textbox', { name: t.label });
    expect(screen.getByRole('heading', { name: t.title })).toBeInTheDocument();
    expect(field).toHaveValue('Can I swim?');

    const user = userEvent.setup();
    await user.clear(field);
    await user.type(field, 'Can I swim?\nIs the itch a side effect?');
    await user.click(screen.getByRole('button', { name: t.save }));
    expect(await screen.findByText(t.saved)).toHaveAttribute('role', 'status');
    expect(await diaryDb.visits.get('latest')).toMatchObject({ questions: 'Can I swim?\nIs the itch a side effect?' });
    expect(await diaryDb.visits.get('older')).toMatchObject({ questions: 'Old question' });
    expect(await diaryDb.visits.get('planned')).toMatchObject({ questions: '' });
    // The list shows them too, and the field keeps what was typed.
    expect(await screen.findByText(/Is the itch a side effect\?/, { selector: 'li p' })).toBeInTheDocument();
    expect(field).toHaveValue('Can I swim?\nIs the itch a side effect?');
  });

  it('says to record the last visit first when there is none, and speaks Chinese', async () => {
    await i18n.use('zh-CN');
    try {
      render(VisitsScreen);
      expect(await screen.findByText(zhCN.summary.visits.nextQuestions.noVisit)).toBeInTheDocument();
      expect(screen.getByRole('heading', { name: zhCN.summary.visits.nextQuestions.title })).toBeInTheDocument();
      expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    } finally {
      await i18n.use('en');
    }
  });
});
