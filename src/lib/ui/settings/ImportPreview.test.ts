/**
 * The import's waiting steps: a step that never finishes (a file still downloading, storage that does not
 * answer) says so after its time-out, and Cancel goes back to the start with nothing written.
 */
import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backupFactory } from '../../../../tests/factories/backup-factory';
import { dayFactory } from '../../../../tests/factories/day-factory';
import { diaryDb } from '../../db';
import { applyImport } from '../../db/backup-repository';
import { en } from '../../i18n/en';
import { i18n } from '../../i18n/locale.svelte';
import { IMPORT_STEP_TIME_OUTS_MS, ImportFlow, type ImportWork } from '../../state/backup.svelte';
import ImportPreview from './ImportPreview.svelte';

const t = en.backup;
const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

async function snapshot(): Promise<unknown[][]> {
  return Promise.all(diaryDb.tables.map((table) => table.toArray()));
}

function show(work: Partial<ImportWork>): ImportFlow {
  const flow = new ImportFlow({ work });
  render(ImportPreview, { flow, allowReplace: true, onChooseAnother: () => undefined });
  return flow;
}

const file = () => backupFactory.file(backupFactory.text({ days: [dayFactory.build({ date: '2026-11-03' })] }));

beforeEach(async () => {
  await i18n.use('en');
  await Promise.all(diaryDb.tables.map((table) => table.clear()));
  await diaryDb.days.put(dayFactory.build({ date: '2026-10-01' }));
  // Only the flow's time-outs are faked: the database keeps its own scheduling.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});

afterEach(() => vi.useRealTimers());

describe('a step that never finishes', () => {
  it.each([
    ['reading', { readText: never }],
    ['checking', { preview: never }],
  ] as const)(
    '%s: says it is taking too long after its time-out, and Cancel returns to the start',
    async (name, work) => {
      const before = await snapshot();
      const flow = show(work);
      void flow.choose(file());
      expect(await screen.findByText(name === 'reading' ? t.reading : t.checking)).toBeInTheDocument();
      expect(screen.queryByRole('alert')).toBeNull();
      vi.advanceTimersByTime(IMPORT_STEP_TIME_OUTS_MS[name] - 1);
      expect(screen.queryByRole('alert')).toBeNull();
      vi.advanceTimersByTime(1);
      expect(await screen.findByRole('alert')).toHaveTextContent(t.slow[name]);
      await fireEvent.click(screen.getByRole('button', { name: t.cancel }));
      expect(flow.step).toEqual({ name: 'idle', wasCancelled: true });
      expect(await screen.findByRole('status')).toHaveTextContent(t.cancelled);
      expect(await snapshot()).toEqual(before);
    },
  );

  it('unlocking: a key derivation that never ends can be cancelled too', async () => {
    let calls = 0;
    const flow = show({
      readBackup: () => (++calls === 1 ? Promise.resolve({ kind: 'locked' } as never) : never()),
    });
    await flow.choose(file());
    expect(flow.step.name).toBe('locked');
    void flow.unlock('a passphrase');
    expect(await screen.findByText(t.unlocking)).toBeInTheDocument();
    vi.advanceTimersByTime(IMPORT_STEP_TIME_OUTS_MS.unlocking);
    expect(await screen.findByRole('alert')).toHaveTextContent(t.slow.unlocking);
    await fireEvent.click(screen.getByRole('button', { name: t.cancel }));
    expect(flow.step).toEqual({ name: 'idle', wasCancelled: true });
  });

  it('importing: storage that does not answer, then Cancel, writes nothing', async () => {
    const before = await snapshot();
    const flow = show({
      // The write waits until the patient cancels, then runs with the cancelled signal, as a late answer would.
      apply: async (backup, mode, about) => {
        await new Promise((resolve) => about.signal.addEventListener('abort', resolve));
        return applyImport(diaryDb, backup, mode, about);
      },
    });
    await flow.choose(file());
    expect(flow.step.name).toBe('preview');
    await fireEvent.click(await screen.findByRole('button', { name: t.preview.import }));
    expect(await screen.findByText(t.importing)).toBeInTheDocument();
    vi.advanceTimersByTime(IMPORT_STEP_TIME_OUTS_MS.importing);
    expect(await screen.findByRole('alert')).toHaveTextContent(t.slow.importing);
    await fireEvent.click(screen.getByRole('button', { name: t.cancel }));
    expect(await screen.findByRole('status')).toHaveTextContent(t.cancelled);
    await vi.waitFor(() => expect(flow.step).toEqual({ name: 'idle', wasCancelled: true }));
    expect(await snapshot()).toEqual(before);
  });
});
