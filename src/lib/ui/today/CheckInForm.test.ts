import { fireEvent, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { dayFactory } from '../../../../tests/factories/day-factory';
import { diaryDb } from '../../db';
import { en } from '../../i18n/en';
import { i18n } from '../../i18n/locale.svelte';
import { DayForm } from '../../state/day-form.svelte';
import CheckInForm from './CheckInForm.svelte';

const TODAY = '2026-11-26';

beforeEach(async () => {
  await i18n.use('en');
  await diaryDb.days.clear();
  await diaryDb.drafts.clear();
});

/** The pain scale's own radios: the itch scale has the same numbers. */
const pain = (name: string) => within(screen.getByRole('group', { name: en.form.pain })).getByRole('radio', { name });

const drainage = (level: number) =>
  within(screen.getByRole('group', { name: en.form.drainage })).getByRole('radio', {
    name: en.form.drainageLevels[level],
  });

function renderForm(props: Partial<{ date: string; existing: ReturnType<typeof dayFactory.build> }> = {}) {
  const onSaved = vi.fn();
  const form = new DayForm(props.date ?? TODAY);
  form.sync(props.existing);
  render(CheckInForm, { form, today: TODAY, onSaved });
  return { onSaved, user: userEvent.setup() };
}

describe('CheckInForm', () => {
  it('saves a normal day in three taps: pain, drainage, save', async () => {
    const { onSaved, user } = renderForm();
    await user.click(pain('4'));
    await user.click(drainage(1));
    await user.click(screen.getByRole('button', { name: en.form.save }));
    await vi.waitFor(() => expect(onSaved).toHaveBeenCalledOnce());
    expect(await diaryDb.days.get(TODAY)).toMatchObject({ pain: 4, drainage: 1, dressingChanges: 0, flare: false });
  });

  it('names both ends of the pain scale for screen readers', () => {
    renderForm();
    expect(pain(`0, ${en.form.painLow}`)).toBeInTheDocument();
    expect(pain(`10, ${en.form.painHigh}`)).toBeInTheDocument();
  });

  it('says what is missing and writes nothing when pain and drainage are not chosen', async () => {
    const { onSaved, user } = renderForm();
    await user.click(screen.getByRole('button', { name: en.form.save }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(en.form.problems.pain);
    expect(alert).toHaveTextContent(en.form.problems.drainage);
    expect(onSaved).not.toHaveBeenCalled();
    expect(await diaryDb.days.count()).toBe(0);
  });

  it('refuses a tampered pain of 11 with a clear message', async () => {
    const { onSaved, user } = renderForm();
    const ten = pain(`10, ${en.form.painHigh}`);
    ten.setAttribute('value', '11');
    await user.click(ten);
    await user.click(drainage(0));
    await user.click(screen.getByRole('button', { name: en.form.save }));
    expect(await screen.findByRole('alert')).toHaveTextContent(en.form.problems.pain);
    expect(onSaved).not.toHaveBeenCalled();
    expect(await diaryDb.days.count()).toBe(0);
  });

  it('keeps a 10,000-character note on screen and explains why it was not saved', async () => {
    const { onSaved, user } = renderForm();
    await user.click(pain('2'));
    await user.click(drainage(0));
    await user.click(screen.getByText(en.form.moreDetails));
    const note = await screen.findByRole('textbox', { name: en.form.note }, { timeout: 10_000 });
    await fireEvent.input(note, { target: { value: 'x'.repeat(10_000) } });
    await user.click(screen.getByRole('button', { name: en.form.save }));
    expect(await screen.findByRole('alert')).toHaveTextContent(en.form.problems.noteTooLong(10_000, 2000));
    expect(note).toHaveValue('x'.repeat(10_000));
    expect(onSaved).not.toHaveBeenCalled();
    expect(await diaryDb.days.count()).toBe(0);
  });

  it('records a flare with its places, from the checklist', async () => {
    const { onSaved, user } = renderForm();
    await user.click(pain('7'));
    await user.click(drainage(2));
    await user.click(screen.getByRole('radio', { name: en.form.yes }));
    await user.click(await screen.findByRole('checkbox', { name: en.regions['axilla-left'] }, { timeout: 10_000 }));
    await user.click(screen.getByRole('checkbox', { name: en.regions.buttocks }));
    await user.click(screen.getByRole('button', { name: en.form.more }));
    await user.click(screen.getByRole('button', { name: en.form.save }));
    await vi.waitFor(() => expect(onSaved).toHaveBeenCalledOnce());
    expect(await diaryDb.days.get(TODAY)).toMatchObject({
      pain: 7,
      drainage: 2,
      dressingChanges: 1,
      flare: true,
      regions: ['axilla-left', 'buttocks'],
    });
  });

  it('opens a saved day with its values and saves changes over it', async () => {
    const existing = dayFactory.build({ date: '2026-11-20', pain: 5, drainage: 2, itch: 3, note: 'sore' });
    await diaryDb.days.put(existing);
    const { onSaved, user } = renderForm({ date: '2026-11-20', existing });
    expect(pain('5')).toBeChecked();
    // A day with optional details opens with them shown.
    expect(await screen.findByRole('textbox', { name: en.form.note }, { timeout: 10_000 })).toHaveValue('sore');
    await user.click(pain('3'));
    await user.click(screen.getByRole('button', { name: en.form.saveChanges }));
    await vi.waitFor(() => expect(onSaved).toHaveBeenCalledOnce());
    expect(await diaryDb.days.get('2026-11-20')).toMatchObject({ pain: 3, drainage: 2, itch: 3, note: 'sore' });
  });

  it('shows Chinese labels when the language is Chinese', async () => {
    await i18n.use('zh-CN');
    renderForm();
    expect(screen.getByRole('button', { name: '保存' })).toBeInTheDocument();
    expect(screen.getByText('过去 24 小时内最严重的皮肤疼痛')).toBeInTheDocument();
  });
});
