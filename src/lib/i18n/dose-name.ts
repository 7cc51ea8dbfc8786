/** A dose's name in the patient's language, for Today, the notifications and the calendar file alike. */
import type { Medication } from '../domain/medication';
import { ownValue } from '../domain/own-key';
import type { Phase } from '../domain/phases';
import { i18n } from './locale.svelte';

/**
 * The medication's name in the patient's language and the dose of that day, apart: a screen isolates the
 * name (`<bdi>`), since a name with a bidi override once turned the "40 mg" after it into "gm 04".
 */
export function doseNameParts(
  medication: Medication | undefined,
  dose: { phase: Pick<Phase, 'dose'> },
): { name: string; dose: string } {
  const t = i18n.t.medications;
  const name = (medication?.presetId && ownValue(t.presetNames, medication.presetId)) || medication?.name || '';
  const amount = dose.phase.dose;
  return { name, dose: amount ? t.doseText(i18n.formatNumber(amount.amount, 2), t.units[amount.unit], '') : '' };
}

/** "Upadacitinib 15 mg": the medication's name in the patient's language, with the dose of that day. */
export function doseName(medication: Medication | undefined, dose: { phase: Pick<Phase, 'dose'> }): string {
  const parts = doseNameParts(medication, dose);
  return parts.dose ? `${parts.name} ${parts.dose}` : parts.name;
}
