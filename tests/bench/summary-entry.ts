/**
 * The Summary bench (`window.runSummaryBench()`), run in Chromium with the app's real code: for the last
 * 90 days and the last year of a five-year diary with a realistic medication history, the time to build the
 * summary model, the QR code (encode, compress, pick the version, draw the modules) and the PDF in English
 * and in Chinese (the first Chinese PDF also fetches the CJK font; later ones read it from the cache), and
 * what the QR carries: its version and payload bytes.
 */
import { PDFDocument } from 'pdf-lib';
import { addDays, type IsoDate } from '../../src/lib/domain/dates';
import { fitSummaryUrl, qrSegments, qrVersionForSegments, viewerUrl } from '../../src/lib/domain/qr-fit';
import { encodeSummary, fromDigits } from '../../src/lib/domain/summary-codec';
import { buildSummaryModel, summaryNotes } from '../../src/lib/domain/summary-model';
import type { PackVersion } from '../../src/lib/domain/summary-pack';
import { buildSummarySource, type SummaryRecords } from '../../src/lib/domain/summary-pick';
import type { SummarySource } from '../../src/lib/domain/summary-source';
import { makeSummaryPdf } from '../../src/lib/export/pdf.chunk';
import { qrMatrix } from '../../src/lib/export/qr.chunk';
import type { Locale } from '../../src/lib/domain/settings';
import { i18n } from '../../src/lib/i18n/locale.svelte';
import { pdfContent, pdfFrame } from '../../src/lib/ui/summary/pdf-content';
import { generateDiary } from '../factories/diary-generator';
import { BENCH_MEDICATIONS, median, patientDoseLogs, patientHistory } from './patient-history';

const END_DATE: IsoDate = '2026-11-26';
const APP_URL = 'https://hs-diary.example.org/hs-diary/';
const RUNS = 5;
const PDF_RUNS = 3;

export interface SummaryPdfFigures {
  /** Median of the runs: words (pdfContent) plus pdf-lib layout and save. */
  ms: number;
  bytes: number;
  pages: number;
  /** The PDF itself, base64, so run.mjs can leave it in .bench/ to be looked at. */
  base64: string;
}

export interface SummaryRangeFigures {
  label: '90 days' | '1 year';
  from: IsoDate;
  to: IsoDate;
  daysInRange: number;
  /** Median of `buildSummarySource` + `buildSummaryModel` (daily values) with the range's notes. */
  modelMs: number;
  /** Median of the QR link (source, range-coded pack, digits, version) plus its module matrix. */
  qrMs: number;
  qrVersion: number | null;
  /** The version the same summary needs as links made before layout 3 (deflated layout 2, as digits). */
  layout2QrVersion: number | null;
  /** The version the same summary needs in the links' oldest form (layout 2 as base64url, all byte mode). */
  base64urlQrVersion: number | null;
  resolution: 'daily' | 'weekly';
  isWeeklyFallback: boolean;
  /** The binary payload (layout 3, range-coded), before it is written as digits. */
  payloadBytes: number;
  /** The same summary's payload in layout 2, deflated (links made before layout 3). */
  layout2PayloadBytes: number;
  /** The whole link the QR code carries, address included. */
  urlBytes: number;
  pdfEnglish: SummaryPdfFigures;
  pdfChinese: SummaryPdfFigures;
}

export interface SummaryBenchResult {
  days: number;
  events: number;
  doseLogs: number;
  /** The first Chinese PDF of the session: the font subset is fetched (about 2.4 MB, from this origin) and cached. */
  chineseFirstPdfMs: number;
  ranges: SummaryRangeFigures[];
}

declare global {
  interface Window {
    runSummaryBench: () => Promise<SummaryBenchResult>;
  }
}

async function medianMs<T>(runs: number, work: () => T | Promise<T>): Promise<{ result: T; ms: number }> {
  const times: number[] = [];
  let result = await work();
  for (let run = 0; run < runs; run += 1) {
    const start = performance.now();
    result = await work();
    times.push(performance.now() - start);
  }
  return { result, ms: median(times) };
}

function records(): SummaryRecords {
  const events = patientHistory(END_DATE);
  const doseLogs = patientDoseLogs(events, END_DATE);
  return {
    days: generateDiary({ years: 5, endDate: END_DATE, seed: 42 }),
    medications: BENCH_MEDICATIONS,
    events,
    doseLogs,
    visits: [
      {
        id: 'bench-visit',
        date: addDays(END_DATE, -400),
        ihs4: 14,
        hurley: 'II',
        notes: 'Upadacitinib 30 mg; review in three months.',
        questions: 'Can I stay on 30 mg? What do I do before the next surgery?',
        nextVisit: addDays(END_DATE, 14),
      },
    ],
  };
}

async function pdfOf(records: SummaryRecords, from: IsoDate, locale: Locale): Promise<Uint8Array> {
  await i18n.use(locale);
  const range = { from, to: END_DATE };
  const model = buildSummaryModel(
    buildSummarySource(records, range, END_DATE, 'daily'),
    summaryNotes(records.days, range),
  );
  const frame = pdfFrame('a4');
  return (await makeSummaryPdf(pdfContent(model, frame.width - 2 * frame.margin, 150), { frame })).bytes;
}

async function pdfFigures(records: SummaryRecords, from: IsoDate, locale: Locale): Promise<SummaryPdfFigures> {
  const { result, ms } = await medianMs(PDF_RUNS, () => pdfOf(records, from, locale));
  const pages = (await PDFDocument.load(result)).getPageCount();
  let binary = '';
  result.forEach((byte) => (binary += String.fromCharCode(byte)));
  return { ms, bytes: result.byteLength, pages, base64: btoa(binary) };
}

/** The QR version a summary needs in an older layout or form of the link. */
function versionOf(source: SummarySource, form: 'digits' | 'base64url', version: PackVersion): number | null {
  return qrVersionForSegments(qrSegments(viewerUrl(APP_URL, encodeSummary(source, form, version))));
}

function byteLengthOfDigits(digits: string): number {
  const bytes = fromDigits(digits);
  return bytes instanceof Uint8Array ? bytes.length : 0;
}

async function runSummaryBench(): Promise<SummaryBenchResult> {
  await i18n.use('en');
  await i18n.need('summary', 'medications', 'trends');
  const diary = records();

  // The first Chinese PDF, timed alone: the font is not cached yet (the bench origin is fresh).
  const firstStart = performance.now();
  await pdfOf(diary, addDays(END_DATE, -89), 'zh-CN');
  const chineseFirstPdfMs = performance.now() - firstStart;

  const ranges: SummaryRangeFigures[] = [];
  for (const [label, days] of [
    ['90 days', 90],
    ['1 year', 365],
  ] as const) {
    const from = addDays(END_DATE, -(days - 1));
    const range = { from, to: END_DATE };
    await i18n.use('en');
    const model = await medianMs(RUNS, () =>
      buildSummaryModel(buildSummarySource(diary, range, END_DATE, 'daily'), summaryNotes(diary.days, range)),
    );
    const qr = await medianMs(RUNS, () => {
      const fit = fitSummaryUrl(APP_URL, (resolution) => buildSummarySource(diary, range, END_DATE, resolution));
      return { fit, matrix: qrMatrix(fit.url) };
    });
    const source = buildSummarySource(diary, range, END_DATE, qr.result.fit.resolution);
    if (qr.result.matrix.version !== qr.result.fit.version)
      throw new Error(`QR version ${qr.result.matrix.version} drawn, ${qr.result.fit.version} expected`);
    ranges.push({
      label,
      from,
      to: END_DATE,
      daysInRange: days,
      modelMs: model.ms,
      qrMs: qr.ms,
      qrVersion: qr.result.fit.version,
      resolution: qr.result.fit.resolution,
      isWeeklyFallback: qr.result.fit.isWeeklyFallback,
      layout2QrVersion: versionOf(source, 'digits', 2),
      base64urlQrVersion: versionOf(source, 'base64url', 2),
      payloadBytes: byteLengthOfDigits(qrSegments(qr.result.fit.url).digits),
      layout2PayloadBytes: byteLengthOfDigits(encodeSummary(source, 'digits', 2).split('-')[1] ?? ''),
      urlBytes: qr.result.fit.urlBytes,
      pdfEnglish: await pdfFigures(diary, from, 'en'),
      pdfChinese: await pdfFigures(diary, from, 'zh-CN'),
    });
  }
  await i18n.use('en');
  return {
    days: diary.days.length,
    events: diary.events.length,
    doseLogs: diary.doseLogs.length,
    chineseFirstPdfMs,
    ranges,
  };
}

window.runSummaryBench = runSummaryBench;
