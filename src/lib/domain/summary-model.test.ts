import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysFrom, repeat } from '../../../tests/factories/regimen-factory';
import { records, TODAY } from '../../../tests/factories/summary-records';
import { addDays } from './dates';
import { DOSE_UNITS, FREQUENCIES, REGIMEN_EVENT_KINDS, STOP_REASONS } from './medication';
import { decodeSummary, encodeSummary } from './summary-codec';
import { buildSummaryModel, overviewFigures, summaryNotes, SUMMARY_NOTES } from './summary-model';
import { buildSummarySource, weeklyFromDays } from './summary-pick';
import type { SummarySource } from './summary-source';

describe('buildSummaryModel', () => {
  const source = buildSummarySource(records(), { from: '2026-04-01', to: TODAY }, TODAY, 'daily');
  const model = buildSummaryModel(source);

  it('computes the phase table from the source with its baseline and adherence', () => {
    const [medication] = model.medications;
    expect(medication?.baseline).toBe(7);
    expect(medication?.rows.map((row) => row.phase.kind)).toEqual(['on', 'interrupted', 'on']);
    const first = medication?.rows[0];
    expect(first?.meanPain).toBe(4);
    // Baseline 7, level 4.9: met on day 7, the first whole week inside the phase (docs/measures.md).
    expect(first?.response).toEqual({
      nrs30: { status: 'reached', dayOfPhase: 7, date: '2026-04-07' },
      endedInResponse: true,
      weeks: { counted: 8, inResponse: 8 },
    });
    expect(medication?.rows[1]?.afterInterruption).toEqual({ firstFlareDay: null, pain: { status: 'stayed' } });
    // After an interruption the response is the resumed phase's own, not "continued".
    expect(medication?.rows[2]?.response?.nrs30).toMatchObject({ status: 'reached', dayOfPhase: 7 });
    expect(first?.drainage).toMatchObject({ daysShare: 1, dressingChangesPerDay: 1 });
    expect(medication?.rows[2]?.adherence).toEqual({ taken: 2, scheduled: 3, ratio: 2 / 3 });
    expect(medication?.adherence).toEqual({ taken: 2, scheduled: 3, ratio: 2 / 3 });
    expect(model.unavailable).toEqual([]);
  });

  it('draws the chart: daily points, the 7-day mean, event lines and the interruption band', () => {
    expect(model.chart.days).toHaveLength(91);
    // The source holds the range's days only: the weekly mean needs 4 of them.
    expect(model.chart.sevenDayMean[2]?.value).toBeNull();
    expect(model.chart.sevenDayMean[3]?.value).toBe(4);
    expect(model.chart.events.map((event) => event.kind)).toEqual(['start', 'interruption', 'resume']);
    expect(model.chart.bands).toEqual([
      {
        medicationId: model.medications[0]?.id,
        color: '#1f77b4',
        from: '2026-06-01',
        to: '2026-06-09',
        xFrom: 60.5,
        xTo: 69.5,
        reason: 'infection',
      },
    ]);
  });

  it('counts flare days by region and interventions', () => {
    const days = daysFrom('2026-06-01', [
      { flare: true, regions: ['axilla-left', 'buttocks'], interventions: ['lesion-drained'] },
      { flare: true, regions: ['axilla-left'] },
    ]);
    const flareModel = buildSummaryModel(
      buildSummarySource(records({ days }), { from: '2026-06-01', to: TODAY }, TODAY, 'daily'),
    );
    expect(flareModel.flareDays).toBe(2);
    expect(flareModel.flareRegions).toEqual([
      { region: 'axilla-left', days: 2 },
      { region: 'buttocks', days: 1 },
    ]);
    expect(flareModel.interventions).toEqual([{ kind: 'lesion-drained', dates: ['2026-06-01'] }]);
  });

  it('says what weekly values cannot tell', () => {
    const weekly = buildSummaryModel(buildSummarySource(records(), { from: '2026-04-01', to: TODAY }, TODAY, 'weekly'));
    expect(weekly.unavailable).toContain('nrs30');
    expect(weekly.meanPain).toBeCloseTo(model.meanPain ?? 0, 1);
    expect(weekly.medications[0]?.rows[0]?.meanPain).toBeNull();
    expect(weekly.chart.weeks).toHaveLength(13);
  });

  it('is the same model after a trip through the QR codec', () => {
    const decoded = decodeSummary(encodeSummary(source));
    expect(decoded.ok).toBe(true);
    if (decoded.ok) expect(buildSummaryModel(decoded.source)).toEqual(model);
  });
});

const dateIn = (from: string, max: number) => fc.integer({ min: 0, max }).map((offset) => addDays(from, offset));

describe('summaryNotes', () => {
  it('gives the notes of the range, newest first, shortened, with a count of the rest', () => {
    const days = daysFrom('2026-06-01', [
      { note: 'Before the range.' },
      { note: '  Two\n\nlines,   spaced  ' },
      { note: '   ' },
      { note: 'x'.repeat(400) },
      ...repeat(3, SUMMARY_NOTES.shown + 2).map((pain, index) => ({ pain, note: `Day ${index}` })),
    ]);
    const notes = summaryNotes(days, { from: '2026-06-02', to: TODAY });
    expect(notes.shown).toHaveLength(SUMMARY_NOTES.shown);
    expect(notes.shown[0]).toEqual({ date: '2026-06-14', text: `Day ${SUMMARY_NOTES.shown + 1}` });
    expect(notes.shown.map((note) => note.date)).toEqual([...notes.shown.map((note) => note.date)].sort().reverse());
    // Ten dated notes and the two early ones are in the range; the blank one and the one before it are not.
    expect(notes.more).toBe(SUMMARY_NOTES.shown + 2 + 2 - SUMMARY_NOTES.shown);
    const all = summaryNotes(days, { from: '2026-06-02', to: '2026-06-04' });
    expect(all).toEqual({
      shown: [
        { date: '2026-06-04', text: `${'x'.repeat(SUMMARY_NOTES.chars - 1)}…` },
        { date: '2026-06-02', text: 'Two lines, spaced' },
      ],
      more: 0,
    });
  });

  it('are left out of the QR code: the viewer’s model says they were not carried', () => {
    const source = buildSummarySource(records(), { from: '2026-04-01', to: TODAY }, TODAY, 'daily');
    expect(buildSummaryModel(source).notes).toBeNull();
    const notes = { shown: [{ date: '2026-06-10', text: 'Sore' }], more: 0 };
    expect(buildSummaryModel(source, notes).notes).toEqual(notes);
  });
});

describe('buildSummaryModel on any decodable source', () => {
  it('never throws, whatever the events say', () => {
    const event = fc.record(
      {
        date: dateIn('2025-01-01', 500),
        kind: fc.constantFrom(...REGIMEN_EVENT_KINDS),
        dose: fc.record({ amount: fc.integer({ min: 1, max: 9000 }), unit: fc.constantFrom(...DOSE_UNITS) }),
        frequency: fc.constantFrom(...FREQUENCIES),
        reason: fc.constantFrom(...STOP_REASONS),
      },
      { requiredKeys: ['date', 'kind'] },
    );
    fc.assert(
      fc.property(
        fc.array(event, { maxLength: 10 }),
        fc.array(fc.record({ phaseStart: dateIn('2025-01-01', 500), taken: fc.nat(50), scheduled: fc.nat(50) }), {
          maxLength: 4,
        }),
        fc.array(fc.option(fc.integer({ min: 0, max: 10 }), { freq: 3 }), { maxLength: 120 }),
        fc.boolean(),
        (events, adherence, pains, isWeekly) => {
          const from = '2025-06-01';
          const to = addDays(from, Math.max(0, pains.length - 1));
          const days = pains.flatMap((pain, offset) =>
            pain === null
              ? []
              : [{ date: addDays(from, offset), pain, drainage: 1, flare: pain > 7, regions: [], interventions: [] }],
          );
          const source: SummarySource = {
            range: { from, to },
            madeOn: to,
            resolution: isWeekly ? 'weekly' : 'daily',
            days: isWeekly ? [] : days,
            weeks: isWeekly ? weeklyFromDays(days, { from, to }) : [],
            medications: [{ name: 'X', drugClass: 'other', color: '#123456', events, baselineX100: 500, adherence }],
            questions: '',
          };
          const model = buildSummaryModel(source);
          expect(model.lengthDays).toBe(pains.length === 0 ? 1 : pains.length);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('overviewFigures', () => {
  it('lists the figures at a glance, without heavy-drainage days for weekly values', () => {
    const range = { from: '2026-04-01', to: TODAY };
    const daily = buildSummaryModel(buildSummarySource(records(), range, TODAY, 'daily'));
    expect(overviewFigures(daily).map((figure) => figure.kind)).toEqual([
      'mean-pain',
      'mean-drainage',
      'flare-days',
      'heavy-drainage-days',
      'last-visit',
      'next-visit',
    ]);
    expect(overviewFigures(daily)[0]).toEqual({ kind: 'mean-pain', mean: daily.meanPain });
    const weekly = buildSummaryModel(buildSummarySource(records(), range, TODAY, 'weekly'));
    expect(overviewFigures(weekly).map((figure) => figure.kind)).not.toContain('heavy-drainage-days');
  });
});
