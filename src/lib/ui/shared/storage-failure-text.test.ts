/** A storage failure names what was not saved: the form the patient was using, in English and Chinese. */
import { beforeEach, describe, expect, it } from 'vitest';
import { i18n } from '../../i18n/locale.svelte';
import { StorageFailure } from '../../state/failures';
import { storageFailureText, type StorageSubject } from './storage-failure-text';

const SUBJECTS: StorageSubject[] = [
  'day',
  'dayDeletion',
  'medication',
  'medicationChange',
  'visit',
  'patient',
  'reminder',
  'setting',
  'read',
];

beforeEach(async () => {
  await i18n.use('en');
});

describe('storageFailureText', () => {
  it('a full disk while adding a medication or saving a visit does not say "this day was not saved"', () => {
    const full = new StorageFailure('quota', null);
    expect(storageFailureText(full, 'medication')).toBe(
      'Your device is out of storage space, so this medication was not added. What you typed is still here: free some space and try again.',
    );
    expect(storageFailureText(full, 'visit')).toContain('this visit was not saved');
    expect(storageFailureText(full, 'day')).toContain('this day was not saved');
    for (const subject of SUBJECTS.filter((subject) => subject !== 'day'))
      expect(storageFailureText(full, subject), subject).not.toContain('this day was not saved');
  });

  it.each(['en', 'zh-CN'] as const)(
    'gives every form its own words for a full disk and an unknown failure (%s)',
    async (locale) => {
      await i18n.use(locale);
      for (const failure of [new StorageFailure('quota', null), new StorageFailure('unknown', null), new Error('?')]) {
        const texts = SUBJECTS.map((subject) => storageFailureText(failure, subject));
        expect(new Set(texts).size, String(failure)).toBe(SUBJECTS.length);
      }
      expect(storageFailureText(new StorageFailure('quota', null), 'medication')).toBe(
        locale === 'en'
          ? i18n.t.form.storage.quota.medication
          : '设备存储空间已满，这种药物没有添加。您输入的内容还在：请释放一些空间后重试。',
      );
    },
  );

  it('keeps the shared wording where the cause, not the form, is what the patient must act on', () => {
    const newer = new StorageFailure('blocked', null, 'newer-database');
    expect(storageFailureText(newer, 'medication')).toBe(storageFailureText(newer, 'day'));
    expect(storageFailureText(new StorageFailure('blocked', null), 'visit')).toBe(i18n.t.form.storage.blocked);
  });
});
