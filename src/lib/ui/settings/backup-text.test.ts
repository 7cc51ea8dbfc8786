/** A backup's problems and an import's failures in the patient's words, in English and Chinese. */
import { beforeEach, describe, expect, it } from 'vitest';
import { backupFactory } from '../../../../tests/factories/backup-factory';
import { en } from '../../i18n/en';
import { i18n } from '../../i18n/locale.svelte';
import { backupFailureText, backupProblemText } from './backup-text';

beforeEach(async () => {
  await i18n.use('en');
});

describe('backupProblemText', () => {
  it('names the table, row and field of a bad row in words, in either language', async () => {
    const problem = backupFactory.badRow({
      table: 'days',
      row: 12,
      field: 'pain',
      issue: { kind: 'too-big', limit: 10, unit: 'number' },
    });
    expect(backupProblemText(problem)).toBe('Row 12 of the diary days: pain must be 10 or less. Nothing was imported.');
    await i18n.use('zh-CN');
    expect(backupProblemText(problem)).toBe('日记天数第 12 行：“疼痛”不能大于 10。没有导入任何内容。');
  });

  it('names the calendar record of a hostile meta row, in either language', async () => {
    const problem = backupFactory.badRow({
      table: 'meta',
      row: 1,
      field: 'calendarExport.med-1-0800@hs-diary.until',
      issue: { kind: 'bad-format' },
    });
    expect(backupProblemText(problem)).toBe(
      'Row 1 of the settings: the record of the last calendar file is not written the right way. Nothing was imported.',
    );
    await i18n.use('zh-CN');
    expect(backupProblemText(problem)).toBe('设置第 1 行：“上次日历文件的记录”的写法不对。没有导入任何内容。');
  });

  it('says to update first for a backup from a newer HS Diary, and when the passphrase is wrong', async () => {
    expect(backupProblemText({ kind: 'newer-version' })).toBe(en.backup.problems.newerVersion);
    expect(backupProblemText({ kind: 'wrong-passphrase' })).toBe(
      'The passphrase is not right, or the file was changed.',
    );
    await i18n.use('zh-CN');
    expect(backupProblemText({ kind: 'wrong-passphrase' })).toBe('密码不正确，或者文件已被改动。');
  });
});

describe('backupFailureText', () => {
  it('words the file’s problem, or the storage’s (a newer database has its own words)', () => {
    expect(backupFailureText({ source: 'backup', problem: { kind: 'damaged' } })).toBe(en.backup.problems.damaged);
    expect(backupFailureText({ source: 'storage', kind: 'quota', detail: undefined })).toBe(
      en.backup.importStorage.quota,
    );
    expect(backupFailureText({ source: 'storage', kind: 'blocked', detail: 'newer-database' })).toBe(
      en.backup.importStorage.newer,
    );
    expect(backupFailureText({ source: 'storage', kind: 'blocked', detail: 'upgrade-pending' })).toBe(
      en.backup.importStorage.blocked,
    );
  });
});
