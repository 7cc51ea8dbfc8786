/** A dose's name in the patient's language, for Today, the notifications and the calendar file alike. */
import type { Medication } from '../domain/medication';
import type { Phase } from '../domain/phases';
import { doseNameWith } from './dose-words';
import { i18n } from './locale.svelte';

/** "Upadacitinib 15 mg": the medication's name in the patient's language, with the dose of that day. */
export function doseName(medication: Medication | undefined, dose: { phase: Pick<Phase, 'dose'> }): string {
  return doseNameWith(i18n.t.medications, i18n.intlTag, medication, dose);
}
