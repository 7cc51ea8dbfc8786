/**
 * How one row of a phase table reads, in the patient's (or the clinician's) language: its figures as
 * Trends, the summary screen, the print view, the viewer and the PDF all show them, and its sentence. One
 * wording from one row (docs/measures.md, "Sentences under the chart"), so no two places can disagree.
 */
import type { AfterInterruption, PhaseMeasures, PhaseResponse } from '../../domain/measures';
import { i18n } from '../../i18n/locale.svelte';
import { doseText } from '../medications/medication-text';
import {
  dayMonth,
  meanText,
  percentText,
  phaseAdherenceText,
  phaseTreatment,
  signedText,
  shortDose,
} from './trends-text';

export type PhaseColumn =
  'meanPain' | 'change' | 'nrs30' | 'afterInterruption' | 'drainage' | 'dressings' | 'flares' | 'adherence';

export interface PhaseFigure {
  key: PhaseColumn;
  lines: string[];
  isNumber: boolean;
}

export interface PhaseFigureOptions {
  /** Weekly summary values carry no days to measure phases with: only the doses taken are known. */
  isUnmeasured?: boolean;
}

/** A mean with "few days" beside it when it rests on fewer than 7 logged days. */
function fewDaysMean(value: number | null, row: PhaseMeasures): string {
  const text = meanText(value);
  return value !== null && row.fewDays ? i18n.t.trends.phases.withFewDays(text) : text;
}

export function responseLines(response: PhaseResponse): string[] {
  const t = i18n.t.trends.phases;
  const { nrs30 } = response;
  const lines = [
    nrs30.status === 'reached' ? t.nrs30.reached(nrs30.dayOfPhase, dayMonth(nrs30.date)) : t.nrs30[nrs30.status],
  ];
  if (response.endedInResponse !== null)
    lines.push(response.endedInResponse ? t.endedInResponse : t.endedOutOfResponse);
  if (response.weeks) lines.push(t.weeksInResponse(response.weeks.inResponse, response.weeks.counted));
  return lines;
}

export function afterInterruptionLines(after: AfterInterruption): string[] {
  const t = i18n.t.trends.phases.after;
  const flare = after.firstFlareDay === null ? t.noFlare : t.firstFlare(after.firstFlareDay);
  const pain = after.pain.status === 'back-above' ? t.backAbove(after.pain.dayOfPhase) : t[after.pain.status];
  return [flare, pain];
}

function drainageLines(row: PhaseMeasures): string[] {
  const t = i18n.t.trends.phases;
  const { drainage } = row;
  if (drainage.mean === null || drainage.daysShare === null) return [t.none];
  return [
    t.drainageMean(fewDaysMean(drainage.mean, row)),
    t.drainageShare(percentText(drainage.daysShare)),
    t.heavyDays(drainage.heavyDays),
  ];
}

function flareLines(row: PhaseMeasures): string[] {
  const t = i18n.t.trends.phases;
  const { flares } = row;
  if (row.loggedDays === 0) return [t.none];
  const lines = [
    flares.ratePer30Days === null
      ? t.flareCount(flares.episodes)
      : t.flareRate(meanText(flares.ratePer30Days), flares.episodes),
  ];
  if (flares.wasRunningAtStart) lines.push(t.flareRunning);
  return lines;
}

function changeText(row: PhaseMeasures): string {
  const t = i18n.t.trends.phases;
  const signed = signedText(row.changeFromPrevious);
  return row.changeInWords ? t.changeWithWords(signed, t.changeWords[row.changeInWords]) : signed;
}

/** Every figure of a phase, in the table's order: the response for a phase on treatment, or what followed an interruption. */
export function phaseFigures(row: PhaseMeasures, options: PhaseFigureOptions = {}): PhaseFigure[] {
  const none = [i18n.t.trends.phases.none];
  const measured = (lines: string[]) => (options.isUnmeasured ? none : lines);
  const figures: PhaseFigure[] = [
    { key: 'meanPain', lines: measured([fewDaysMean(row.meanPain, row)]), isNumber: true },
    { key: 'change', lines: measured([changeText(row)]), isNumber: true },
  ];
  if (row.response) figures.push({ key: 'nrs30', lines: measured(responseLines(row.response)), isNumber: false });
  if (row.afterInterruption)
    figures.push({
      key: 'afterInterruption',
      lines: measured(afterInterruptionLines(row.afterInterruption)),
      isNumber: false,
    });
  figures.push(
    { key: 'drainage', lines: measured(drainageLines(row)), isNumber: false },
    { key: 'dressings', lines: measured([meanText(row.drainage.dressingChangesPerDay)]), isNumber: true },
    { key: 'flares', lines: measured(flareLines(row)), isNumber: false },
    { key: 'adherence', lines: [phaseAdherenceText(row)], isNumber: false },
  );
  return figures;
}

/** "15 mg" for the sentence that compares a phase with the one before; a pause or stop as the table names it. */
function phaseName(row: PhaseMeasures): string {
  const { phase } = row;
  if (phase.kind !== 'on') return phaseTreatment(phase);
  return shortDose(phase.dose) || doseText(phase.dose, phase.frequency);
}

/**
 * One sentence for a phase, from its row and the row before it: "On 30 mg once daily (60 days, 60 logged):
 * mean pain 2.0, down 2.1 from 15 mg; drainage on 22 % of days, against 100 % before; in response all 8
 * weeks." A mean from fewer than 7 logged days is never turned into "down" or "up".
 */
export function phaseSentence(row: PhaseMeasures, previous: PhaseMeasures | undefined): string {
  const t = i18n.t.trends.changes;
  const phases = i18n.t.trends.phases;
  const { phase } = row;
  const length = phases.length(row.lengthDays, row.loggedDays);
  const reason = phase.reason ? i18n.t.medications.reasons[phase.reason] : '';
  const head =
    phase.kind === 'interrupted'
      ? t.phaseInterrupted(reason, length)
      : phase.kind === 'stopped'
        ? t.phaseStopped(reason, length)
        : t.phaseOn(doseText(phase.dose, phase.frequency), length);
  if (row.meanPain === null) return t.sentence(head, t.nothingLogged);

  const parts: string[] = [];
  const pain = meanText(row.meanPain);
  if (row.fewDays) parts.push(t.meanPainFew(pain));
  else if (row.changeInWords && previous && row.changeFromPrevious !== null) {
    const amount = meanText(Math.abs(row.changeFromPrevious));
    const from = phaseName(previous);
    const change =
      row.changeInWords === 'fell'
        ? t.down(amount, from)
        : row.changeInWords === 'rose'
          ? t.up(amount, from)
          : t.little(from);
    parts.push(`${t.meanPain(pain)}, ${change}`);
  } else parts.push(t.meanPain(pain));

  const share = row.drainage.daysShare;
  const previousShare = previous && !previous.fewDays ? previous.drainage.daysShare : null;
  if (share !== null && !row.fewDays)
    parts.push(
      previousShare === null
        ? t.drainage(percentText(share))
        : t.drainageFrom(percentText(share), percentText(previousShare)),
    );

  if (row.response && !row.fewDays) {
    const { nrs30, weeks } = row.response;
    if (nrs30.status === 'reached') parts.push(t.nrs30Reached(nrs30.dayOfPhase));
    else if (nrs30.status === 'continued') parts.push(t.responseContinued);
    else if (nrs30.status === 'not-reached') parts.push(t.notReached);
    if (weeks && weeks.counted > 0) parts.push(t.weeks(weeks.inResponse, weeks.counted));
  }
  if (row.afterInterruption) {
    const { firstFlareDay, pain: after } = row.afterInterruption;
    parts.push(firstFlareDay === null ? t.noFlare : t.firstFlare(firstFlareDay));
    if (after.status === 'back-above') parts.push(t.backAbove(after.dayOfPhase));
    else if (after.status === 'stayed') parts.push(t.stayed);
  }
  return t.sentence(head, parts.join(t.join));
}
