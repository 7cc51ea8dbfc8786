/** Settings' backup section: back up in one tap, and import a file after a preview (replace only once confirmed). */
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backupFactory } from '../../../../tests/factories/backup-factory';
import { dayFactory } from '../../../../tests/factories/day-factory';
import { eventFactory } from '../../../../tests/factories/regimen-factory';
import { diaryDb } from '../../db';
import type { BackupTables } from '../../domain/backup-format';
import { en } from '../../i18n/en';
import { zhCN } from '../../i18n/zh-CN';
import { i18n } from '../../i18n/locale.svelte';
import { clock } from '../../state/clock.svelte';
import BackupSection from './BackupSection.svelte';

vi.setConfig({ testTimeout: 20_000 });

const t = en.backup;

const backupFile = (tables: Partial<BackupTables>): File => backupFactory.file(backupFactory.text(tables));

function choose(file: File): void {
  const input = document.querySelector<HTMLInputElement>('input[type=file]');
  if (!input) throw new Error('no file input');
  void fireEvent.change(input, { target: { files: [file] } });
}

const importCard = () => screen.getByRole('region', { name: t.importTitle });

beforeEach(async () => {
  await i18n.use('en');
  clock.today = '2026-11-26';
  await Promise.all(diaryDb.tables.map((table) => table.clear()));
});

afterEach(() => vi.restoreAllMocks());

describe('BackupSection', () => {
  it('backs up in one tap and then shows when', async () => {
    Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:backup'), revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    render(BackupSection);
    expect(await screen.findByText(t.lastBackupNever)).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole('button', { name: t.backUpNow }));
    expect(await screen.findByText(/^Last backup: today \(/)).toBeInTheDocument();
    expect(click).toHaveBeenCalledOnce();
  });

  it('asks for the passphrase twice and refuses a short or mismatched one', async () => {
    render(BackupSection);
    const user = userEvent.setup();
    await user.click(screen.getByRole('checkbox', { name: t.protect }));
    await user.type(screen.getByLabelText(t.passphrase), 'short');
    await user.click(screen.getByRole('button', { name: t.backUpNow }));
    expect(await screen.findByRole('alert')).toHaveTextContent(t.passphraseTooShort);
    await user.type(screen.getByLabelText(t.passphrase), ' but longer now');
    await user.type(screen.getByLabelText(t.passphraseAgain), 'something else');
    await user.click(screen.getByRole('button', { name: t.backUpNow }));
    expect(await screen.findByRole('alert')).toHaveTextContent(t.passphraseMismatch);
  });

  it('previews a backup with counts per table, says which way a differing day goes, and imports it', async () => {
    await diaryDb.days.bulkPut([
      dayFactory.build({ date: '2026-11-01', pain: 2 }),
      dayFactory.build({ date: '2026-11-02' }),
    ]);
    render(BackupSection);
    choose(
      backupFile({
        days: [
          dayFactory.build({ date: '2026-11-01', pain: 9, updatedAt: dayFactory.build().updatedAt + 60_000 }),
          dayFactory.build({ date: '2026-11-02' }),
          dayFactory.build({ date: '2026-11-03' }),
        ],
        visits: [{ id: 'v1', date: '2026-06-01', notes: '', questions: '' }],
      }),
    );
    const table = await within(importCard()).findByRole('table', { name: t.preview.caption });
    const row = (name: string) => within(table).getByRole('row', { name: new RegExp(`^${name}`) });
    expect(
      within(row(t.tableTitles.days))
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['1', '1', '1']);
    expect(
      within(row(t.tableTitles.visits))
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['1', '0', '0']);
    expect(screen.getByText(t.preview.newerInBackup('1 diary day', 1))).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole('button', { name: t.preview.import }));
    expect(
      await screen.findByText('Done. New in your diary: 1 diary day and 1 clinic visit. Changed: 1 diary day.'),
    ).toBeInTheDocument();
    expect(await diaryDb.days.get('2026-11-01')).toMatchObject({ pain: 9 });
    expect(await diaryDb.visits.count()).toBe(1);
  });

  it('keeps the days saved later on this device unless the patient chooses that the backup wins', async () => {
    const savedAt = dayFactory.build().updatedAt;
    const hour = 3_600_000;
    const dates = ['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05'];
    await diaryDb.days.bulkPut(dates.map((date) => dayFactory.build({ date, pain: 2, updatedAt: savedAt })));
    // Three days were edited later in the backup, two later on this device.
    const backupDays = dates.map((date, index) =>
      dayFactory.build({ date, pain: 8, updatedAt: savedAt + (index < 3 ? hour : -hour) }),
    );
    render(BackupSection);
    choose(backupFile({ days: backupDays }));
    const directions = await within(importCard()).findByTestId('import-directions');
    expect(directions).toHaveTextContent(
      `${t.preview.newerInBackup('3 diary days', 3)} ${t.preview.newerHere('2 diary days', 2)}`,
    );
    expect(directions).toHaveTextContent(
      '3 diary days newer in the backup will replace this device’s versions. 2 diary days newer on this device are kept.',
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: t.preview.import }));
    expect(
      await screen.findByText('Done. Changed: 3 diary days. 2 entries that differ were kept as on this device.'),
    ).toBeInTheDocument();
    const pains = async () => (await diaryDb.days.toArray()).map((day) => day.pain);
    expect(await pains()).toEqual([8, 8, 8, 2, 2]);

    await user.click(screen.getByRole('button', { name: t.doneButton }));
    choose(backupFile({ days: backupDays }));
    await user.click(await screen.findByRole('radio', { name: new RegExp(t.preview.backupWins) }));
    expect(within(importCard()).getByTestId('import-directions')).toHaveTextContent(
      t.preview.backupTakes('2 diary days', 2, 2),
    );
    await user.click(screen.getByRole('button', { name: t.preview.import }));
    expect(await screen.findByText('Done. Changed: 2 diary days.')).toBeInTheDocument();
    expect(await pains()).toEqual([8, 8, 8, 8, 8]);
  });

  it('replaces the diary only after a second confirmation', async () => {
    // jsdom has <dialog> but not its modal methods.
    Object.assign(HTMLDialogElement.prototype, {
      showModal(this: HTMLDialogElement) {
        this.setAttribute('open', '');
      },
      close(this: HTMLDialogElement) {
        this.removeAttribute('open');
      },
    });
    await diaryDb.days.bulkPut([dayFactory.build({ date: '2026-10-01' }), dayFactory.build({ date: '2026-10-02' })]);
    render(BackupSection);
    choose(backupFile({ days: [dayFactory.build({ date: '2026-11-03' })] }));
    const user = userEvent.setup();
    await user.click(await screen.findByRole('radio', { name: new RegExp(t.preview.replace) }));
    expect(screen.getByText(t.preview.replaceHint(2))).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: t.preview.import }));
    const dialog = await screen.findByRole('dialog', { name: t.preview.confirmTitle });
    expect(await diaryDb.days.count()).toBe(2);
    await user.click(within(dialog).getByRole('button', { name: t.preview.confirm }));
    await screen.findByText('Done. New in your diary: 1 diary day.');
    expect((await diaryDb.days.toArray()).map((day) => day.date)).toEqual(['2026-11-03']);
  });

  it('says what is wrong with a damaged file, writes nothing, and offers another file', async () => {
    await diaryDb.days.put(dayFactory.build());
    render(BackupSection);
    const text = await backupFile({ days: [dayFactory.build({ date: '2026-11-05' })] }).text();
    choose(new File([text.slice(0, text.length / 2)], 'hs-diary-backup-2026-11-26.json'));
    expect(await within(importCard()).findByRole('alert')).toHaveTextContent(t.problems.damaged);
    expect(screen.getByRole('button', { name: t.chooseAnother })).toBeInTheDocument();
    expect(await diaryDb.days.count()).toBe(1);
  });

  it('says a spreadsheet export cannot be imported', async () => {
    render(BackupSection);
    choose(new File(['\uFEFFdate,pain\r\n2026-11-01,3\r\n'], 'hs-diary-days-2026-11-26.csv'));
    expect(await within(importCard()).findByRole('alert')).toHaveTextContent(t.problems.spreadsheet);
  });

  it('writes the region and frequency labels beside the codes in the language on screen', async () => {
    const made: File[] = [];
    Object.assign(URL, {
      createObjectURL: vi.fn((file: File) => (made.push(file), 'blob:csv')),
      revokeObjectURL: vi.fn(),
    });
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    await diaryDb.days.put(
      dayFactory.build({ date: '2026-11-20', flare: true, regions: ['axilla-left', 'groin-right'] }),
    );
    await diaryDb.medications.put({ id: 'med-1', name: 'Adalimumab', drugClass: 'tnf', color: '#1f77b4' });
    await diaryDb.regimenEvents.put(eventFactory.start('2026-10-01', 40, 'weekly'));
    await i18n.use('zh-CN');
    try {
      const zh = zhCN.backup;
      render(BackupSection);
      const user = userEvent.setup();
      await user.click(screen.getByRole('button', { name: zh.csvDays }));
      await user.click(screen.getByRole('button', { name: zh.csvEvents }));
      await vi.waitFor(() => expect(made).toHaveLength(2));
      const [days, events] = await Promise.all(made.map((file) => file.text()));
      const regions = zhCN.regions;
      // Quoted: the "; " between regions is a field separator to Excel in many locales.
      expect(days).toContain(`,"axilla-left; groin-right","${regions['axilla-left']}; ${regions['groin-right']}",`);
      expect(events).toContain(`,weekly,${zhCN.medications.frequencies.weekly},`);
    } finally {
      await i18n.use('en');
    }
  });
});
