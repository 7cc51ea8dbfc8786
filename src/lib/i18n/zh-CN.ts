/** Every 简体中文 message, typed as `Messages`, so a key missing here fails the build. Tests use this whole. */
import { backupZhCN } from './backup.zh-CN';
import { coreZhCN } from './core.zh-CN';
import type { Messages } from './en';
import { medicationsZhCN } from './medications.zh-CN';
import { remindersZhCN } from './reminders.zh-CN';
import { summaryZhCN } from './summary.zh-CN';
import { trendsZhCN } from './trends.zh-CN';

export const zhCN: Messages = {
  ...coreZhCN,
  medications: medicationsZhCN,
  backup: backupZhCN,
  trends: trendsZhCN,
  summary: summaryZhCN,
  reminders: remindersZhCN,
};
