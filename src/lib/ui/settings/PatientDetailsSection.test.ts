import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { diaryDb, loadSettings, updateSettings } from '../../db';
import { en } from '../../i18n/en';
import { i18n } from '../../i18n/locale.svelte';
import PatientDetailsSection from './PatientDetailsSection.svelte';

const t = en.summary.patient;

beforeEach(async () => {
  await i18n.use('en');
  await diaryDb.meta.clear();
});

describe('PatientDetailsSection', () => {
  it('saves the details, tidied, with the QR choice off unless turned on', async () => {
    await updateSettings(diaryDb, { locale: 'en' });
    const user = userEvent.setup();
    render(PatientDetailsSection);
    await user.type(screen.getByLabelText(t.name), '  Ann   Lee ');
    await user.type(screen.getByLabelText(t.clinicNumber), 'MRN-77');
    expect(screen.getByRole('checkbox', { name: t.nameInQr })).not.toBeChecked();
    await user.click(screen.getByRole('button', { name: t.save }));
    expect(await screen.findByText(t.saved)).toBeInTheDocument();
    expect(await loadSettings(diaryDb)).toEqual({
      locale: 'en',
      patient: { name: 'Ann Lee', clinicNumber: 'MRN-77' },
    });
  });

  it('shows what is saved when it opens', async () => {
    await updateSettings(diaryDb, { patient: { name: '王芳', dateOfBirth: '1990-04-12', nameInQr: true } });
    render(PatientDetailsSection);
    await expect.poll(() => screen.getByLabelText<HTMLInputElement>(t.name).value).toBe('王芳');
    expect(screen.getByLabelText(t.dateOfBirth)).toHaveValue('1990-04-12');
    expect(screen.getByRole('checkbox', { name: t.nameInQr })).toBeChecked();
  });

  it('names the wrong field next to it, focuses it, and writes nothing', async () => {
    await updateSettings(diaryDb, { patient: { name: 'Ann' } });
    const user = userEvent.setup();
    render(PatientDetailsSection);
    const name = screen.getByLabelText(t.name);
    await expect.poll(() => (name as HTMLInputElement).value).toBe('Ann');
    await user.clear(name);
    await user.type(name, 'x'.repeat(101));
    await user.click(screen.getByRole('button', { name: t.save }));
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name).toHaveAccessibleDescription(t.problems['too-long'](100));
    expect(name).toHaveFocus();
    expect((await loadSettings(diaryDb)).patient).toEqual({ name: 'Ann' });
  });
});
