/** A dose's name in the patient's language, for Today, the notifications and the calendar file alike. */
import type { Medication } from '../domain/medication';
import type { Phase } from '../domain/phases';
import { doseNamePartsWith, doseNameWith, isolatedDoseNameWith } from './dose-words';
import { i18n } from './locale.svelte';

/**
 * The medication's name in the patient's language and the dose of that day, apart: a screen isolates the
 * name (`<bdi>`), since a name with a bidi override once turned the "40 mg" after it into "gm 04".
 */
export function doseNameParts(
  medication: Medication | undefined,
  dose: { phase: Pick<Phase, 'dose'> },
): { name: string; dose: string } {
  return doseNamePartsWith(i18n.t.medications, i18n.intlTag, medication, dose);
}

/** "Upadacitinib 15 mg": the medication's name in the patient's language, with the dose of that day. */
export function doseName(medication: Medication | undefined, dose: { phase: Pick<Phase, 'dose'> }): string {
  return doseNameWith(i18n.t.medications, i18n.intlTag, medication, dose);
}

/** The same with the name between FSI and PDI, for a notification or the calendar file (see dose-words.ts). */
export function isolatedDoseName(medication: Medication | undefined, dose: { phase: Pick<Phase, 'dose'> }): string {
  return isolatedDoseNameWith(i18n.t.medications, i18n.intlTag, medication, dose);
}
