/** The import flow and the backup export as the screens drive them: every step, and nothing written on a problem. */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backupFactory } from '../../../tests/factories/backup-factory';
import { dayFactory } from '../../../tests/factories/day-factory';
import { diaryDb, loadSettings } from '../db';
import { serializeBackup } from '../domain/backup-format';
import { encryptBackupText } from '../export/backup-crypto';
import { exportBackup, ImportFlow } from './backup.svelte';

const NOW = Date.UTC(2026, 10, 26, 12);

/** What a patient would find in the database: every table's rows. */
async function snapshot(): Promise<unknown[][]> {
  return Promise.all(diaryDb.tables.map((table) => table.toArray()));
}

async function flowAfter(file: File): Promise<ImportFlow> {
  const flow = new ImportFlow();
  await flow.choose(file);
  return flow;
}

beforeEach(async () => {
  await Promise.all(diaryDb.tables.map((table) => table.clear()));
  await diaryDb.days.put(dayFactory.build({ date: '2026-10-01' }));
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('importing a file', () => {
  it('never throws and never writes, whatever the file holds (property)', async () => {
    const valid = serializeBackup(backupFactory.build({ days: [dayFactory.build({ date: '2026-11-02' })] }));
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }).map((bytes) => new File([bytes], 'random.bin')),
          fc.string({ unit: 'binary', maxLength: 200 }).map((text) => backupFactory.file(text)),
          fc.jsonValue({ maxDepth: 3 }).map((value) => backupFactory.file(JSON.stringify(value))),
          fc.anything({ maxDepth: 2 }).map((value) => {
            let text: string;
            try {
              text = JSON.stringify(value) ?? '';
            } catch {
              text = '{';
            }
            return backupFactory.file(text);
          }),
          fc.nat({ max: valid.length - 1 }).map((cut) => backupFactory.file(valid.slice(0, cut))),
          fc
            .tuple(fc.nat({ max: valid.length - 1 }), fc.string({ minLength: 1, maxLength: 3 }))
            .map(([at, junk]) => backupFactory.file(valid.slice(0, at) + junk + valid.slice(at + 1))),
        ),
        async (file) => {
          const flow = await flowAfter(file);
          expect(['failed', 'locked', 'preview']).toContain(flow.step.name);
          expect(await snapshot()).toEqual(before);
        },
      ),
      { numRuns: 120 },
    );
  }, 60_000);

  it('stops at one bad row, names the table, row and field, and writes nothing', async () => {
    const days: unknown[] = Array.from({ length: 12 }, (_, index) =>
      dayFactory.build({ date: `2026-09-${String(index + 1).padStart(2, '0')}` }),
    );
    days[11] = { ...(days[11] as object), pain: 11 };
    const before = await snapshot();
    const flow = await flowAfter(backupFactory.file(backupFactory.text({ days })));
    expect(flow.step).toEqual({
      name: 'failed',
      failure: {
        source: 'backup',
        problem: backupFactory.badRow({
          table: 'days',
          row: 12,
          field: 'pain',
          issue: { kind: 'too-big', limit: 10, unit: 'number' },
        }),
      },
    });
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a backup whose calendar record would add an alarm to the next calendar file, and writes nothing', async () => {
    const alarm = '\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Take 10 tablets now\r\nTRIGGER:PT0M\r\nEND:VALARM';
    const calendarExport = {
      key: 'calendarExport',
      value: {
        'med-1-0800@hs-diary': {
          sequence: 0,
          start: '2026-03-02T08:00',
          intervalDays: 1,
          summary: 'Take it',
          until: `20260301T000000Z${alarm}`,
        },
      },
    };
    const before = await snapshot();
    const flow = await flowAfter(
      backupFactory.file(
        backupFactory.text({ days: [dayFactory.build({ date: '2026-11-05' })], meta: [calendarExport] }),
      ),
    );
    expect(flow.step).toEqual({
      name: 'failed',
      failure: {
        source: 'backup',
        problem: backupFactory.badRow({
          table: 'meta',
          row: 1,
          field: 'calendarExport.med-1-0800@hs-diary.until',
          issue: { kind: 'bad-format' },
        }),
      },
    });
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a backup from a newer HS Diary', async () => {
    const flow = await flowAfter(backupFactory.file(backupFactory.text({}, { formatVersion: 2 })));
    expect(flow.step).toEqual({ name: 'failed', failure: { source: 'backup', problem: { kind: 'newer-version' } } });
  });

  it('refuses a file over 25 MB before reading it', async () => {
    const file = backupFactory.file('');
    Object.defineProperty(file, 'size', { value: 26 * 1024 * 1024 });
    const text = vi.spyOn(file, 'text');
    const flow = await flowAfter(file);
    expect(flow.step).toMatchObject({ name: 'failed', failure: { problem: { kind: 'too-large' } } });
    expect(text).not.toHaveBeenCalled();
  });

  it('asks for the passphrase of an encrypted backup, says when it is wrong, then previews and imports', async () => {
    const plain = backupFactory.text({ days: [dayFactory.build({ date: '2026-11-03', pain: 7 })] });
    const flow = await flowAfter(
      backupFactory.file(JSON.stringify(await encryptBackupText(plain, 'right passphrase'))),
    );
    expect(flow.step).toEqual({ name: 'locked', isWrongPassphrase: false });
    await flow.unlock('wrong passphrase');
    expect(flow.step).toEqual({ name: 'locked', isWrongPassphrase: true });
    expect(await diaryDb.days.count()).toBe(1);
    await flow.unlock('right passphrase');
    expect(flow.step.name).toBe('preview');
    await flow.apply('merge');
    expect(flow.step.name).toBe('done');
    expect(await diaryDb.days.get('2026-11-03')).toMatchObject({ pain: 7 });
  }, 30_000);

  it('forgets an abandoned file: a reset during reading wins', async () => {
    const flow = new ImportFlow();
    const choosing = flow.choose(
      backupFactory.file(backupFactory.text({ days: [dayFactory.build({ date: '2026-11-04' })] })),
    );
    flow.reset();
    await choosing;
    expect(flow.step).toEqual({ name: 'idle' });
    expect(flow.isActive).toBe(false);
  });
});

describe('making a backup', () => {
  function captureDownloads(): string[] {
    const names: string[] = [];
    Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:backup'), revokeObjectURL: vi.fn() });
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    return names;
  }

  it('downloads hs-diary-backup-<date>.json where files cannot be shared, and remembers the time', async () => {
    const downloads = captureDownloads();
    vi.spyOn(Date, 'now').mockReturnValue(NOW);
    const outcome = await exportBackup();
    expect(outcome).toEqual({
      ok: true,
      delivery: 'downloaded',
      fileName: expect.stringMatching(/^hs-diary-backup-\d{4}-\d{2}-\d{2}\.json$/),
    });
    expect(downloads).toEqual([outcome.ok ? outcome.fileName : '']);
    expect(await loadSettings(diaryDb)).toMatchObject({ lastBackupAt: NOW });
  });

  it('shares the file where the device can, and remembers nothing when the patient closes the share sheet', async () => {
    const shared: File[] = [];
    Object.assign(navigator, {
      canShare: () => true,
      share: vi.fn(({ files }: { files: File[] }) => {
        shared.push(...files);
        return Promise.reject(new DOMException('closed', 'AbortError'));
      }),
    });
    try {
      expect(await exportBackup({ passphrase: 'a passphrase' })).toMatchObject({ ok: true, delivery: 'cancelled' });
      expect(shared).toHaveLength(1);
      expect((shared[0] as File).name).toMatch(/^hs-diary-backup-\d{4}-\d{2}-\d{2}-encrypted\.json$/);
      expect(JSON.parse(await (shared[0] as File).text())).toMatchObject({
        format: 'hs-diary-backup-encrypted',
        kdf: { iterations: 600_000 },
      });
      expect((await loadSettings(diaryDb)).lastBackupAt).toBeUndefined();
    } finally {
      Object.assign(navigator, { canShare: undefined, share: undefined });
    }
  }, 30_000);
});
