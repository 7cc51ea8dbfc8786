/** Issue 13, item 14: "visit" means a visit to the dermatologist, never the app's last opening. */
import { describe, expect, test } from 'vitest';
import { remindersEn } from './reminders.en';
import { remindersZhCN } from './reminders.zh-CN';

describe('missed doses wording', () => {
  test('the missed doses title speaks of opening the app, not of a visit', () => {
    expect(remindersEn.doses.missedTitle).not.toMatch(/visit/i);
    expect(remindersEn.doses.missedTitle).toMatch(/opened/);
    expect(remindersZhCN.doses.missedTitle).not.toContain('就诊');
  });
});
