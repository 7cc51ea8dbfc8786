/** How medications, doses and phases read in the patient's language, shared by every screen that shows them. */
import type { Medication, RegimenEvent } from '../../domain/medication';
import type { Dose, Phase } from '../../domain/phases';
import { ownValue } from '../../domain/own-key';
import type { RegimenEntryRef, RegimenProblem, RegimenProblemKind } from '../../domain/regimen';
import { i18n } from '../../i18n/locale.svelte';
import { InvalidRegimenError } from '../../state/failures';
import { storageFailureText } from '../shared/storage-failure-text';

export function medicationName(medication: Pick<Medication, 'name' | 'presetId'>): string {
  const preset = medication.presetId ? ownValue(i18n.t.medications.presetNames, medication.presetId) : undefined;
  return preset ?? medication.name;
}

export function doseText(dose: Dose | undefined, frequency: Phase['frequency']): string {
  const t = i18n.t.medications;
  if (!dose) return frequency ? t.frequencies[frequency] : '';
  return t.doseText(i18n.formatNumber(dose.amount, 2), t.units[dose.unit], frequency ? t.frequencies[frequency] : '');
}

/** "30 mg once daily since 12 Mar 2026", "Interrupted since 2 May 2026: infection". */
export function phaseStateText(phase: Phase): string {
  const t = i18n.t.medications;
  const since = i18n.formatDate(phase.start, 'long');
  if (phase.kind === 'on') return t.state.on(doseText(phase.dose, phase.frequency), since);
  const reason = phase.reason ? t.reasons[phase.reason] : '';
  return phase.kind === 'interrupted' ? t.state.interrupted(since, reason) : t.state.stopped(since, reason);
}

export function eventText(event: RegimenEvent, doseBefore: { dose?: Dose; frequency?: Phase['frequency'] }): string {
  const t = i18n.t.medications;
  const reason = event.reason ? t.reasons[event.reason] : '';
  const dose = doseText(event.dose ?? doseBefore.dose, event.frequency ?? doseBefore.frequency);
  switch (event.kind) {
    case 'start':
      return t.eventLine.start(dose);
    case 'dose-change':
      return t.eventLine['dose-change'](dose);
    case 'resume':
      return t.eventLine.resume(dose);
    case 'interruption':
      return t.eventLine.interruption(reason);
    case 'stop':
      return t.eventLine.stop(reason);
  }
}

export function problemText(kind: RegimenProblemKind): string {
  return i18n.t.medications.problems[kind];
}

export function fieldProblemText(field: string): string {
  const fields = i18n.t.medications.problems.fields;
  return field in fields ? fields[field as keyof typeof fields] : fields.other;
}

/** Why a medication or event was not saved, one line a reason: the history's problems and the fields refused, or the storage's failure. */
const entryWords = (entry: RegimenEntryRef) =>
  [i18n.t.medications.entryNouns[entry.kind], i18n.formatDate(entry.date, 'short')] as const;

/**
 * A problem in words, naming the entries involved rather than only the one typed: which entry it would come
 * after ("after the dose change on 4 Nov"), and, when another entry is the one that no longer fits, that one.
 */
function regimenProblemText(problem: RegimenProblem, typedEventId: string | undefined): string {
  const t = i18n.t.medications;
  const other = problem.conflictsWith;
  if (problem.kind === 'same-day' && other) return t.problemSameDay(...entryWords(other));
  const parts = [problemText(problem.kind)];
  if (other) parts.unshift(t.problemAfter(...entryWords(other)));
  if (typedEventId !== undefined && problem.eventId !== typedEventId)
    parts.unshift(t.problemOther(...entryWords(problem.entry)));
  return parts.join(' ');
}

/** Why a medication change was refused, each reason in words; `typedEventId` is the entry the patient saved. */
export function regimenFailureTexts(
  error: unknown,
  subject: 'medication' | 'medicationChange',
  typedEventId?: string,
): string[] {
  if (!(error instanceof InvalidRegimenError)) return [storageFailureText(error, subject)];
  return [
    ...error.problems.map((problem) => regimenProblemText(problem, typedEventId)),
    ...error.invalidFields.map(fieldProblemText),
  ];
}

/** Why deleting an entry was refused: the later entry that needs it, by kind and date, when there is one. */
export function deleteRefusedText(error: unknown, deletedEventId: string): string {
  if (error instanceof InvalidRegimenError) {
    const needing = error.problems.find((problem) => problem.eventId !== deletedEventId);
    if (needing) return i18n.t.medications.notDeleted(...entryWords(needing.entry));
  }
  return regimenFailureTexts(error, 'medicationChange').join(' ');
}

/** A number input's value as typed; `NaN` (refused by the schema, with a message) when empty or not a number. */
export function readAmount(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string' || value.trim() === '') return Number.NaN;
  return Number(value);
}
