/**
 * The storage bench, run in Chromium with the app's real persistence code: the five-year diary written
 * through Dexie, then one year read back through the validated repository. run.mjs builds this file with
 * Vite and calls `window.runDiaryBench()`.
 */
import { DiaryDatabase } from '../../src/lib/db/database';
import { listDays, saveDay } from '../../src/lib/db/days-repository';
import { addDays } from '../../src/lib/domain/dates';
import type { DayEntry } from '../../src/lib/domain/day';
import { generateDiary } from '../factories/diary-generator';

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

declare global {
  interface Window {
    runDiaryBench: () => Promise<DiaryBenchResult>;
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
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

window.runDiaryBench = runDiaryBench;
