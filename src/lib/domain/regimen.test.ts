import { describe, expect, it } from 'vitest';
import { eventFactory } from '../../../tests/factories/regimen-factory';
import { checkRegimenChange, checkRegimenHistory } from './regimen';

const TODAY = '2026-11-26';

describe('what a regimen problem names', () => {
  it('names the entry a new one conflicts with, and its date, besides the entry itself', () => {
    const start = eventFactory.start('2026-10-01', 15);
    const pause = eventFactory.interruption('2026-11-04');
    const raise = eventFactory.doseChange('2026-11-10', 30);
    expect(checkRegimenChange([start, pause], { put: raise }, TODAY)).toEqual([
      {
        eventId: raise.id,
        kind: 'not-interrupted-to-change',
        entry: { eventId: raise.id, kind: 'dose-change', date: '2026-11-10' },
        conflictsWith: { eventId: pause.id, kind: 'interruption', date: '2026-11-04' },
      },
    ]);
  });

  it('names the resume that needs an interruption when the interruption would be deleted', () => {
    const start = eventFactory.start('2026-10-01', 15);
    const pause = eventFactory.interruption('2026-11-20');
    const resume = eventFactory.resume('2026-11-25');
    const [problem] = checkRegimenChange([start, pause, resume], { removeId: pause.id }, TODAY);
    expect(problem).toMatchObject({
      kind: 'resume-without-interruption',
      entry: { eventId: resume.id, kind: 'resume', date: '2026-11-25' },
      conflictsWith: { eventId: start.id, kind: 'start', date: '2026-10-01' },
    });
  });

  it('names no other entry for a problem of the entry alone', () => {
    const [problem] = checkRegimenHistory([eventFactory.start('2026-12-01', 15)], TODAY);
    expect(problem?.kind).toBe('future');
    expect(problem).not.toHaveProperty('conflictsWith');
  });
});
