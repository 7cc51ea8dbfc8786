/**
 * A dose's name from given messages, with no app state: the page words it through `doseName`
 * (dose-name.ts), the service worker, which has no Svelte state, with the messages of the saved language.
 */
import type { Medication } from '../domain/medication';
import { ownValue } from '../domain/own-key';
import type { Phase } from '../domain/phases';
import { isolated } from '../domain/user-text';
import type { medicationsEn } from './medications.en';
import { formatDecimal } from './plain-numbers';

/** The medication's name in the messages' language and the dose of that day, apart. */
export function doseNamePartsWith(
  t: typeof medicationsEn,
  intlTag: string,
  medication: Medication | undefined,
  dose: { phase: Pick<Phase, 'dose'> },
): { name: string; dose: string } {
  const name = (medication?.presetId && ownValue(t.presetNames, medication.presetId)) || medication?.name || '';
  const amount = dose.phase.dose;
  if (!amount) return { name, dose: '' };
  const number = formatDecimal(amount.amount, 2, intlTag);
  return { name, dose: t.doseText(number, t.units[amount.unit], '') };
}

/** "Upadacitinib 15 mg": the medication's name in the messages' language, with the dose of that day. */
export function doseNameWith(
  t: typeof medicationsEn,
  intlTag: string,
  medication: Medication | undefined,
  dose: { phase: Pick<Phase, 'dose'> },
): string {
  const parts = doseNamePartsWith(t, intlTag, medication, dose);
  return parts.dose ? `${parts.name} ${parts.dose}` : parts.name;
}

/**
 * "Upadacitinib 15 mg" for text shown in one piece (a notification, the calendar's event title), with the
 * name between FSI and PDI so that a name with right-to-left letters or a bidi override cannot reorder the
 * dose after it ("gm 04"). Screens isolate with `<bdi>` instead (`doseNamePartsWith`).
 */
export function isolatedDoseNameWith(
  t: typeof medicationsEn,
  intlTag: string,
  medication: Medication | undefined,
  dose: { phase: Pick<Phase, 'dose'> },
): string {
  const parts = doseNamePartsWith(t, intlTag, medication, dose);
  return parts.dose ? `${isolated(parts.name)} ${parts.dose}` : isolated(parts.name);
}
