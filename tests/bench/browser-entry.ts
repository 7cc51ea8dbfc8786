/**
 * The storage bench, run in Chromium with the app's real persistence code: the five-year diary written
 * through Dexie, then one year read back through the validated repository. run.mjs builds this file with
 * Vite and calls `window.runDiaryBench()`.
 *
 * The Trends bench (`window.runTrendsBench()`) times what opening Trends costs on the same five years with
 * a realistic medication history: reading the days the screen asks for, the phase table, the chart series
 * for one year and for all time, and a real chart.js render of each on a phone-sized canvas.
 *
 * The Backup bench (`window.runBackupBench()`) times a backup of the same five years (plain, and encrypted
 * at 600,000 PBKDF2 iterations), reading it back, and importing it into an empty database (plan + apply),
 * and reports the file's size raw, gzipped and encrypted.
 */
import { DiaryDatabase, SCHEMA_VERSION } from '../../src/lib/db/database';
import { listDays, saveDay } from '../../src/lib/db/days-repository';
import { addDays } from '../../src/lib/domain/dates';
import type { DayEntry } from '../../src/lib/domain/day';
import { indexDays } from '../../src/lib/domain/measures';
import type { DoseLog, RegimenEvent } from '../../src/lib/domain/medication';
import type { MedicationPhases } from '../../src/lib/domain/chart-marks';
import { EARLIEST_DATE } from '../../src/lib/domain/dates';
import { presetRange } from '../../src/lib/domain/date-range';
import { buildPhaseTables, phaseDaysNeeded } from '../../src/lib/domain/phase-table';
import { buildTrendSeries, chartDaysNeeded, earliestDate, type TrendSeries } from '../../src/lib/domain/trend-series';
import { drawTrendsChart } from '../../src/lib/ui/trends/chart.chunk';
import { generateDiary } from '../factories/diary-generator';
import { benchPhases, median, patientDoseLogs, patientHistory } from './patient-history';
import { applyImport, previewImport, readBackupTables } from '../../src/lib/db/backup-repository';
import { makeBackupFile, readBackup } from '../../src/lib/export/backup';
import type { BackupFile } from '../../src/lib/domain/backup-format';

export const BENCH_DATABASE = 'hs-diary-bench';
const END_DATE = '2026-11-26';
const SAVE_DAY_SAMPLE = 200;
const READ_RUNS = 5;

export interface DiaryBenchResult {
  userAgent: string;
  generatedRows: number;
  generateMs: number;
  /** Rows in the `days` table after the bulk write. */
  rowsWritten: number;
  /** The whole data set in one `db.days.bulkPut` (one transaction, no validation). */
  bulkPutMs: number;
  bulkPutPerDayMs: number;
  /** Days saved one by one through `saveDay` (validate, then one put transaction each). */
  saveDaySample: number;
  saveDayTotalMs: number;
  saveDayPerDayMs: number;
  readFrom: string;
  readTo: string;
  /** Each `listDays` run over the last year, in order (the first one is the coldest). */
  readRunsMs: number[];
  readMedianMs: number;
  rowsRead: number;
}

export const TRENDS_BENCH_DATABASE = 'hs-diary-trends-bench';
const TRENDS_RUNS = 5;

export interface SeriesFigures {
  from: string;
  to: string;
  days: number;
  resolution: 'daily' | 'weekly';
  /** Dots, bars and line vertices the canvas draws. */
  points: number;
  /** Median of the runs of `buildTrendSeries`. */
  buildMs: number;
  /** Median of the runs of a real chart.js render (both layout passes), on a 358 x 352 canvas. */
  renderMs: number;
  markers: number;
  bands: number;
}

export interface TrendsBenchResult {
  medications: number;
  events: number;
  phases: number;
  doseLogs: number;
  /** The chart's days for one year (and the 6 days before it), read and indexed: medians. */
  chartFrom: string;
  chartTo: string;
  chartRows: number;
  chartReadMs: number;
  chartIndexMs: number;
  /** What the phase table reads: from 4 weeks before the first event to today. */
  phaseFrom: string;
  phaseTo: string;
  phaseRows: number;
  phaseReadMs: number;
  phaseIndexMs: number;
  /** Median of `buildPhaseTables`: `measurePhases` and the change sentences of every medication. */
  phaseTableMs: number;
  phaseTableRunsMs: number[];
  /** "All": every day of the diary is read once, for the chart and the phase table. */
  allRows: number;
  allReadMs: number;
  allIndexMs: number;
  oneYear: SeriesFigures;
  allTime: SeriesFigures;
}

export const BACKUP_BENCH_DATABASE = 'hs-diary-backup-bench';
const BACKUP_RUNS = 5;
const ENCRYPTED_RUNS = 3;

export interface BackupBenchResult {
  days: number;
  medications: number;
  events: number;
  /** Medians of the runs, in ms. */
  exportPlainMs: number;
  exportEncryptedMs: number;
  readPlainMs: number;
  readEncryptedMs: number;
  previewMs: number;
  applyMs: number;
  rawBytes: number;
  gzipBytes: number;
  encryptedBytes: number;
}

declare global {
  interface Window {
    runDiaryBench: () => Promise<DiaryBenchResult>;
    runTrendsBench: () => Promise<TrendsBenchResult>;
    runBackupBench: () => Promise<BackupBenchResult>;
  }
}

async function runDiaryBench(): Promise<DiaryBenchResult> {
  await new DiaryDatabase(BENCH_DATABASE).delete();
  const db = new DiaryDatabase(BENCH_DATABASE);
  await db.open();

  try {
    let start = performance.now();
    const diary = generateDiary({ years: 5, endDate: END_DATE, seed: 42 });
    const generateMs = performance.now() - start;

    start = performance.now();
    await db.days.bulkPut(diary);
    const bulkPutMs = performance.now() - start;
    const rowsWritten = await db.days.count();

    // Evenly spread days from the set, saved again one at a time the way the Today screen saves.
    const step = diary.length / SAVE_DAY_SAMPLE;
    const sample = Array.from({ length: SAVE_DAY_SAMPLE }, (_, index) => diary[Math.floor(index * step)]).filter(
      (day): day is DayEntry => day !== undefined,
    );
    start = performance.now();
    for (const day of sample) await saveDay(db, { ...day, updatedAt: day.updatedAt + 1 }, END_DATE);
    const saveDayTotalMs = performance.now() - start;

    const readFrom = addDays(END_DATE, -364);
    const readTo = END_DATE;
    const readRunsMs: number[] = [];
    let rowsRead = 0;
    for (let run = 0; run < READ_RUNS; run += 1) {
      start = performance.now();
      const days = await listDays(db, readFrom, readTo);
      readRunsMs.push(performance.now() - start);
      rowsRead = days.length;
    }

    return {
      userAgent: navigator.userAgent,
      generatedRows: diary.length,
      generateMs,
      rowsWritten,
      bulkPutMs,
      bulkPutPerDayMs: bulkPutMs / diary.length,
      saveDaySample: sample.length,
      saveDayTotalMs,
      saveDayPerDayMs: saveDayTotalMs / sample.length,
      readFrom,
      readTo,
      readRunsMs,
      readMedianMs: median(readRunsMs),
      rowsRead,
    };
  } finally {
    db.close();
    await db.delete();
  }
}

/** The shared five-year history (see patient-history.ts) as Trends reads it, with a log for every scheduled dose. */
function medicationHistory(): { medications: MedicationPhases[]; events: RegimenEvent[]; doseLogs: DoseLog[] } {
  const events = patientHistory(END_DATE);
  const medications = benchPhases(events, END_DATE).map(({ id, color, phases }) => ({ id, color, phases }));
  return { medications, events, doseLogs: patientDoseLogs(events, END_DATE) };
}

/** Median of `runs` timings of `work` (run once more first, unmeasured, to warm up). */
function timeIt<T>(runs: number, work: () => T): { result: T; medianMs: number; runsMs: number[] } {
  let result = work();
  const runsMs: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const start = performance.now();
    result = work();
    runsMs.push(performance.now() - start);
  }
  return { result, medianMs: median(runsMs), runsMs };
}

/** A phone-sized box like the Trends card, with the chart drawn in it `runs` times. */
function renderMs(series: TrendSeries, runs: number): number {
  const box = document.createElement('div');
  box.style.position = 'relative';
  box.style.width = '358px';
  box.style.height = '352px';
  const canvas = document.createElement('canvas');
  box.append(canvas);
  document.body.append(box);
  const input = {
    series,
    colors: { text: '#1b2124', muted: '#4d5a60', grid: '#c9d1cf', accent: '#1f6f78', surface: '#ffffff' },
    fontFamily: 'system-ui, sans-serif',
    ticks: [],
    markerLabels: [series.markers.map((marker) => `${marker.kind} ${marker.dose?.amount ?? ''}`)],
    painAxis: 'Pain',
    drainageAxis: 'Drainage',
    tooltipTitle: () => '',
    tooltipLines: () => [],
    onOpen: () => undefined,
  };
  try {
    return timeIt(runs, () => drawTrendsChart(canvas, input).destroy()).medianMs;
  } finally {
    box.remove();
  }
}

/** How many points (dots, bars, line vertices) the series asks the canvas to draw: a figure of the bench only. */
function pointCount(series: TrendSeries): number {
  const { points } = series;
  if (points.resolution === 'weekly') return points.weeks.length * 2;
  return points.days.length * 2 + points.sevenDayMean.length;
}

function seriesFigures(series: TrendSeries, buildMs: number): SeriesFigures {
  return {
    from: series.range.from,
    to: series.range.to,
    days: series.lengthDays,
    resolution: series.points.resolution,
    points: pointCount(series),
    buildMs,
    renderMs: renderMs(series, TRENDS_RUNS),
    markers: series.markers.length,
    bands: series.bands.length,
  };
}

async function runTrendsBench(): Promise<TrendsBenchResult> {
  await new DiaryDatabase(TRENDS_BENCH_DATABASE).delete();
  const db = new DiaryDatabase(TRENDS_BENCH_DATABASE);
  await db.open();
  try {
    const diary = generateDiary({ years: 5, endDate: END_DATE, seed: 42 });
    await db.days.bulkPut(diary);
    const { medications, events, doseLogs } = medicationHistory();

    /** Median time to read a span through the validated repository. */
    const read = async (from: string, to: string) => {
      const runsMs: number[] = [];
      let rows: DayEntry[] = [];
      for (let run = 0; run < TRENDS_RUNS; run += 1) {
        const start = performance.now();
        rows = await listDays(db, from, to);
        runsMs.push(performance.now() - start);
      }
      return { rows, medianMs: median(runsMs) };
    };

    // "1 year": the chart reads its year; the phase table reads from its first event, separately.
    const oneYear = presetRange('1y', END_DATE);
    const chartSpan = chartDaysNeeded(oneYear);
    const chartRead = await read(chartSpan.from, chartSpan.to);
    const chartIndex = timeIt(TRENDS_RUNS, () => indexDays(chartRead.rows));
    const phaseSpan = phaseDaysNeeded(medications, END_DATE) ?? chartSpan;
    const phaseRead = await read(phaseSpan.from, phaseSpan.to);
    const phaseIndex = timeIt(TRENDS_RUNS, () => indexDays(phaseRead.rows));
    const tables = timeIt(TRENDS_RUNS, () => buildPhaseTables(medications, phaseIndex.result, doseLogs));

    // "All": one read of everything serves both.
    const allRead = await read(EARLIEST_DATE, END_DATE);
    const allIndex = timeIt(TRENDS_RUNS, () => indexDays(allRead.rows));
    const allTime = presetRange('all', END_DATE, { earliest: earliestDate(allRead.rows, medications) });
    const year = timeIt(TRENDS_RUNS, () => buildTrendSeries(chartIndex.result, oneYear, medications));
    const all = timeIt(TRENDS_RUNS, () => buildTrendSeries(allIndex.result, allTime, medications));

    return {
      medications: medications.length,
      events: events.length,
      phases: medications.reduce((sum, medication) => sum + medication.phases.length, 0),
      doseLogs: doseLogs.length,
      chartFrom: chartSpan.from,
      chartTo: chartSpan.to,
      chartRows: chartRead.rows.length,
      chartReadMs: chartRead.medianMs,
      chartIndexMs: chartIndex.medianMs,
      phaseFrom: phaseSpan.from,
      phaseTo: phaseSpan.to,
      phaseRows: phaseRead.rows.length,
      phaseReadMs: phaseRead.medianMs,
      phaseIndexMs: phaseIndex.medianMs,
      allRows: allRead.rows.length,
      allReadMs: allRead.medianMs,
      allIndexMs: allIndex.medianMs,
      phaseTableMs: tables.medianMs,
      phaseTableRunsMs: tables.runsMs,
      oneYear: seriesFigures(year.result, year.medianMs),
      allTime: seriesFigures(all.result, all.medianMs),
    };
  } finally {
    db.close();
    await db.delete();
  }
}

/** Median time of `runs` runs of `work` (each run may set up with `before`, untimed). */
async function timed<T>(
  runs: number,
  work: () => Promise<T>,
  before?: () => Promise<void>,
): Promise<{ result: T; ms: number }> {
  const times: number[] = [];
  let result: T | undefined;
  for (let run = 0; run < runs; run += 1) {
    await before?.();
    const start = performance.now();
    result = await work();
    times.push(performance.now() - start);
  }
  return { result: result as T, ms: median(times) };
}

async function gzipSize(text: string): Promise<number> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

async function runBackupBench(): Promise<BackupBenchResult> {
  await new DiaryDatabase(BACKUP_BENCH_DATABASE).delete();
  const source = new DiaryDatabase(BACKUP_BENCH_DATABASE);
  const targetName = `${BACKUP_BENCH_DATABASE}-import`;
  let target = new DiaryDatabase(targetName);
  try {
    const days = generateDiary({ years: 5, endDate: END_DATE, seed: 42 });
    const medications = [
      { id: 'bench-upa', name: 'Upadacitinib', drugClass: 'jak1-selective' as const, color: '#1f77b4' },
      { id: 'bench-dox', name: 'Doxycycline', drugClass: 'antibiotic' as const, color: '#ff7f0e' },
    ];
    const events: RegimenEvent[] = [
      {
        id: 'b1',
        medicationId: 'bench-dox',
        date: '2022-03-01',
        kind: 'start',
        dose: { amount: 100, unit: 'mg' },
        frequency: 'twice-daily',
      },
      { id: 'b2', medicationId: 'bench-dox', date: '2022-06-01', kind: 'stop', reason: 'side-effect' },
      {
        id: 'b3',
        medicationId: 'bench-upa',
        date: '2023-01-10',
        kind: 'start',
        dose: { amount: 15, unit: 'mg' },
        frequency: 'once-daily',
      },
      {
        id: 'b4',
        medicationId: 'bench-upa',
        date: '2023-07-01',
        kind: 'dose-change',
        dose: { amount: 30, unit: 'mg' },
      },
      { id: 'b5', medicationId: 'bench-upa', date: '2024-02-05', kind: 'interruption', reason: 'infection' },
      { id: 'b6', medicationId: 'bench-upa', date: '2024-02-26', kind: 'resume', dose: { amount: 30, unit: 'mg' } },
    ];
    await source.transaction('rw', source.days, source.medications, source.regimenEvents, async () => {
      await source.days.bulkPut(days);
      await source.medications.bulkPut(medications);
      await source.regimenEvents.bulkPut(events);
    });
    const about = { appVersion: 'bench', schemaVersion: SCHEMA_VERSION, exportedAt: Date.now(), date: END_DATE };

    const plain = await timed(BACKUP_RUNS, async () => {
      const file = await makeBackupFile(await readBackupTables(source, { now: about.exportedAt }), about);
      return file.text();
    });
    const encrypted = await timed(ENCRYPTED_RUNS, async () => {
      const tables = await readBackupTables(source, { now: about.exportedAt });
      return (await makeBackupFile(tables, about, { passphrase: 'a bench passphrase' })).text();
    });
    const readPlain = await timed(BACKUP_RUNS, () =>
      readBackup(plain.result, { schemaVersion: SCHEMA_VERSION, nowMs: Date.now() }),
    );
    const readEncrypted = await timed(ENCRYPTED_RUNS, () =>
      readBackup(encrypted.result, {
        schemaVersion: SCHEMA_VERSION,
        nowMs: Date.now(),
        passphrase: 'a bench passphrase',
      }),
    );
    if (readPlain.result.kind !== 'plain' || readEncrypted.result.kind !== 'plain')
      throw new Error('the bench backup did not read back');
    const backup: BackupFile = readPlain.result.backup;

    const emptyTarget = async () => {
      target.close();
      await target.delete();
      target = new DiaryDatabase(targetName);
      await target.open();
    };
    const preview = await timed(BACKUP_RUNS, () => previewImport(target, backup), emptyTarget);
    const apply = await timed(
      BACKUP_RUNS,
      () => applyImport(target, backup, 'merge', { now: Date.now() }),
      emptyTarget,
    );
    if ((await target.days.count()) !== days.length) throw new Error('the bench import lost days');

    return {
      days: days.length,
      medications: medications.length,
      events: events.length,
      exportPlainMs: plain.ms,
      exportEncryptedMs: encrypted.ms,
      readPlainMs: readPlain.ms,
      readEncryptedMs: readEncrypted.ms,
      previewMs: preview.ms,
      applyMs: apply.ms,
      rawBytes: new Blob([plain.result]).size,
      gzipBytes: await gzipSize(plain.result),
      encryptedBytes: new Blob([encrypted.result]).size,
    };
  } finally {
    source.close();
    await source.delete();
    target.close();
    await target.delete();
  }
}

window.runDiaryBench = runDiaryBench;
window.runTrendsBench = runTrendsBench;
window.runBackupBench = runBackupBench;
