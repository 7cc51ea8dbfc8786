/**
 * Every English message: the core plus each screen's section. The shape of this object is the `Messages`
 * type every language must match. The app itself loads the core and the sections separately (see
 * locale.svelte.ts), so Today never downloads the text of screens it does not show; tests use this whole.
 */
import { backupEn } from './backup.en';
import { coreEn } from './core.en';
import { medicationsEn } from './medications.en';
import { remindersEn } from './reminders.en';
import { summaryEn } from './summary.en';
import { trendsEn } from './trends.en';

export const SECTION_NAMES = ['medications', 'backup', 'trends', 'summary', 'reminders'] as const;
export type SectionName = (typeof SECTION_NAMES)[number];

export const en = {
  ...coreEn,
  medications: medicationsEn,
  backup: backupEn,
  trends: trendsEn,
  summary: summaryEn,
  reminders: remindersEn,
} satisfies Record<SectionName, unknown> & typeof coreEn;

export type Messages = typeof en;
export type { CoreMessages } from './core.en';
